package io.github.convai4j.transport.netty;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keep-alive reuse, the per-host limit and its queue, idle expiry, and cancellation freeing connections. */
class PoolAndCancelTest {
    private LoopbackServer server;
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer()
                .route("/hello", (req, res) -> res.send(200, "hello " + req.query("i")))
                .route("/hold", (req, res) -> {
                    int now = concurrent.incrementAndGet();
                    maxConcurrent.accumulateAndGet(now, Math::max);
                    try {
                        Thread.sleep(req.queryLong("ms", 100));
                    } finally {
                        concurrent.decrementAndGet();
                    }
                    res.send(200, "held");
                })
                .route("/big", (req, res) -> res.send(200, Pattern.bytes(2 * 1024 * 1024)))
                .route("/upload", (req, res) -> res.send(200, "got " + req.bodyBytes().length))
                .route("/close", (req, res) -> res.send(200, "bye", "Connection", "close"))
                .route("/then-drop", (req, res) -> {
                    res.send(200, "dropping soon");
                    Thread.sleep(50);
                    res.abort(); // the server closes an idle keep-alive connection
                });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.builder(HttpMethod.GET, uri).build();
    }

    private static String text(HttpResponse response) throws IOException {
        return new String(BasicExchangeTest.readAll(response), StandardCharsets.UTF_8);
    }

    @Test
    void sequentialRequestsReuseOneKeepAliveConnection() throws Exception {
        try (NettyTransport transport = NettyTransport.create()) {
            for (int i = 0; i < 20; i++) {
                try (HttpResponse response = i % 2 == 0 ? transport.execute(get(server.uri("/hello?i=" + i)))
                        : transport.executeAsync(get(server.uri("/hello?i=" + i))).get(10, TimeUnit.SECONDS)) {
                    assertThat(text(response)).isEqualTo("hello " + i);
                }
            }
            assertThat(server.connectionsAccepted()).isEqualTo(1);
            assertThat(server.requestsServed()).isEqualTo(20);
        }
    }

    @Test
    void sequentialUploadsOfEveryFramingReuseOneConnection() throws Exception {
        // The server answers as soon as it has the whole body, often before the writer thread has returned
        // from writeTo: the exchange must still see its request as complete and keep the connection.
        int[] sizes = {0, 1, RequestBodyWriter.CHUNK_SIZE, 2 * RequestBodyWriter.CHUNK_SIZE, 100_000};
        try (NettyTransport transport = NettyTransport.create()) {
            for (int i = 0; i < 60; i++) {
                int size = sizes[i % sizes.length];
                boolean known = (i / sizes.length) % 2 == 0;
                HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/upload"))
                        .body(io.github.convai4j.http.RequestBody.ofInputStream(
                                new java.io.ByteArrayInputStream(Pattern.bytes(size)), known ? size : -1, null))
                        .build();
                try (HttpResponse response = i % 3 == 0 ? transport.executeAsync(request).get(10, TimeUnit.SECONDS)
                        : transport.execute(request)) {
                    assertThat(text(response)).isEqualTo("got " + size);
                }
            }
            assertThat(server.connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void connectionCloseResponseIsNotReused() throws Exception {
        try (NettyTransport transport = NettyTransport.create()) {
            try (HttpResponse response = transport.execute(get(server.uri("/close")))) {
                assertThat(text(response)).isEqualTo("bye");
            }
            try (HttpResponse response = transport.execute(get(server.uri("/hello?i=1")))) {
                assertThat(text(response)).isEqualTo("hello 1");
            }
            assertThat(server.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void bodyClosedBeforeItsEndDiscardsTheConnection() throws Exception {
        try (NettyTransport transport = NettyTransport.create()) {
            try (HttpResponse response = transport.execute(get(server.uri("/big")))) {
                assertThat(response.body().read(new byte[100])).isPositive();
            }
            assertThat(server.awaitOpenConnectionsAtMost(0, 5000)).isZero();
            try (HttpResponse response = transport.execute(get(server.uri("/hello?i=2")))) {
                assertThat(text(response)).isEqualTo("hello 2");
            }
            assertThat(server.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void idleConnectionsCloseAfterTheIdleTimeout() throws Exception {
        try (NettyTransport transport = NettyTransport.builder()
                .options(TransportOptions.builder().idleTimeout(Duration.ofMillis(200)).build()).build()) {
            try (HttpResponse response = transport.execute(get(server.uri("/hello?i=3")))) {
                assertThat(text(response)).isEqualTo("hello 3");
            }
            assertThat(server.openConnections()).isEqualTo(1);
            assertThat(server.awaitOpenConnectionsAtMost(0, 5000)).isZero();
        }
    }

    @Test
    void connectionClosedByTheServerWhileIdleIsNotUsedAgain() throws Exception {
        try (NettyTransport transport = NettyTransport.create()) {
            try (HttpResponse response = transport.execute(get(server.uri("/then-drop")))) {
                assertThat(text(response)).isEqualTo("dropping soon");
            }
            assertThat(server.awaitOpenConnectionsAtMost(0, 5000)).isZero();
            try (HttpResponse response = transport.execute(get(server.uri("/hello?i=4")))) {
                assertThat(text(response)).isEqualTo("hello 4");
            }
            assertThat(server.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void maxConnectionsPerHostIsHonouredAndWaitersAreServed() throws Exception {
        try (NettyTransport transport = NettyTransport.builder()
                .options(TransportOptions.builder().maxConnectionsPerHost(2).build()).build()) {
            List<CompletableFuture<HttpResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(transport.executeAsync(get(server.uri("/hold?ms=100"))));
            }
            for (CompletableFuture<HttpResponse> future : futures) {
                try (HttpResponse response = future.get(20, TimeUnit.SECONDS)) {
                    assertThat(text(response)).isEqualTo("held");
                }
            }
            assertThat(server.connectionsAccepted()).isEqualTo(2);
            assertThat(maxConcurrent.get()).isEqualTo(2);
        }
    }

    @Test
    void twoHundredConcurrentAsyncRequestsAllComplete() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try (NettyTransport transport = NettyTransport.create()) {
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(transport.executeAsync(get(server.uri("/hello?i=" + i)))
                        .thenApplyAsync(response -> {
                            try (HttpResponse r = response) {
                                return text(r);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }, readers));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(futures.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("hello " + i);
            }
            assertThat(server.connectionsAccepted()).isBetween(1, TransportOptions.DEFAULT_MAX_CONNECTIONS_PER_HOST);
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void cancelBeforeHeadersAbortsAndFreesTheConnectionSlot() throws Exception {
        try (NettyTransport transport = NettyTransport.builder()
                .options(TransportOptions.builder().maxConnectionsPerHost(1).build()).build()) {
            CompletableFuture<HttpResponse> slow = transport.executeAsync(get(server.uri("/hold?ms=10000")));
            awaitServerBusy();
            assertThat(slow.cancel(true)).isTrue();
            assertThatThrownBy(slow::join).isInstanceOf(CancellationException.class);
            // the only slot is free again: the next request gets a new connection at once
            long start = System.nanoTime();
            try (HttpResponse response = transport.executeAsync(get(server.uri("/hello?i=5"))).get(10, TimeUnit.SECONDS)) {
                assertThat(text(response)).isEqualTo("hello 5");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(server.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void cancelWhileWaitingForAConnectionLeavesTheQueue() throws Exception {
        try (NettyTransport transport = NettyTransport.builder()
                .options(TransportOptions.builder().maxConnectionsPerHost(1).build()).build()) {
            CompletableFuture<HttpResponse> first = transport.executeAsync(get(server.uri("/hold?ms=500")));
            CompletableFuture<HttpResponse> queued = transport.executeAsync(get(server.uri("/hello?i=6")));
            assertThat(queued.cancel(false)).isTrue();
            CompletableFuture<HttpResponse> third = transport.executeAsync(get(server.uri("/hello?i=7")));
            try (HttpResponse response = first.get(10, TimeUnit.SECONDS)) {
                assertThat(text(response)).isEqualTo("held");
            }
            try (HttpResponse response = third.get(10, TimeUnit.SECONDS)) {
                assertThat(text(response)).isEqualTo("hello 7");
            }
            assertThat(server.connectionsAccepted()).isEqualTo(1);
            assertThat(server.requestsServed()).isEqualTo(2);
        }
    }

    @Test
    void cancelAfterTheHeadersLeavesTheBodyReadable() throws Exception {
        try (NettyTransport transport = NettyTransport.create()) {
            CompletableFuture<HttpResponse> future = transport.executeAsync(get(server.uri("/big")));
            try (HttpResponse response = future.get(10, TimeUnit.SECONDS)) {
                assertThat(future.cancel(true)).isFalse();
                assertThat(BasicExchangeTest.readAll(response)).hasSize(2 * 1024 * 1024);
            }
        }
    }

    @Test
    void cancelMidBodyThroughCloseFreesTheConnection() throws Exception {
        try (NettyTransport transport = NettyTransport.builder()
                .options(TransportOptions.builder().maxConnectionsPerHost(1).build()).build()) {
            HttpResponse response = transport.execute(get(server.uri("/big")));
            InputStream body = response.body();
            assertThat(body.read(new byte[1000])).isPositive();
            response.close();
            assertThatThrownBy(body::read).isInstanceOf(IOException.class);
            try (HttpResponse next = transport.executeAsync(get(server.uri("/hello?i=8"))).get(10, TimeUnit.SECONDS)) {
                assertThat(text(next)).isEqualTo("hello 8");
            }
        }
    }

    private void awaitServerBusy() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (concurrent.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(concurrent.get()).isEqualTo(1);
    }
}
