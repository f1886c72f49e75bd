package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.transport.tck.server.GeneratedContent;
import io.github.convai4j.transport.tck.server.RecordedRequest;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 512 MiB uploads and downloads in a JVM whose heap is far smaller, so that a transport which buffers a
 * body whole runs out of memory; and a download whose reader pauses while the server keeps pushing, which
 * only bounded buffering (backpressure) survives. Every path is run both ways, with {@code execute} and
 * {@code executeAsync} (a transport may use two HTTP stacks for them, as the HttpClient one does): uploads
 * of known length ({@code Content-Length}) and of unknown length (chunked), downloads with
 * {@code Content-Length} and chunked.
 */
abstract class LargeBodyConformance extends ConformanceGroup {
    static final long SIZE = 512L * 1024 * 1024;
    /** The heap must be at most this large for these tests to mean anything: half the body size. */
    static final long MAX_HEAP = 256L * 1024 * 1024;
    /**
     * How far the server may get ahead of a paused reader: socket buffers on both sides (Linux autotuning
     * allows up to 32 MiB + 4 MiB by default; a plain HttpURLConnection measured 4.5 MiB) plus the
     * transport's own bounded buffers. A transport that keeps reading the body goes far beyond in 1 s.
     */
    static final long MAX_AHEAD_OF_READER = 48L * 1024 * 1024;
    static final Duration TRANSFER_BOUND = Duration.ofSeconds(240);

    LargeBodyConformance(TransportConformanceTest suite) {
        super(suite);
    }

    @BeforeEach
    void requireCappedHeap() {
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(max <= MAX_HEAP, () -> "The test JVM's heap is " + (max >> 20) + " MiB; the large-body tests"
                + " need at most " + (MAX_HEAP >> 20) + " MiB so that a transport buffering a 512 MiB body cannot"
                + " pass. Run the conformance kit with a capped heap, e.g. surefire's argLine -Xmx96m (convai4j's"
                + " parent pom does this through the surefire.heap property).");
    }

