package io.github.convai4j.transport.netty;

import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.TotalTimeoutException;
import io.github.convai4j.http.TransportOptions;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each failure surfaces promptly as its documented type, from {@code execute}, the async future and the
 * body stream; no failure hangs or yields a short body that looks complete. Time limits here are generous
 * upper bounds (the machine is shared), never performance claims.
 */
class FailureAndTimeoutTest {
    private static LoopbackServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new LoopbackServer()
                .route("/sleep", (req, res) -> {
                    Thread.sleep(req.queryLong("ms", 0));
                    res.send(200, "late");
                })
                .route("/stall-body", (req, res) -> {
                    res.head(200, 1000);
                    res.out.write(new byte[10]);
                    res.out.flush();
                    Thread.sleep(req.queryLong("ms", 0));
                    res.out.write(new byte[990]);
                })
                .route("/trickle", (req, res) -> {
                    res.head(200, 100);
                    for (int i = 0; i < 100; i++) {
                        res.out.write('x');
                        res.out.flush();
                        Thread.sleep(100);
                    }
                })
                .route("/truncated-fixed", (req, res) -> {
                    res.head(200, 100_000);
                    res.out.write(Pattern.bytes(50_000));
                    res.abort();
                })
                .route("/truncated-chunked", (req, res) -> {
                    res.head(200, -1);
                    byte[] data = Pattern.bytes(20_000);
                    res.chunk(data, 0, data.length);
                    res.abort();
                })
                .route("/close-before-headers", (req, res) -> res.abort())
                .route("/garbage", (req, res) -> {
                    res.out.write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    res.abort();
                })
                .route("/ok", (req, res) -> res.send(200, "ok"))
                .route("/ignore-body", (req, res) -> {
                    Thread.sleep(req.queryLong("ms", 0)); // neither reads the body nor answers meanwhile
                    res.abort();
                })
                .route("/consume", (req, res) -> res.send(200, "read " + req.bodyBytes().length));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private static NettyTransport transport(TransportOptions.Builder options) {
        return NettyTransport.builder().options(options.build()).build();
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.builder(HttpMethod.GET, uri).build();
    }

