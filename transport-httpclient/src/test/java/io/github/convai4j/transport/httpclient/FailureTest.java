package io.github.convai4j.transport.httpclient;

import static io.github.convai4j.transport.httpclient.Exchanges.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.TotalTimeoutException;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.transport.httpclient.Exchanges.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Timeouts, refused and broken connections: each surfaces promptly as its documented type. */
@Timeout(60)
class FailureTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final java.util.Queue<Integer> completeUploads = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private RawHttpServer server;
    private HttpClientTransport transport;

    @BeforeEach
    void start() throws Exception {
        server = new RawHttpServer(ex -> {
            switch (ex.target.split("\\?")[0]) {
                case "/silent" -> release.await(30, TimeUnit.SECONDS);
                case "/stall-body" -> {
                    ex.head(200, "Content-Length", "1000");
                    ex.out.write(new byte[100]);
                    ex.out.flush();
                    release.await(30, TimeUnit.SECONDS);
                }
                case "/trickle" -> {
                    ex.head(200, "Content-Length", "100000");
                    for (int i = 0; i < 100 && release.getCount() > 0; i++) {
                        ex.out.write('x');
                        ex.out.flush();
                        Thread.sleep(100);
                    }
                }
                case "/short-length" -> {
                    ex.head(200, "Content-Length", "1000");
                    ex.out.write(new byte[500]);
                    ex.out.flush();
                    ex.closeConnection = true;
                }
                case "/cut-head" -> {
                    ex.out.write("HTTP/1.1 200 OK\r\nContent-Type: text/pl".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    ex.out.flush();
                    ex.closeConnection = true;
                }
                case "/close-after" -> {
                    ex.readBody();
                    ex.respond(200, "complete", "Connection", "close");
                    ex.closeConnection = true;
                }
                case "/no-length" -> {
                    ex.readBody();
                    ex.head(200, "Content-Type", "text/plain");
                    ex.out.write("until the end".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    ex.out.flush();
                    ex.closeConnection = true;
                }
                case "/once" -> {
                    ex.readBody();
                    ex.respond(200, "ok");
                    ex.closeConnection = true;
                }
                case "/upload-record" -> {
                    try {
                        byte[] body = ex.readBody();
                        completeUploads.add(body.length);
                        ex.respond(200, "got " + body.length);
                    } catch (IOException e) {
                        ex.closeConnection = true;
                    }
                }
                case "/short-chunked" -> {
                    ex.head(200, "Transfer-Encoding", "chunked");
                    ex.chunk(new byte[300], 0, 300);
                    ex.out.flush();
                    ex.closeConnection = true;
                }
                default -> {
                    ex.readBody();
                    ex.respond(200, "ok");
                }
            }
        });
        transport = HttpClientTransport.builder()
                .options(TransportOptions.builder().readTimeout(Duration.ofSeconds(20)).build())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        transport.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void refusedConnectionIsAConnectException(Mode mode) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, URI.create("http://127.0.0.1:" + port + "/")).build();
        assertThatThrownBy(() -> send(transport, request, mode)).isInstanceOf(ConnectException.class);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connectTimeoutIsAConnectTimeoutException(Mode mode) throws Exception {
        // A listening socket whose accept queue is full: Linux drops further SYNs, so connect hangs.
        try (ServerSocket full = new ServerSocket()) {
            full.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(s);
                    } catch (IOException e) {
                        s.close();
                        break;
                    }
                }
                HttpRequest request = HttpRequest.builder(HttpMethod.GET,
                                URI.create("http://127.0.0.1:" + full.getLocalPort() + "/"))
                        .connectTimeout(Duration.ofMillis(500)).build();
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> send(transport, request, mode))
                        .isInstanceOf(ConnectTimeoutException.class)
                        .satisfies(e -> assertThat(((ConnectTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(500)));
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void serverSilentBeforeTheHeadIsAReadTimeout(Mode mode) {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/silent"))
                .readTimeout(Duration.ofMillis(500)).build();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> send(transport, request, mode)).isInstanceOf(ReadTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failuresNameNoSecretFromTheUrlOrHeaders(Mode mode) {
        java.util.List<Throwable> failures = new ArrayList<>();
        HttpRequest timesOut = HttpRequest.builder(HttpMethod.GET,
                        URI.create(server.uri("/silent") + "?token=SECRET-TOKEN&signature=SECRET-SIG"))
                .addHeader("xi-api-key", "SECRET-KEY").readTimeout(Duration.ofMillis(300)).build();
        try {
            send(transport, timesOut, mode);
        } catch (IOException e) {
            failures.add(e);
        }
        HttpRequest refused = HttpRequest.builder(HttpMethod.GET,
                        URI.create("http://127.0.0.1:1/v1/convai/agents/SECRET-ID?token=SECRET-TOKEN"))
                .addHeader("xi-api-key", "SECRET-KEY").build();
        try {
            send(transport, refused, mode);
        } catch (IOException e) {
            failures.add(e);
        }
        assertThat(failures).hasSize(2);
        for (Throwable t = failures.get(0); t != null; t = t.getCause()) {
            assertThat(String.valueOf(t)).doesNotContain("SECRET");
        }
        for (Throwable t = failures.get(1); t != null; t = t.getCause()) {
            assertThat(String.valueOf(t)).doesNotContain("SECRET");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void serverSilentInTheBodyIsAReadTimeoutFromTheStream(Mode mode) throws Exception {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/stall-body"))
                .readTimeout(Duration.ofMillis(500)).build();
        try (HttpResponse response = send(transport, request, mode)) {
            InputStream body = response.body();
            assertThat(body.readNBytes(100)).hasSize(100);
            assertThatThrownBy(() -> body.read(new byte[10])).isInstanceOf(ReadTimeoutException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void totalTimeoutBeforeTheHead(Mode mode) {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/silent"))
                .totalTimeout(Duration.ofMillis(700)).build();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> send(transport, request, mode))
                .isInstanceOf(TotalTimeoutException.class)
                .satisfies(e -> assertThat(((TotalTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(700)));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(600), Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void totalTimeoutCoversTheBody(Mode mode) throws Exception {
        // One byte every 100 ms: the read timeout never runs out, the total timeout does.
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/trickle"))
                .readTimeout(Duration.ofSeconds(2)).totalTimeout(Duration.ofMillis(1500)).build();
        long t0 = System.nanoTime();
        try (HttpResponse response = send(transport, request, mode)) {
            assertThatThrownBy(() -> response.body().transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(TotalTimeoutException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void totalTimeoutInterruptsAReadBlockedOnASilentServer(Mode mode) throws Exception {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/stall-body"))
                .readTimeout(Duration.ofSeconds(20)).totalTimeout(Duration.ofMillis(1000)).build();
        long t0 = System.nanoTime();
        try (HttpResponse response = send(transport, request, mode)) {
            assertThatThrownBy(() -> response.body().transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(TotalTimeoutException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void prematureCloseOfALengthDelimitedBodyIsAnError(Mode mode) throws Exception {
        try (HttpResponse response = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/short-length")).build(), mode)) {
            assertThatThrownBy(() -> response.body().transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(io.github.convai4j.http.TimeoutIOException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aConnectionClosedInsideTheResponseHeadIsAnError(Mode mode) {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/cut-head")).build();
        assertThatThrownBy(() -> send(transport, request, mode))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("inside the response head");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCompleteResponseFollowedByCloseIsNotMistakenForACutHead(Mode mode) throws Exception {
        for (String path : new String[] {"/close-after", "/no-length"}) {
            try (HttpResponse response = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri(path)).build(), mode)) {
                assertThat(Exchanges.readString(response)).isIn("complete", "until the end");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aConnectionTheServerClosedWhileIdleIsNotReused(Mode mode) throws Exception {
        try (HttpClientTransport oneConnection = HttpClientTransport.builder()
                .options(TransportOptions.builder().maxConnectionsPerHost(1).build()).build()) {
            for (int i = 0; i < 3; i++) {
                HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/once"))
                        .body(RequestBody.ofString("{\"i\":" + i + "}", "application/json")).build();
                try (HttpResponse response = send(oneConnection, request, mode)) {
                    assertThat(Exchanges.readString(response)).isEqualTo("ok");
                }
                Thread.sleep(300);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aChunkedBodyThatFailsNeverReachesTheServerAsComplete(Mode mode) throws Exception {
        RequestBody failing = new RequestBody() {
            @Override
            public String contentType() {
                return "application/octet-stream";
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public boolean isRepeatable() {
                return false;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(new byte[256 * 1024]);
                out.flush();
                throw new IOException("source failed");
            }
        };
        HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/upload-record")).body(failing).build();
        assertThatThrownBy(() -> send(transport, request, mode)).isInstanceOf(IOException.class)
                .hasMessageContaining("source failed");
        Thread.sleep(500);
        assertThat(completeUploads).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void prematureCloseOfAChunkedBodyIsAnError(Mode mode) throws Exception {
        try (HttpResponse response = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/short-chunked")).build(), mode)) {
            assertThatThrownBy(() -> response.body().transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(io.github.convai4j.http.TimeoutIOException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aBodyShorterThanItsDeclaredLengthFailsTheRequest(Mode mode) {
        RequestBody lying = new RequestBody() {
            @Override
            public String contentType() {
                return "application/octet-stream";
            }

            @Override
            public long contentLength() {
                return 100;
            }

            @Override
            public boolean isRepeatable() {
                return true;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(new byte[50]);
            }
        };
        HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/x")).body(lying)
                .readTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> send(transport, request, mode))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("declared a length of 100");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailingBodySourceFailsTheRequest(Mode mode) {
        RequestBody failing = new RequestBody() {
            @Override
            public String contentType() {
                return null;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public boolean isRepeatable() {
                return false;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(new byte[100_000]);
                throw new IOException("disk on fire");
            }
        };
        HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/x")).body(failing).build();
        assertThatThrownBy(() -> send(transport, request, mode))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("disk on fire");
    }
}