    private RecordedRequest upload(RequestBody body, Mode mode) throws Exception {
        server().handle("/upload", ex -> {
            RecordedRequest r = ex.readRequest();
            ex.respond(200, "received " + r.bodyLength());
        });
        HttpRequest request = request(HttpMethod.POST, "/upload").body(body).build();
        try (HttpResponse response = suite.send(transport(), request, mode, TRANSFER_BOUND)) {
            byte[] text = readAll(response.body(), PROMPTLY, "reading the response to a 512 MiB upload");
            assertEquals(200, response.statusCode(), "POST /upload (512 MiB): wrong status");
            assertEquals("received " + SIZE, new String(text, java.nio.charset.StandardCharsets.UTF_8));
        }
        RecordedRequest r = takeRequest("POST /upload (512 MiB)");
        assertWellFormed(r);
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void upload512MiBWithKnownLength(Mode mode) throws Exception {
        long seed = 31;
        RequestBody body = RequestBody.of(ContentSource.ofSupplier(() -> new GeneratedContent(seed, SIZE), SIZE),
                "application/octet-stream");
        RecordedRequest r = upload(body, mode);
        assertEquals(SIZE, r.declaredContentLength(), () -> "Content-Length must be the body's length: " + r);
        assertFalse(r.chunked());
        assertEquals(SIZE, r.bodyLength(), "The server received another number of bytes");
        assertEquals(GeneratedContent.crc32(seed, SIZE), r.bodyCrc32(), "The server received other bytes (CRC-32)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void upload512MiBOfUnknownLength(Mode mode) throws Exception {
        long seed = 32;
        RequestBody body = RequestBody.of(ContentSource.ofSupplier(() -> new GeneratedContent(seed, SIZE), -1),
                "application/octet-stream");
        RecordedRequest r = upload(body, mode);
        assertTrue(r.chunked(), () -> "A body of unknown length must be streamed chunked: " + r);
        assertEquals(SIZE, r.bodyLength(), "The server received another number of bytes");
        assertEquals(GeneratedContent.crc32(seed, SIZE), r.bodyCrc32(), "The server received other bytes (CRC-32)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void download512MiBWithContentLength(Mode mode) throws Exception {
        long seed = 33;
        server().handle("/download", ex -> {
            ex.readRequest();
            ex.respondStreaming(200, SIZE, new GeneratedContent(seed, SIZE), "Content-Type", "audio/mpeg");
        });
        HttpResponse response = send(transport(), request(HttpMethod.GET, "/download").build(), mode);
        assertEquals(200, response.statusCode());
        assertEquals(String.valueOf(SIZE), response.headers().first("Content-Length"));
        long[] lengthAndCrc = bounded(TRANSFER_BOUND, "reading a 512 MiB body", () -> crc(response.body(), -1, null));
        response.close();
        assertEquals(SIZE, lengthAndCrc[0], "The body stream yielded another number of bytes than were sent");
        assertEquals(GeneratedContent.crc32(seed, SIZE), lengthAndCrc[1], "The body stream yielded other bytes (CRC-32)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void download512MiBChunkedWithPausingReader(Mode mode) throws Exception {
        long seed = 34;
        AtomicReference<GeneratedContent> served = new AtomicReference<>();
        server().handle("/download", ex -> {
            ex.readRequest();
            GeneratedContent content = new GeneratedContent(seed, SIZE);
            served.set(content);
            ex.respondStreaming(200, -1, content, "Content-Type", "application/octet-stream");
        });
        HttpResponse response = send(transport(), request(HttpMethod.GET, "/download").build(), mode);
        assertEquals(200, response.statusCode());
        long[] ahead = new long[1];
        long[] lengthAndCrc = bounded(TRANSFER_BOUND, "reading a 512 MiB body with a pause", () ->
                crc(response.body(), 4L * 1024 * 1024, readSoFar -> {
                    ahead[0] = pauseUntilTheServerStops(served.get(), readSoFar);
                }));
        response.close();
        assertTrue(ahead[0] <= MAX_AHEAD_OF_READER, () -> "While the reader paused after reading 4 MiB (until the"
                + " server had written nothing for 1 s, at most 5 s),"
                + " the server got " + (ahead[0] >> 20) + " MiB ahead of it: the transport kept reading the body"
                + " although nobody consumed it. It must apply backpressure (stop reading from the socket while its buffer is full);"
                + " at most " + (MAX_AHEAD_OF_READER >> 20) + " MiB ahead is accepted");
        assertEquals(SIZE, lengthAndCrc[0], "The body stream yielded another number of bytes than were sent");
        assertEquals(GeneratedContent.crc32(seed, SIZE), lengthAndCrc[1], "The body stream yielded other bytes (CRC-32)");
    }

    /**
     * The reader's pause: the server keeps writing as fast as the transport takes it. Waits until the server has
     * written nothing for a second (a transport with backpressure stops it within its buffers) or got more than
     * {@link #MAX_AHEAD_OF_READER} ahead, at most 5 s: on a busy machine a transport that reads ahead may take
     * longer than a second to show it.
     *
     * @return how far the server got ahead of the reader
     */
    static long pauseUntilTheServerStops(GeneratedContent served, long readSoFar) throws InterruptedException {
        long start = System.nanoTime();
        long lastPosition = -1;
        long stillSince = start;
        for (;;) {
            Thread.sleep(50);
            long now = System.nanoTime();
            long position = served.position();
            if (position - readSoFar > MAX_AHEAD_OF_READER || now - start >= TimeUnit.SECONDS.toNanos(5)) {
                return position - readSoFar;
            }
            if (position != lastPosition) {
                lastPosition = position;
                stillSince = now;
            } else if (now - stillSince >= TimeUnit.SECONDS.toNanos(1)) {
                return position - readSoFar;
            }
        }
    }

    /** What to do once {@code pauseAt} bytes have been read. */
    interface Pause {
        void at(long readSoFar) throws Exception;
    }

    /** Reads to the end; returns length and CRC-32. */
    static long[] crc(InputStream in, long pauseAt, Pause pause) throws Exception {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        boolean paused = false;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            crc.update(buffer, 0, n);
            total += n;
            if (!paused && pause != null && total >= pauseAt) {
                paused = true;
                pause.at(total);
            }
        }
        return new long[] {total, crc.getValue()};
    }
}
