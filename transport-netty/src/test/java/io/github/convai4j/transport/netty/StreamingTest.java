package io.github.convai4j.transport.netty;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies far larger than the test JVM's heap (-Xmx96m, which also caps Netty's direct memory) stream both
 * ways, and a slow peer holds the other side back: while one side pauses, the bytes in flight between the
 * producer and the consumer stay bounded (socket buffers plus the transport's small queues), instead of
 * piling up in the client.
 */
class StreamingTest {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;
    /** Loopback socket buffers can hold several MiB; anything near this means the client is buffering. */
    private static final long MAX_IN_FLIGHT = 40 * MIB;

    private static LoopbackServer server;
    private static NettyTransport transport;
    private static final AtomicLong downloadSent = new AtomicLong();
    private static final AtomicLong uploadReceived = new AtomicLong();
    private static volatile CountDownLatch serverPaused = new CountDownLatch(1);

    @BeforeAll
    static void start() throws IOException {
        server = new LoopbackServer()
                .route("/download", (req, res) -> {
                    long n = req.queryLong("n", 0);
                    boolean chunked = "1".equals(req.query("chunked"));
                    res.head(200, chunked ? -1 : n, "Content-Type", "application/octet-stream");
                    if (chunked) {
                        Pattern.write(new java.io.OutputStream() {
                            @Override
                            public void write(int b) throws IOException {
                                write(new byte[] {(byte) b}, 0, 1);
                            }

                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                                res.chunk(b, off, len);
                            }
                        }, n, downloadSent);
                        res.lastChunk();
                    } else {
                        Pattern.write(res.out, n, downloadSent);
                    }
                    res.out.flush();
                })
                .route("/upload", (req, res) -> {
                    long pauseAfter = req.queryLong("pauseAfter", -1);
                    long pauseMs = req.queryLong("pauseMs", 0);
                    CRC32 crc = new CRC32();
                    byte[] buf = new byte[64 * 1024];
                    long total = 0;
                    boolean paused = false;
                    int n;
                    while ((n = req.body.read(buf, 0, buf.length)) >= 0) {
                        crc.update(buf, 0, n);
                        total += n;
                        uploadReceived.addAndGet(n);
                        if (!paused && pauseAfter >= 0 && total >= pauseAfter) {
                            paused = true;
                            serverPaused.countDown();
                            Thread.sleep(pauseMs);
                        }
                    }
                    res.send(200, total + " " + crc.getValue(), "X-Chunked", String.valueOf(req.body.wasChunked()));
                })
                .route("/reject-early", (req, res) -> {
                    byte[] buf = new byte[64 * 1024];
                    long total = 0;
                    while (total < MIB) {
                        int n = req.body.read(buf, 0, buf.length);
                        if (n < 0) {
                            break;
                        }
                        total += n;
                    }
                    res.send(413, "too large after " + total, "Connection", "close");
                    if ("1".equals(req.query("abrupt"))) {
                        res.abort();
                    } else {
                        res.lingeringClose();
                    }
                });
        transport = NettyTransport.create();
    }

    @AfterAll
    static void stop() throws IOException {
        transport.close();
        server.close();
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void oneGibDownloadWithASlowReaderStaysBounded(boolean chunked) throws Exception {
        long n = GIB;
        long expectedCrc = Pattern.crc(n);
        downloadSent.set(0);
        HttpRequest request = HttpRequest.builder(HttpMethod.GET,
                server.uri("/download?n=" + n + (chunked ? "&chunked=1" : ""))).build();
        try (HttpResponse response = transport.execute(request)) {
            InputStream body = response.body();
            CRC32 crc = new CRC32();
            byte[] buf = new byte[64 * 1024];
            long read = 0;
            // read a little, then stall: the server must be held back
            while (read < MIB) {
                int k = body.read(buf);
                crc.update(buf, 0, k);
                read += k;
            }
            Thread.sleep(1500);
            long inFlight = downloadSent.get() - read;
            long direct = usedDirectMemory();
            assertThat(inFlight).as("bytes sent by the server but not yet read by the slow reader")
                    .isLessThan(MAX_IN_FLIGHT);
            assertThat(direct).as("Netty direct memory in use while the reader stalls").isLessThan(32 * MIB);
            int k;
            while ((k = body.read(buf)) >= 0) {
                crc.update(buf, 0, k);
                read += k;
            }
            assertThat(read).isEqualTo(n);
            assertThat(crc.getValue()).isEqualTo(expectedCrc);
            System.out.printf("download chunked=%s: in flight while stalled %d KiB, direct memory %d KiB%n",
                    chunked, inFlight / 1024, direct / 1024);
        }
    }

    @ParameterizedTest(name = "knownLength={0}")
    @ValueSource(booleans = {false, true})
    void oneGibUploadToASlowServerStaysBounded(boolean knownLength) throws Exception {
        long n = GIB;
        long expectedCrc = Pattern.crc(n);
        uploadReceived.set(0);
        serverPaused = new CountDownLatch(1);
        AtomicLong produced = new AtomicLong();
        HttpRequest request = HttpRequest.builder(HttpMethod.POST,
                        server.uri("/upload?pauseAfter=" + MIB + "&pauseMs=2000"))
                .body(RequestBody.ofInputStream(Pattern.stream(n, produced), knownLength ? n : -1,
                        "application/octet-stream"))
                .build();
        CompletableFuture<HttpResponse> future = transport.executeAsync(request);
        assertThat(serverPaused.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1000);
        long inFlight = produced.get() - uploadReceived.get();
        long direct = usedDirectMemory();
        assertThat(inFlight).as("bytes taken from the body but not yet received by the stalled server")
                .isLessThan(MAX_IN_FLIGHT);
        assertThat(direct).as("Netty direct memory in use while the server stalls").isLessThan(32 * MIB);
        try (HttpResponse response = future.get(300, TimeUnit.SECONDS)) {
            assertThat(new String(BasicExchangeTest.readAll(response), StandardCharsets.US_ASCII))
                    .isEqualTo(n + " " + expectedCrc);
            assertThat(response.headers().first("X-Chunked")).isEqualTo(String.valueOf(!knownLength));
        }
        System.out.printf("upload knownLength=%s: in flight while stalled %d KiB, direct memory %d KiB%n",
                knownLength, inFlight / 1024, direct / 1024);
    }

    @ParameterizedTest(name = "server closes abruptly={0}")
    @ValueSource(booleans = {false, true})
    void finalResponseDuringTheUploadIsDeliveredAndTheUploadStops(boolean abrupt) throws Exception {
        String path = abrupt ? "/reject-early?abrupt=1" : "/reject-early";
        AtomicLong produced = new AtomicLong();
        HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri(path))
                .body(RequestBody.ofInputStream(Pattern.stream(GIB, produced), -1, null))
                .build();
        try (HttpResponse response = transport.executeAsync(request).get(30, TimeUnit.SECONDS)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(new String(BasicExchangeTest.readAll(response), StandardCharsets.US_ASCII))
                    .startsWith("too large after ");
        }
        Thread.sleep(500);
        long after = produced.get();
        Thread.sleep(500);
        assertThat(produced.get()).as("the body writer stopped").isEqualTo(after);
        assertThat(after).isLessThan(GIB / 4);
    }

    private static long usedDirectMemory() {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        return alloc instanceof ByteBufAllocatorMetricProvider
                ? ((ByteBufAllocatorMetricProvider) alloc).metric().usedDirectMemory() : -1;
    }
}
