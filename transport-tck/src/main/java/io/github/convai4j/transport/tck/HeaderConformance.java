package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.Transport;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Header fields reach the server as given, and response fields reach the caller as sent. */
abstract class HeaderConformance extends ConformanceGroup {

    HeaderConformance(TransportConformanceTest suite) {
        super(suite);
    }

    private void ok() {
        server().handle("/headers", ex -> {
            ex.readRequest();
            ex.respond(200, "ok");
        });
    }

    /** The values of every line of a field, each line split at commas (a folded list counts the same). */
    static List<String> listValues(RecordedRequest r, String name) {
        List<String> values = new ArrayList<>();
        for (String line : r.headerValues(name)) {
            for (String v : line.split(",")) {
                values.add(v.trim());
            }
        }
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void repeatedRequestHeaderReachesServerWithBothValues(Mode mode) throws Exception {
        ok();
        exchange(request(HttpMethod.GET, "/headers")
                .addHeader("X-Repeated", "first")
                .addHeader("X-Repeated", "second")
                .build(), mode);
        RecordedRequest r = takeRequest("GET /headers");
        assertWellFormed(r);
        assertEquals(Arrays.asList("first", "second"), listValues(r, "X-Repeated"), () -> "A header added twice"
                + " must reach the server with both values, in order (as two lines, or one comma-joined line);"
                + " the server received " + r.headers());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void requestHeadersArriveAsGiven(Mode mode) throws Exception {
        ok();
        exchange(request(HttpMethod.GET, "/headers")
                .setHeader("User-Agent", "convai4j-tck/1.0")
                .setHeader("Accept", "application/json, text/plain;q=0.5")
                .setHeader("xi-api-key", "tck-not-a-secret")
                .setHeader("x-lower-case", "Value With Case")
                .build(), mode);
        RecordedRequest r = takeRequest("GET /headers");
        assertWellFormed(r);
        assertEquals(Collections.singletonList("convai4j-tck/1.0"), r.headerValues("User-Agent"),
                () -> "The caller's User-Agent must be sent once, as given, not replaced or doubled: " + r.headers());
        assertEquals(Collections.singletonList("application/json, text/plain;q=0.5"), r.headerValues("Accept"),
                () -> "A multi-valued header value must arrive as given: " + r.headers());
        assertEquals(Collections.singletonList("tck-not-a-secret"), r.headerValues("xi-api-key"));
        assertEquals(Collections.singletonList("Value With Case"), r.headerValues("x-lower-case"),
                "Header values are case-sensitive and must not be changed");
        assertEquals("127.0.0.1:" + server().port(), r.header("Host"), "The Host header must name the URL's"
                + " host and port");
        assertTrue(r.headerValues("Accept-Encoding").isEmpty(), () -> "The transport added Accept-Encoding "
                + r.headerValues("Accept-Encoding") + ": a transport carries bytes only and must not ask for a"
                + " content coding the caller did not ask for");
        List<String> added = new ArrayList<>();
        for (io.github.convai4j.transport.tck.server.HeaderField field : r.headers()) {
            String name = field.name().toLowerCase(java.util.Locale.ROOT);
            if (!GIVEN.contains(name) && !FRAMING.contains(name)) {
                added.add(field.toString());
            }
        }
        assertTrue(added.isEmpty(), () -> "The transport added header(s) " + added + ": a transport sends the"
                + " request's headers as given and adds only what HTTP/1.1 needs (Host, Content-Length or"
                + " Transfer-Encoding, Connection)");
    }

    private static final List<String> GIVEN = Arrays.asList("user-agent", "accept", "xi-api-key", "x-lower-case");
    private static final List<String> FRAMING = Arrays.asList("host", "connection", "keep-alive", "content-length",
            "transfer-encoding");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void contentTypeIsExactlyTheBodysOwn(Mode mode) throws Exception {
        ok();
        // Upper case, parameters and a quoted string: a transport must not parse and re-serialize it.
        String type = "Application/Vnd.Convai4j-TCK+JSON; charset=UTF-8; profile=\"a b\"";
        RequestBody chunked = RequestBody.ofInputStream(
                new java.io.ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), -1, type);
        MultipartBody multipart = MultipartBody.builder().addField("name", "value").build();
        for (RequestBody body : Arrays.asList(RequestBody.ofString("{}", type), chunked, multipart)) {
            exchange(request(HttpMethod.POST, "/headers").body(body).build(), mode);
            RecordedRequest r = takeRequest("POST /headers with a body of type " + body.contentType());
            assertWellFormed(r);
            assertEquals(Collections.singletonList(body.contentType()), r.headerValues("Content-Type"),
                    () -> "The request's Content-Type must be its body's RequestBody.contentType(), once and byte"
                            + " for byte (a multipart body's carries its boundary); the server received "
                            + r.headers());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void contentTypeHeaderOfABodilessRequestIsSentAsGiven(Mode mode) throws Exception {
        ok();
        exchange(request(HttpMethod.GET, "/headers").setHeader("Content-Type", "text/x-bodiless").build(), mode);
        RecordedRequest r = takeRequest("GET /headers with a Content-Type header");
        assertWellFormed(r);
        assertEquals(Collections.singletonList("text/x-bodiless"), r.headerValues("Content-Type"),
                () -> "A request without a body sends its Content-Type header as given, like any other header;"
                        + " the server received " + r.headers());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void repeatedResponseHeaderKeepsEveryValue(Mode mode) throws Exception {
        server().handle("/headers", ex -> ex.respond(200, "ok",
                "X-Repeated", "one",
                "Set-Cookie", "a=1; Path=/",
                "x-repeated", "two",
                "Set-Cookie", "b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT",
                "X-Single", "a, b"));
        Received received = exchange(request(HttpMethod.GET, "/headers").build(), mode);
        assertStatus(200, received, "GET /headers");
        assertValues(Arrays.asList("one", "two"), received.headers.values("X-REPEATED"),
                "Headers.values must hold each line of a repeated response header as its own value, in order");
        assertValues(Arrays.asList("a=1; Path=/", "b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT"),
                received.headers.values("set-cookie"), "Set-Cookie lines must not be merged (their values contain"
                        + " commas)");
        assertValues(Collections.singletonList("a, b"), received.headers.values("X-Single"),
                "A single header line with a comma must not be split");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void requestHeaderValuesInU0080ToU00FFAreSentAsIso88591BytesOrRefusedBeforeIo(Mode mode) throws Exception {
        ok();
        // Headers lets a value hold U+0080-U+00FF (obs-text); every transport must write each as its one byte,
        // the C1 controls U+0080-U+009F included (HttpClient 5's default writer turns those into '?').
        StringBuilder all = new StringBuilder();
        for (char c = '\u0080'; c <= '\u00ff'; c++) {
            all.append(c);
        }
        String value = "a" + all + "z";
        HttpRequest latin1 = request(HttpMethod.GET, "/headers").setHeader("X-Latin1", value).build();
        if (hasGap(KnownGap.REQUEST_HEADER_LATIN1_REFUSED)) {
            // A stack that would change the bytes must refuse the value at the call, before any I/O.
            Transport t = transport();
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> closeIfSent(mode == Mode.SYNC ? t.execute(latin1) : t.executeAsync(latin1).get()),
                    "KnownGap.REQUEST_HEADER_LATIN1_REFUSED: the " + mode + " call must throw"
                            + " IllegalArgumentException before any I/O");
            assertTrue(refused.getMessage().contains("X-Latin1"), () -> "The refusal must name the header: "
                    + refused.getMessage());
            assertNull(server().takeRequest(Duration.ofMillis(300)), "A refused request must not reach the server");
            return;
        }
        exchange(latin1, mode);
        RecordedRequest r = takeRequest("GET /headers");
        assertWellFormed(r);
        // The server reads header bytes as ISO-8859-1, one character per byte.
        assertValues(Collections.singletonList(value), r.headerValues("X-Latin1"),
                "A request header value's characters U+0080-U+00FF must be sent as the bytes 0x80-0xFF");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void responseHeaderValuesArriveAsSentEvenWithControlsAndLatin1(Mode mode) throws Exception {
        skipIf(KnownGap.RESPONSE_HEADER_CONTROLS_REFUSED);
        // RFC 9110 section 5.5 lets a recipient keep such bytes; refusing them would fail an exchange the server
        // has carried out (a created agent, say), so a transport hands them on, one character per byte.
        server().handle("/headers", ex -> ex.respond(200, "ok",
                "X-Control", "a\u0001b\u001fc\u007fd",
                "X-Latin1", "caf\u00e9 \u00ff"));
        Received received = exchange(request(HttpMethod.GET, "/headers").build(), mode);
        assertStatus(200, received, "GET /headers");
        assertValues(Collections.singletonList("a\u0001b\u001fc\u007fd"), received.headers.values("X-Control"),
                "A response header value with control characters (not CR, LF or NUL) must reach the caller as sent;"
                        + " build received headers with Headers.receivedBuilder()");
        assertValues(Collections.singletonList("caf\u00e9 \u00ff"), received.headers.values("X-Latin1"),
                "A response header's bytes 0x80-0xFF must reach the caller as ISO-8859-1 characters");
    }

    private static void assertValues(List<String> expected, List<String> actual, String what) {
        assertEquals(quoted(expected), quoted(actual), () -> what + "; expected " + expected.size() + " value(s) "
                + quoted(expected) + ", got " + actual.size() + ": " + quoted(actual));
    }

    private static String quoted(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (String v : values) {
            sb.append(sb.length() > 1 ? ", " : "").append('"').append(v).append('"');
        }
        return sb.append(']').toString();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void responseBodyIsPassedThroughUndecoded(Mode mode) throws Exception {
        byte[] plain = "{\"compressed\":true}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        byte[] gzipped = gz.toByteArray();
        server().handle("/gzip", ex -> ex.respond(200, gzipped, "Content-Type", "application/json",
                "Content-Encoding", "gzip"));
        Received received = exchange(request(HttpMethod.GET, "/gzip").build(), mode);
        assertStatus(200, received, "GET /gzip");
        assertArrayEquals(gzipped, received.body, "A transport carries bytes only: a gzip-encoded body must reach"
                + " the caller as the gzip bytes the server sent, not decompressed");
        assertEquals("gzip", received.headers.first("Content-Encoding"), "The Content-Encoding header must be"
                + " passed through");
    }
}
