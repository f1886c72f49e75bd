package io.github.convai4j.webhooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;

import static io.github.convai4j.webhooks.TestSignatures.SECRET;
import static io.github.convai4j.webhooks.TestSignatures.header;
import static io.github.convai4j.webhooks.TestSignatures.utf8;
import static io.github.convai4j.webhooks.TestSignatures.v0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookVerifierTest {

    static final long T = 1739537297L;
    static final byte[] BODY = utf8("{\"type\":\"post_call_transcription\",\"event_timestamp\":1739537297,"
            + "\"data\":{\"agent_id\":\"xyz\",\"conversation_id\":\"abc\"}}");

    /**
     * Computed once, outside Java, with:
     * <pre>
     * printf '%s' '1739537297.{"type":"post_call_transcription","event_timestamp":1739537297,"data":{"agent_id":"xyz","conversation_id":"abc"}}' \
     *   | openssl dgst -sha256 -hmac 'wsec_0123456789abcdef0123456789abcdef'
     * </pre>
     */
    static final String OPENSSL_V0 = "33621005cdae08b97a8c4fcebbe2045fcdacd1e509f6616b891c5d1bf1b90e38";

    /**
     * A body with non-ASCII characters ("Zoë" and a headphone emoji, as UTF-8), signed once outside Java with:
     * <pre>
     * printf '%s' '1739537297.{"type":"post_call_transcription","data":{"user_name":"Zoë 🎧"}}' \
     *   | openssl dgst -sha256 -hmac 'wsec_0123456789abcdef0123456789abcdef'
     * </pre>
     */
    static final String OPENSSL_V0_UTF8 = "2ea49979f2137320703ec19bf73d73969be947b58a59c4d0428613f3cc4d5a04";
    static final byte[] BODY_UTF8 = utf8("{\"type\":\"post_call_transcription\",\"data\":{\"user_name\":\"Zo\u00eb \uD83C\uDFA7\"}}");

    static WebhookVerifier verifierAt(long epochSecond) {
        return WebhookVerifier.builder().secret(SECRET).clock(clockAt(epochSecond)).build();
    }

    static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @Test
    void acceptsTheSignatureOpensslComputed() {
        verifierAt(T).verify("t=" + T + ",v0=" + OPENSSL_V0, BODY);
    }

    @Test
    void signsTheRawUtf8BytesOfTheBody() {
        verifierAt(T).verify("t=" + T + ",v0=" + OPENSSL_V0_UTF8, BODY_UTF8);
        // The same JSON value, re-encoded with escapes (as a framework that parsed and re-wrote it might): rejected.
        byte[] reencoded = utf8("{\"type\":\"post_call_transcription\",\"data\":{\"user_name\":\"Zo\\u00eb \\ud83c\\udfa7\"}}");
        assertThatThrownBy(() -> verifierAt(T).verify("t=" + T + ",v0=" + OPENSSL_V0_UTF8, reencoded))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("exactly as received");
    }

    @Test
    void theTestsOwnSigningAgreesWithOpenssl() {
        // The test helper is what the other tests sign with: check it against the vectors computed outside Java.
        assertThat(v0(SECRET, T, BODY)).isEqualTo(OPENSSL_V0);
        assertThat(v0(SECRET, T, BODY_UTF8)).isEqualTo(OPENSSL_V0_UTF8);
    }

    @Test
    void acceptsBodiesOfAnyBytesSignedIndependently() {
        java.util.Random random = new java.util.Random(42);
        for (int size : new int[] {0, 1, 63, 64, 65, 4096, 100_000}) {
            byte[] body = new byte[size];
            random.nextBytes(body); // not even UTF-8: the signature is over bytes
            verifierAt(T).verify(header(SECRET, T, body), body);
        }
    }

    @Test
    void rejectsAnyChangedBodyByte() {
        String header = header(SECRET, T, BODY);
        for (int i : new int[] {0, BODY.length / 2, BODY.length - 1}) {
            byte[] changed = BODY.clone();
            changed[i] ^= 0x01;
            assertThatThrownBy(() -> verifierAt(T).verify(header, changed))
                    .isInstanceOf(SignatureMismatchException.class);
        }
        assertThatThrownBy(() -> verifierAt(T).verify(header, Arrays.copyOf(BODY, BODY.length + 1)))
                .isInstanceOf(SignatureMismatchException.class);
        assertThatThrownBy(() -> verifierAt(T).verify(header, Arrays.copyOf(BODY, BODY.length - 1)))
                .isInstanceOf(SignatureMismatchException.class);
    }

    @Test
    void rejectsAChangedTimestampOrSignature() {
        String signature = v0(SECRET, T, BODY);
        assertThatThrownBy(() -> verifierAt(T).verify("t=" + (T + 1) + ",v0=" + signature, BODY))
                .isInstanceOf(SignatureMismatchException.class);
        // the same number written differently is a different signed message
        assertThatThrownBy(() -> verifierAt(T).verify("t=0" + T + ",v0=" + signature, BODY))
                .isInstanceOf(SignatureMismatchException.class);
        char last = signature.charAt(63);
        String changed = signature.substring(0, 63) + (last == '0' ? '1' : '0');
        assertThatThrownBy(() -> verifierAt(T).verify("t=" + T + ",v0=" + changed, BODY))
                .isInstanceOf(SignatureMismatchException.class);
    }

    @Test
    void rejectsAWrongSecret() {
        assertThatThrownBy(() -> WebhookVerifier.builder().secret("wsec_another").clock(clockAt(T)).build()
                .verify(header(SECRET, T, BODY), BODY))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("under the configured secret");
    }

    @Test
    void acceptsUppercaseHex() {
        verifierAt(T).verify("t=" + T + ",v0=" + OPENSSL_V0.toUpperCase(java.util.Locale.ROOT), BODY);
    }

    @Test
    void rejectsAReplayOutsideTheToleranceInThePast() {
        String header = header(SECRET, T, BODY);
        verifierAt(T + 30 * 60).verify(header, BODY);                   // exactly 30 min old: still accepted
        assertThatThrownBy(() -> verifierAt(T + 30 * 60 + 1).verify(header, BODY))
                .isInstanceOfSatisfying(TimestampOutsideToleranceException.class, e -> {
                    assertThat(e.timestamp()).isEqualTo(T);
                    assertThat(e.age()).isEqualTo(Duration.ofSeconds(30 * 60 + 1));
                    assertThat(e.getMessage()).contains("30 min ago").contains("replay");
                });
    }

    @Test
    void rejectsATimestampOutsideTheToleranceInTheFuture() {
        String header = header(SECRET, T, BODY);
        verifierAt(T - 30 * 60).verify(header, BODY);                   // 30 min ahead: still accepted
        assertThatThrownBy(() -> verifierAt(T - 30 * 60 - 1).verify(header, BODY))
                .isInstanceOfSatisfying(TimestampOutsideToleranceException.class, e -> {
                    assertThat(e.age()).isEqualTo(Duration.ofSeconds(-30 * 60 - 1));
                    assertThat(e.getMessage()).contains("in the future").contains("clock");
                });
    }

    @Test
    void checksTheTimestampBeforeTheSignature() {
        // A stale request is reported as stale even when its signature is also wrong.
        assertThatThrownBy(() -> verifierAt(T + 3600).verify("t=" + T + ",v0=" + repeat('0', 64), BODY))
                .isInstanceOf(TimestampOutsideToleranceException.class);
    }

    @Test
    void usesTheToleranceItIsGiven() {
        WebhookVerifier fiveMinutes = WebhookVerifier.builder().secret(SECRET).tolerance(Duration.ofMinutes(5))
                .clock(clockAt(T + 301)).build();
        assertThat(fiveMinutes.tolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> fiveMinutes.verify(header(SECRET, T, BODY), BODY))
                .isInstanceOf(TimestampOutsideToleranceException.class);
        assertThat(WebhookVerifier.builder().secret(SECRET).build().tolerance()).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsASignatureByAnyOfSeveralSecrets() {
        WebhookVerifier rotating = WebhookVerifier.builder().secrets(Arrays.asList("wsec_old", "wsec_new"))
                .clock(clockAt(T)).build();
        rotating.verify(header("wsec_old", T, BODY), BODY);
        rotating.verify(header("wsec_new", T, BODY), BODY);
        assertThatThrownBy(() -> rotating.verify(header("wsec_other", T, BODY), BODY))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("2 configured secrets");
    }

    @Test
    void acceptsAHeaderWithSeveralSignaturesWhenOneMatches() {
        String good = v0(SECRET, T, BODY);
        String other = v0("wsec_other", T, BODY);
        verifierAt(T).verify("t=" + T + ",v0=" + other + ",v0=" + good, BODY);
        verifierAt(T).verify("t=" + T + ",v0=" + good + ",v0=" + other, BODY);
        verifierAt(T).verify("v0=" + other + ",t=" + T + ",v0=" + good, BODY);   // order does not matter
        assertThatThrownBy(() -> verifierAt(T).verify("t=" + T + ",v0=" + other + ",v0=" + other, BODY))
                .isInstanceOf(SignatureMismatchException.class)
                .hasMessageContaining("2 v0 entries");
    }

    @Test
    void toleratesSpacesAroundEntriesAndEmptyEntries() {
        String good = v0(SECRET, T, BODY);
        verifierAt(T).verify(" t=" + T + " , v0=" + good + " ", BODY);
        verifierAt(T).verify("t=" + T + ",\tv0=" + good, BODY);
        verifierAt(T).verify("t=" + T + ",,v0=" + good + ",", BODY);
    }

    @Test
    void ignoresEntriesOfOtherSchemes() {
        String good = v0(SECRET, T, BODY);
        verifierAt(T).verify("t=" + T + ",v1=zzz,v0=" + good + ",foo=bar", BODY);
        assertThatThrownBy(() -> verifierAt(T).verify("t=" + T + ",v1=" + good, BODY))
                .isInstanceOf(MalformedSignatureException.class)
                .hasMessageContaining("no v0= entry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t "})
    void reportsAMissingHeader(String header) {
        assertThatThrownBy(() -> verifierAt(T).verify(header, BODY))
                .isInstanceOf(MissingSignatureException.class)
                .hasMessageContaining("ElevenLabs-Signature");
        assertThatThrownBy(() -> verifierAt(T).verify(null, BODY))
                .isInstanceOf(MissingSignatureException.class);
    }

    @Test
    void reportsEachKindOfMalformedHeader() {
        String good = v0(SECRET, T, BODY);
        assertMalformed("v0=" + good, "no t= entry");
        assertMalformed("t=" + T, "no v0= entry");
        assertMalformed("t=" + T + ",v0=", "v0= entry is empty");
        assertMalformed("t=" + T + ",v0=" + good.substring(1), "has 63 characters");
        assertMalformed("t=" + T + ",v0=" + good + "0", "has 65 characters");
        assertMalformed("t=" + T + ",v0=" + good.substring(0, 63) + "g", "not hexadecimal");
        assertMalformed("t=" + T + ",v0=" + good.substring(0, 63) + "\u0661", "not hexadecimal"); // an Arabic-Indic 1
        assertMalformed("t=" + T + ",t=" + T + ",v0=" + good, "more than one t=");
        assertMalformed("t=,v0=" + good, "1 to 18 digits");
        assertMalformed("t=abc,v0=" + good, "'a' at position 0");
        assertMalformed("t=-1,v0=" + good, "'-' at position 0");
        assertMalformed("t= " + T + ",v0=" + good, "' ' at position 0");
        assertMalformed("t=1739537297.5,v0=" + good, "'.' at position 10");
        assertMalformed("t=\uFF11\uFF17,v0=" + good, "\\uff11");                               // full-width digits
        assertMalformed("t=1234567890123456789,v0=" + good, "1 to 18 digits");
        assertMalformed("t=" + T + ",v0", "has no '='");
        assertMalformed("t=" + T + ";v0=" + good, "1 to 18 digits");                      // one entry, "t=...;v0=..." 
        assertMalformed("t = " + T + ",v0=" + good, "no t= entry");
    }

    private static void assertMalformed(String header, String expected) {
        assertThatThrownBy(() -> verifierAt(T).verify(header, BODY))
                .isInstanceOf(MalformedSignatureException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining(v0(SECRET, T, BODY))
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesToBeBuiltWithoutASecret() {
        assertThatThrownBy(() -> WebhookVerifier.builder().build())
                .isInstanceOf(MissingWebhookSecretException.class)
                .hasMessageContaining("secret(");
        assertThatThrownBy(() -> WebhookVerifier.builder().secret(null))
                .isInstanceOf(MissingWebhookSecretException.class)
                .hasMessageContaining("null").hasMessageContaining("ELEVENLABS_WEBHOOK_SECRET");
        assertThatThrownBy(() -> WebhookVerifier.builder().secret(""))
                .isInstanceOf(MissingWebhookSecretException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> WebhookVerifier.builder().secrets(null))
                .isInstanceOf(MissingWebhookSecretException.class);
        assertThatThrownBy(() -> WebhookVerifier.builder().secrets(Collections.<String>emptyList()).build())
                .isInstanceOf(MissingWebhookSecretException.class);
        assertThatThrownBy(() -> WebhookVerifier.builder().secrets(Arrays.asList(SECRET, null)))
                .isInstanceOf(MissingWebhookSecretException.class);
    }

    @Test
    void rejectsANullBodyBeforeAnythingElse() {
        assertThatThrownBy(() -> verifierAt(T).verify(header(SECRET, T, BODY), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifierAt(T).verifyingStream(header(SECRET, T, BODY), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverPutsTheSecretOrASignatureIntoAMessageOrToString() {
        String expected = v0(SECRET, T, BODY);
        String wrong = v0("wsec_other", T, BODY);
        WebhookVerifier verifier = verifierAt(T);
        assertThat(verifier.toString()).isEqualTo("WebhookVerifier[secrets=1, tolerance=PT30M]");
        String[] headers = {
            null, "t=" + T, "t=" + T + ",v0=" + wrong, "t=" + (T - 7200) + ",v0=" + expected,
            "t=" + (T + 7200) + ",v0=" + expected, "t=x,v0=" + expected, "t=" + T + ",v0=" + wrong + "0",
        };
        for (String header : headers) {
            assertThatThrownBy(() -> verifier.verify(header, BODY))
                    .isInstanceOf(WebhookVerificationException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(expected)
                            .doesNotContain(wrong).doesNotContain(expected.toUpperCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void verifiesAStreamedBodyWhenItEnds() throws IOException {
        InputStream verified = verifierAt(T).verifyingStream(header(SECRET, T, BODY), new ByteArrayInputStream(BODY));
        assertThat(readAll(verified)).isEqualTo(BODY);
        assertThat(verified.read()).isEqualTo(-1); // and stays at the end
    }

    @Test
    void throwsAtTheEndOfAStreamedBodyWhoseSignatureDoesNotMatch() throws IOException {
        byte[] changed = BODY.clone();
        changed[changed.length - 1] ^= 1;
        InputStream stream = verifierAt(T).verifyingStream(header(SECRET, T, BODY), new ByteArrayInputStream(changed));
        byte[] buffer = new byte[changed.length];
        int read = 0;
        while (read < buffer.length) {
            read += stream.read(buffer, read, buffer.length - read);   // every byte comes through...
        }
        assertThatThrownBy(stream::read).isInstanceOf(SignatureMismatchException.class);    // ...the end does not
        assertThatThrownBy(() -> stream.read(buffer)).isInstanceOf(SignatureMismatchException.class);
    }

    @Test
    void checksTheHeaderOfAStreamedBodyBeforeReadingIt() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read although the header was bad");
            }
        };
        assertThatThrownBy(() -> verifierAt(T).verifyingStream("t=" + T, untouchable))
                .isInstanceOf(MalformedSignatureException.class);
        assertThatThrownBy(() -> verifierAt(T + 3600).verifyingStream(header(SECRET, T, BODY), untouchable))
                .isInstanceOf(TimestampOutsideToleranceException.class);
        assertThatThrownBy(() -> verifierAt(T).verifyingStream(null, untouchable))
                .isInstanceOf(MissingSignatureException.class);
    }

    @Test
    void countsSkippedBytesAndRefusesMarkReset() throws IOException {
        InputStream stream = verifierAt(T).verifyingStream(header(SECRET, T, BODY), new ByteArrayInputStream(BODY));
        assertThat(stream.markSupported()).isFalse();
        assertThat(stream.skip(10)).isEqualTo(10);
        assertThatThrownBy(stream::reset).isInstanceOf(IOException.class);
        assertThatCode(() -> readAll(stream)).doesNotThrowAnyException();
    }

    @Test
    void verifiesAHugeStreamedBodyAtBoundedMemory() throws IOException {
        long size = 256L * 1024 * 1024; // far beyond the test JVM's heap of 96 MB
        String signature = v0(SECRET, T, new GeneratedBytes(size, -1));
        String header = "t=" + T + ",v0=" + signature;
        assertThat(drain(verifierAt(T).verifyingStream(header, new GeneratedBytes(size, -1)))).isEqualTo(size);
        InputStream changedLast = verifierAt(T).verifyingStream(header, new GeneratedBytes(size, size - 1));
        assertThatThrownBy(() -> drain(changedLast)).isInstanceOf(SignatureMismatchException.class);
    }

    @Test
    void verifiesALargeBodyHeldInMemory() {
        byte[] body = new byte[16 * 1024 * 1024];
        new java.util.Random(7).nextBytes(body);
        verifierAt(T).verify(header(SECRET, T, body), body);
    }

    static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[7];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
        }
        return total;
    }

    static String repeat(char c, int n) {
        char[] chars = new char[n];
        Arrays.fill(chars, c);
        return new String(chars);
    }
}
