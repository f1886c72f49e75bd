package io.github.convai4j.transport.httpclient;

import static io.github.convai4j.transport.httpclient.Exchanges.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.transport.httpclient.Exchanges.Mode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 512 MiB each way through a test JVM whose heap is capped at 96 MiB (surefire's {@code -Xmx96m}): any
 * whole-body buffering fails with an OutOfMemoryError. Digests prove that every byte arrived in order.
 */
class StreamingTest {
    private static final long SIZE = 512L * 1024 * 1024;

    private RawHttpServer server;
    private HttpClientTransport transport;
    private final AtomicReference<String> uploadDigest = new AtomicReference<>();
    private final AtomicLong uploadCount = new AtomicLong();
    private final AtomicLong downloadWritten = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        server = new RawHttpServer(ex -> {
            if (ex.target.startsWith("/download")) {
                boolean chunked = ex.target.contains("chunked");
                if (chunked) {
                    ex.head(200, "Transfer-Encoding", "chunked", "Content-Type", "audio/mpeg");
                } else {
                    ex.head(200, "Content-Length", String.valueOf(SIZE), "Content-Type", "audio/mpeg");
                }
                byte[] buf = new byte[64 * 1024];
                try (InputStream in = Exchanges.patternStream(SIZE)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        if (chunked) {
                            ex.chunk(buf, 0, n);
                        } else {
                            ex.out.write(buf, 0, n);
                        }
                        downloadWritten.addAndGet(n);
                    }
                }
                if (chunked) {
                    ex.lastChunk();
                }
                ex.out.flush();
            } else {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = ex.body.read(buf)) > 0) {
                    md.update(buf, 0, n);
                    total += n;
                }
                uploadCount.set(total);
                uploadDigest.set(HexFormat.of().formatHex(md.digest()));
                ex.respond(200, "ok", "Content-Type", "text/plain");
            }
        });
        transport = HttpClientTransport.builder().build();
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(300)
    void downloads512MiBAtBoundedMemory(Mode mode) throws Exception {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/download")).build();
        try (HttpResponse response = send(transport, request, mode)) {
            assertThat(response.headers().first("Content-Length")).isEqualTo(String.valueOf(SIZE));
            assertThat(digest(response.body())).isEqualTo(expectedDigest(SIZE));
        }
    }

    @org.junit.jupiter.api.Test
    void testJvmHeapIsCappedWellBelowTheBodySize() {
        // The bounded-memory tests mean something only under surefire's -Xmx96m.
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(128L * 1024 * 1024);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(300)
    void aReaderThatPausesHoldsTheServerBack(Mode mode) throws Exception {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/download")).build();
        try (HttpResponse response = send(transport, request, mode)) {
            InputStream body = response.body();
            assertThat(body.readNBytes(1024 * 1024)).hasSize(1024 * 1024);
            Thread.sleep(1500);
            // Only socket buffers and the transport's bounded queue can hold what the server wrote meanwhile.
            long written = downloadWritten.get();
            assertThat(written).isLessThan(32L * 1024 * 1024);
            long rest = body.transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(1024 * 1024 + rest).isEqualTo(SIZE);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(300)
    void downloadsChunkedBodiesAtBoundedMemory(Mode mode) throws Exception {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/download?chunked")).build();
        try (HttpResponse response = send(transport, request, mode)) {
            assertThat(response.headers().first("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(digest(response.body())).isEqualTo(expectedDigest(SIZE));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(300)
    void uploads512MiBAtBoundedMemory(Mode mode) throws Exception {
        HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/upload"))
                .body(RequestBody.of(ContentSource.ofSupplier(() -> Exchanges.patternStream(SIZE), SIZE),
                        "application/octet-stream"))
                .build();
        try (HttpResponse response = send(transport, request, mode)) {
            assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
        assertThat(uploadCount.get()).isEqualTo(SIZE);
        assertThat(uploadDigest.get()).isEqualTo(expectedDigest(SIZE));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(300)
    void uploadsUnknownLengthBodiesChunkedAtBoundedMemory(Mode mode) throws Exception {
        long size = 128L * 1024 * 1024;
        HttpRequest request = HttpRequest.builder(HttpMethod.PUT, server.uri("/upload"))
                .body(RequestBody.ofInputStream(Exchanges.patternStream(size), -1, "application/octet-stream"))
                .build();
        try (HttpResponse response = send(transport, request, mode)) {
            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThat(uploadCount.get()).isEqualTo(size);
        assertThat(uploadDigest.get()).isEqualTo(expectedDigest(size));
    }

    private static String digest(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[32 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String expectedDigest(long size) throws Exception {
        return digest(Exchanges.patternStream(size));
    }
}
