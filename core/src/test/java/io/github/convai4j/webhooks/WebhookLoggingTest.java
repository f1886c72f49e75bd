package io.github.convai4j.webhooks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.github.convai4j.webhooks.TestSignatures.v0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads back what the webhook package logged, at every level down to TRACE (see simplelogger.properties), after
 * verifications that pass and every kind that fails, and checks that neither a secret nor a signature is in it.
 */
class WebhookLoggingTest {

    static final Path LOG = Paths.get("target", "core-tests.log");

    @Test
    void neitherTheSecretNorASignatureIsEverLogged() throws Exception {
        String secret = "wsec_log_canary_" + System.nanoTime();
        long t = 1_000_000_000L + System.nanoTime() % 1_000_000;   // a timestamp only this test uses
        byte[] body = TestSignatures.utf8("{\"type\":\"post_call_transcription\",\"data\":{}}");
        String good = v0(secret, t, body);
        String other = v0("wsec_other", t, body);
        WebhookVerifier verifier = WebhookVerifier.builder().secret(secret)
                .clock(Clock.fixed(Instant.ofEpochSecond(t), ZoneOffset.UTC)).build();

        verifier.verify("t=" + t + ",v0=" + good, body);
        WebhookVerifierTest.drain(verifier.verifyingStream("t=" + t + ",v0=" + good, new ByteArrayInputStream(body)));
        assertThatThrownBy(() -> verifier.verify("t=" + t + ",v0=" + other, body))
                .isInstanceOf(SignatureMismatchException.class);
        assertThatThrownBy(() -> verifier.verify("t=" + (t - 7200) + ",v0=" + good, body))
                .isInstanceOf(TimestampOutsideToleranceException.class);
        assertThatThrownBy(() -> verifier.verify("t=" + t + ",v0=" + good.substring(1) + "x", body))
                .isInstanceOf(MalformedSignatureException.class);
        assertThatThrownBy(() -> verifier.verify(null, body)).isInstanceOf(MissingSignatureException.class);
        assertThatThrownBy(() -> WebhookEvents.parse(verifier.verifyingStream("t=" + t + ",v0=" + other,
                new ByteArrayInputStream(body)), audio -> { })).isInstanceOf(SignatureMismatchException.class);

        String log = new String(Files.readAllBytes(LOG), StandardCharsets.UTF_8);
        assertThat(log).contains("TRACE io.github.convai4j.webhooks.WebhookVerifier - webhook signature verified (t="
                + t + ")");                                                   // the capture works, at TRACE
        assertThat(log).contains("DEBUG io.github.convai4j.webhooks.WebhookVerifier - webhook request rejected: No"
                + " signature");
        assertThat(log).doesNotContain(secret).doesNotContain(good).doesNotContain(other);
    }
}