    @Test
    void refusedConnectionIsAConnectExceptionFromExecuteAndFuture() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        try (NettyTransport transport = NettyTransport.create()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.execute(get(uri))).isInstanceOf(ConnectException.class);
            CompletableFuture<HttpResponse> future = transport.executeAsync(get(uri));
            assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void connectTimeoutCoversTheTlsHandshake() throws Exception {
        // A server that accepts the TCP connection but never answers the TLS ClientHello.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    Socket s = silent.accept();
                    Thread.sleep(10_000);
                    s.close();
                } catch (Exception ignored) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI uri = URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/");
            try (NettyTransport transport = NettyTransport.builder()
                    .sslContext(SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                            .trustManager(InsecureTrustManagerFactory.INSTANCE).build())
                    .build()) {
                HttpRequest request = HttpRequest.builder(HttpMethod.GET, uri)
                        .connectTimeout(Duration.ofMillis(300)).build();
                long start = System.nanoTime();
                assertThatThrownBy(() -> transport.execute(request))
                        .isInstanceOf(ConnectTimeoutException.class)
                        .hasMessageContaining("300 ms");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void readTimeoutWhileWaitingForHeaders() throws Exception {
        try (NettyTransport transport = transport(TransportOptions.builder().readTimeout(Duration.ofMillis(300)))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.execute(get(server.uri("/sleep?ms=5000"))))
                    .isInstanceOf(ReadTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            // per-request value overrides the transport's
            CompletableFuture<HttpResponse> future = transport.executeAsync(HttpRequest.builder(HttpMethod.GET,
                    server.uri("/sleep?ms=600")).readTimeout(Duration.ofSeconds(10)).build());
            try (HttpResponse response = future.get(10, TimeUnit.SECONDS)) {
                assertThat(BasicExchangeTest.readAll(response)).isEqualTo("late".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void readTimeoutInTheMiddleOfTheBody() throws Exception {
        try (NettyTransport transport = transport(TransportOptions.builder().readTimeout(Duration.ofSeconds(1)));
             HttpResponse response = transport.execute(get(server.uri("/stall-body?ms=8000")))) {
            InputStream body = response.body();
            byte[] buf = new byte[1000];
            int got = 0;
            long start = System.nanoTime();
            IOException thrown = null;
            try {
                int n;
                while ((n = body.read(buf, 0, buf.length)) >= 0) {
                    got += n;
                }
            } catch (IOException e) {
                thrown = e;
            }
            assertThat(thrown).isInstanceOf(ReadTimeoutException.class);
            assertThat(got).isEqualTo(10);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void slowReaderDoesNotTripTheReadTimeout() throws Exception {
        try (NettyTransport transport = transport(TransportOptions.builder().readTimeout(Duration.ofSeconds(1)));
             HttpResponse response = transport.execute(get(server.uri("/stall-body?ms=0")))) {
            Thread.sleep(3000); // the reader dawdles; the server is not to blame
            assertThat(BasicExchangeTest.readAll(response)).hasSize(1000);
        }
    }

    @Test
    void totalTimeoutWhileTheBodyTrickles() throws Exception {
        // the server sends the head and a byte at once, then a byte every 100 ms for 10 s
        try (NettyTransport transport = transport(TransportOptions.builder()
                .readTimeout(Duration.ofSeconds(3)).totalTimeout(Duration.ofMillis(2500)));
             HttpResponse response = transport.execute(get(server.uri("/trickle")))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> BasicExchangeTest.readAll(response)).isInstanceOf(TotalTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(7));
        }
    }

    @Test
    void totalTimeoutBeforeHeadersFromExecuteAndFuture() throws Exception {
        try (NettyTransport transport = NettyTransport.create()) {
            HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/sleep?ms=5000"))
                    .totalTimeout(Duration.ofMillis(300)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.execute(request)).isInstanceOf(TotalTimeoutException.class);
            assertThatThrownBy(() -> transport.executeAsync(request).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TotalTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void connectionClosedMidBodyIsAnErrorNotAShortBody() throws Exception {
        try (NettyTransport transport = NettyTransport.create()) {
            for (String path : new String[] {"/truncated-fixed", "/truncated-chunked"}) {
                try (HttpResponse response = transport.execute(get(server.uri(path)))) {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThatThrownBy(() -> BasicExchangeTest.readAll(response))
                            .isInstanceOf(IOException.class)
                            .hasMessageContaining("closed");
                }
            }
        }
    }

    @Test
    void connectionClosedBeforeHeadersFailsTheRequest() {
        try (NettyTransport transport = NettyTransport.create()) {
            assertThatThrownBy(() -> transport.execute(get(server.uri("/close-before-headers"))))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> transport.execute(get(server.uri("/garbage"))))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void bodyShorterOrLongerThanDeclaredFailsTheRequest() {
        try (NettyTransport transport = NettyTransport.create()) {
            HttpRequest shortBody = HttpRequest.builder(HttpMethod.POST, server.uri("/consume"))
                    .body(RequestBody.ofInputStream(new ByteArrayInputStream(new byte[10]), 20, null)).build();
            assertThatThrownBy(() -> transport.execute(shortBody))
                    .isInstanceOf(IOException.class).hasMessageContaining("declared length");
            RequestBody lying = new RequestBody() {
                @Override
                public String contentType() {
                    return null;
                }

                @Override
                public long contentLength() {
                    return 5;
                }

                @Override
                public boolean isRepeatable() {
                    return true;
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    out.write(new byte[6]);
                }
            };
            assertThatThrownBy(() -> transport.execute(HttpRequest.builder(HttpMethod.POST, server.uri("/consume"))
                    .body(lying).build()))
                    .isInstanceOf(IOException.class).hasMessageContaining("more than its declared length");
        }
    }

    @Test
    void failingBodyFailsTheRequestWithItsException() throws IOException {
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
        try (NettyTransport transport = NettyTransport.create()) {
            assertThatThrownBy(() -> transport.execute(HttpRequest.builder(HttpMethod.PUT, server.uri("/consume"))
                    .body(failing).build()))
                    .isInstanceOf(IOException.class).hasMessage("disk on fire");
            // the transport is still fine afterwards
            try (HttpResponse response = transport.execute(get(server.uri("/ok")))) {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void slowUploadDoesNotTripTheReadTimeout() throws Exception {
        RequestBody slow = new RequestBody() {
            @Override
            public String contentType() {
                return null;
            }

            @Override
            public long contentLength() {
                return 4000;
            }

            @Override
            public boolean isRepeatable() {
                return false;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                for (int i = 0; i < 4; i++) {
                    try {
                        Thread.sleep(700);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    out.write(new byte[1000]);
                    out.flush();
                }
            }
        };
        // 2.8 s of upload with a 1 s read timeout: the timeout waits for the server, not for the body source
        try (NettyTransport transport = transport(TransportOptions.builder().readTimeout(Duration.ofSeconds(1)));
             HttpResponse response = transport.execute(HttpRequest.builder(HttpMethod.POST, server.uri("/consume"))
                     .body(slow).build())) {
            assertThat(new String(BasicExchangeTest.readAll(response), StandardCharsets.UTF_8)).isEqualTo("read 4000");
        }
    }

    @Test
    void serverThatTakesNoBodyBytesTripsTheReadTimeout() {
        try (NettyTransport transport = transport(TransportOptions.builder().readTimeout(Duration.ofMillis(500)))) {
            HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/ignore-body?ms=20000"))
                    .body(RequestBody.ofInputStream(Pattern.stream(1L << 30, new java.util.concurrent.atomic.AtomicLong()),
                            -1, null))
                    .build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.execute(request))
                    .isInstanceOf(ReadTimeoutException.class).hasMessageContaining("took no request body bytes");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void interruptedExecuteAbortsAndThrowsInterruptedIOException() throws Exception {
        try (NettyTransport transport = NettyTransport.create()) {
            Thread caller = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ignored) {
                    return;
                }
                caller.interrupt();
            });
            interrupter.start();
            try {
                assertThatThrownBy(() -> transport.execute(get(server.uri("/sleep?ms=5000"))))
                        .isInstanceOf(java.io.InterruptedIOException.class);
                assertThat(Thread.interrupted()).isTrue(); // clears the flag for the next tests
            } finally {
                interrupter.join();
            }
        }
    }

    @Test
    void connectTimeoutDoesNotCountTheWaitOfARequestAlreadyConnected() throws Exception {
        try (NettyTransport transport = transport(TransportOptions.builder().connectTimeout(Duration.ofSeconds(1)))) {
            // the exchange lasts longer than the connect timeout; only connecting is bounded by it
            try (HttpResponse response = transport.execute(get(server.uri("/sleep?ms=2500")))) {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
    }

}
