package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.GeneratedContent;
import io.github.convai4j.transport.tck.server.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request bodies: their bytes, their framing ({@code Content-Length} when the length is known, chunked when
 * it is -1), single-use bodies written once, and bodies that fail or lie about their length.
 */
abstract class BodyConformance extends ConformanceGroup {
    private static final int UPLOAD_SIZE = 8 * 1024 * 1024 + 17;

    BodyConformance(TransportConformanceTest suite) {
        super(suite);
    }

    private void sink() {
        server().handle("/upload", ex -> {
            RecordedRequest r = ex.readRequest();
            ex.respond(200, "received " + r.bodyLength());
        });
    }

    static Stream<Arguments> modesAndLengths() {
        List<Arguments> args = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            args.add(Arguments.of(mode, true));
            args.add(Arguments.of(mode, false));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void jsonBodyArrivesExactly(Mode mode) throws Exception {
        sink();
        String json = "{\"name\":\"Gr\u00fc\u00dfe \u65e5\u672c \ud83d\ude00\",\"n\":[1,2,3],\"nested\":{\"null\":null}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Received received = exchange(request(HttpMethod.POST, "/upload")
                .body(RequestBody.ofString(json, "application/json; charset=utf-8")).build(), mode);
        RecordedRequest r = takeRequest("POST /upload (JSON)");
        assertWellFormed(r);
        assertArrayEquals(bytes, r.body(), "The server received other JSON bytes than the request's");
        assertEquals(bytes.length, r.declaredContentLength(), () -> "A JSON body of known length must be sent"
                + " with its Content-Length: " + r);
        assertFalse(r.chunked(), () -> "A body of known length must not be chunked: " + r);
        assertEquals(1, r.headerValues("Content-Type").size(), () -> "Exactly one Content-Type expected: "
                + r.headers());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertStatus(200, received, "POST /upload");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void emptyBodyIsSentAsZeroLength(Mode mode) throws Exception {
        sink();
        exchange(request(HttpMethod.POST, "/upload")
                .body(RequestBody.ofBytes(new byte[0], "application/json")).build(), mode);
        RecordedRequest r = takeRequest("POST /upload (empty body)");
        assertWellFormed(r);
        assertEquals(0, r.bodyLength(), "An empty body must reach the server as zero bytes");
        assertEquals(0, r.declaredContentLength(), () -> "An empty body has a known length: it must be sent with"
                + " Content-Length: 0, not chunked: " + r);
        assertFalse(r.chunked());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void knownLengthUploadUsesContentLength(Mode mode) throws Exception {
        sink();
        long seed = 11;
        RequestBody body = RequestBody.of(ContentSource.ofSupplier(() -> new GeneratedContent(seed, UPLOAD_SIZE),
                UPLOAD_SIZE), "application/octet-stream");
        Received received = exchange(request(HttpMethod.PUT, "/upload").body(body).build(), mode);
        RecordedRequest r = takeRequest("PUT /upload (known length)");
        assertWellFormed(r);
        assertEquals(UPLOAD_SIZE, r.declaredContentLength(), () -> "A body of known length must be sent with"
                + " Content-Length equal to RequestBody.contentLength(): " + r);
        assertFalse(r.chunked(), () -> "A body of known length must not be chunked: " + r);
        assertEquals(UPLOAD_SIZE, r.bodyLength());
        assertEquals(GeneratedContent.crc32(seed, UPLOAD_SIZE), r.bodyCrc32(), "The server received other bytes"
                + " than the body wrote (CRC-32 differs)");
        assertEquals("received " + UPLOAD_SIZE, received.text());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void unknownLengthUploadIsChunked(Mode mode) throws Exception {
        sink();
        long seed = 12;
        RequestBody body = RequestBody.of(ContentSource.ofSupplier(() -> new GeneratedContent(seed, UPLOAD_SIZE),
                -1), "application/octet-stream");
        exchange(request(HttpMethod.POST, "/upload").body(body).build(), mode);
        RecordedRequest r = takeRequest("POST /upload (unknown length)");
        assertWellFormed(r);
        assertTrue(r.chunked(), () -> "A body of unknown length (-1) must be sent with Transfer-Encoding: chunked,"
                + " streamed, not buffered to find its length: " + r);
        assertEquals(-1, r.declaredContentLength(), "A chunked body has no Content-Length");
        assertEquals(UPLOAD_SIZE, r.bodyLength());
        assertEquals(GeneratedContent.crc32(seed, UPLOAD_SIZE), r.bodyCrc32(), "The server received other bytes"
                + " than the body wrote (CRC-32 differs)");
    }

    @ParameterizedTest(name = "{0}, known length: {1}")
    @MethodSource("modesAndLengths")
    void nonRepeatableBodyIsWrittenOnce(Mode mode, boolean knownLength) throws Exception {
        sink();
        int size = 1024 * 1024 + 5;
        long seed = 13;
        RequestBody inner = RequestBody.ofInputStream(new GeneratedContent(seed, size), knownLength ? size : -1,
                "application/octet-stream");
        CountingBody body = new CountingBody(inner);
        exchange(request(HttpMethod.POST, "/upload").body(body).build(), mode);
        RecordedRequest r = takeRequest("POST /upload (single-use body)");
        assertWellFormed(r);
        assertEquals(1, body.writes.get(), "A non-repeatable body must be written exactly once");
        assertEquals(size, r.bodyLength());
        assertEquals(GeneratedContent.crc32(seed, size), r.bodyCrc32());
        assertEquals(1, server().requests().size(), "The request was sent more than once");
    }

    /**
     * The body writes 1 MiB and then waits until the server has received some of it: a transport that
     * collects the body (in memory or on disk) before sending would make it wait in vain. SYNC sends a
     * body of known length, ASYNC one of unknown length.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void uploadIsStreamedWhileTheBodyIsWritten(Mode mode) throws Exception {
        java.util.concurrent.CountDownLatch serverHasBytes = new java.util.concurrent.CountDownLatch(1);
        server().handle("/upload", ex -> {
            java.io.InputStream in = ex.requestBody();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total >= 256 * 1024) {
                    serverHasBytes.countDown();
                }
            }
            ex.respond(200, "received " + total);
        });
        int size = 4 * 1024 * 1024;
        boolean[] streamed = new boolean[1];
        RequestBody body = new RequestBody() {
            @Override
            public String contentType() {
                return "application/octet-stream";
            }

            @Override
            public long contentLength() {
                return mode == Mode.SYNC ? size : -1;
            }

            @Override
            public boolean isRepeatable() {
                return false;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                byte[] data = GeneratedContent.bytes(14, size);
                out.write(data, 0, 1024 * 1024);
                out.flush();
                try {
                    streamed[0] = serverHasBytes.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                out.write(data, 1024 * 1024, size - 1024 * 1024);
            }
        };
        Received received = exchange(request(HttpMethod.POST, "/upload").body(body).build(), mode);
        assertTrue(streamed[0], "The body wrote and flushed 1 MiB, but the server received nothing of it within 10 s"
                + " while writeTo was still running: a transport must stream request bodies to the socket, not collect"
                + " them first");
        assertEquals("received " + size, received.text());
        RecordedRequest r = takeRequest("POST /upload (streamed)");
        assertEquals(GeneratedContent.crc32(14, size), r.bodyCrc32());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void bodyWithoutContentTypeSendsNone(Mode mode) throws Exception {
        suite.skipIf(KnownGap.CONTENT_TYPE_ADDED_WHEN_ABSENT);
        sink();
        exchange(request(HttpMethod.POST, "/upload").body(RequestBody.ofBytes(new byte[] {1, 2, 3}, null)).build(),
                mode);
        RecordedRequest r = takeRequest("POST /upload (no content type)");
        assertWellFormed(r);
        assertNull(r.header("Content-Type"), () -> "RequestBody.contentType() is null, so no Content-Type must be"
                + " sent; the transport sent " + r.headerValues("Content-Type"));
    }

    @ParameterizedTest(name = "{0}, known length: {1}")
    @MethodSource("modesAndLengths")
    void failingBodyAbortsTheRequest(Mode mode, boolean knownLength) throws Exception {
        server().handle("/upload", ex -> {
            RecordedRequest r = ex.readRequest();
            ex.respond(200, "received " + r.bodyLength());
        });
        int size = 4 * 1024 * 1024;
        RequestBody failing = new FailingBody(knownLength ? size : -1, 256 * 1024);
        HttpRequest request = request(HttpMethod.POST, "/upload").body(failing).build();
        expectSendFailure(IOException.class, transport(), request, mode, PROMPTLY);

        assertNoCompleteRequestArrives("The body's writeTo failed after 256 KiB");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void bodyShorterThanItsLengthFails(Mode mode) throws Exception {
        sink();
        RequestBody lying = new LyingBody(1000, 600);
        HttpRequest request = request(HttpMethod.POST, "/upload").body(lying).build();
        // A transport that does not count what writeTo wrote would wait for a response the server never sends.
        expectSendFailure(IOException.class, transport(), request, mode, PROMPTLY);
        assertNoCompleteRequestArrives("The body wrote 600 of its declared 1000 bytes");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void bodyLongerThanItsLengthDoesNotLeakIntoTheConnection(Mode mode) throws Exception {
        sink();
        String smuggled = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
        RequestBody lying = new RequestBody() {
            @Override
            public String contentType() {
                return "text/plain";
            }

            @Override
            public long contentLength() {
                return 10;
            }

            @Override
            public boolean isRepeatable() {
                return true;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
                out.write(smuggled.getBytes(StandardCharsets.US_ASCII));
            }
        };
        server().handle("/smuggled", ex -> ex.respond(200, "smuggled"));
        HttpRequest request = request(HttpMethod.POST, "/upload").body(lying).build();
        try {
            Received received = exchange(transport(), request, mode);
            assertEquals("received 10", received.text());
        } catch (IOException expected) {
            // Failing the exchange is the better answer.
        }
        Thread.sleep(200);
        for (RecordedRequest r : server().requests()) {
            assertFalse(r.target().equals("/smuggled"), () -> "The body wrote more than its declared length and the"
                    + " extra bytes reached the server as a second request: a transport must fail the exchange"
                    + " or drop the excess, never send it: " + server().requests());
        }
    }

    /** Counts writeTo calls. */
    static final class CountingBody implements RequestBody {
        final RequestBody delegate;
        final AtomicInteger writes = new AtomicInteger();

        CountingBody(RequestBody delegate) {
            this.delegate = delegate;
        }

        @Override
        public String contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public boolean isRepeatable() {
            return delegate.isRepeatable();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            writes.incrementAndGet();
            delegate.writeTo(out);
        }
    }

    /** Writes some bytes, then fails. */
    static final class FailingBody implements RequestBody {
        private final long length;
        private final int failAfter;

        FailingBody(long length, int failAfter) {
            this.length = length;
            this.failAfter = failAfter;
        }

        @Override
        public String contentType() {
            return "application/octet-stream";
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            byte[] chunk = new byte[8192];
            for (int written = 0; written < failAfter; written += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            throw new IOException("tck: the body's source failed on purpose");
        }
    }

    /** Declares one length and writes fewer bytes. */
    static final class LyingBody implements RequestBody {
        private final long declared;
        private final int actual;

        LyingBody(long declared, int actual) {
            this.declared = declared;
            this.actual = actual;
        }

        @Override
        public String contentType() {
            return "text/plain";
        }

        @Override
        public long contentLength() {
            return declared;
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(new byte[actual]);
        }
    }
}
