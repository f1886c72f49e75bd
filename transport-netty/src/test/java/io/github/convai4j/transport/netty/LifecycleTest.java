package io.github.convai4j.transport.netty;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Closing, the user's event loop group, and discovery through ServiceLoader. */
class LifecycleTest {
    private static LoopbackServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new LoopbackServer()
                .route("/hello", (req, res) -> res.send(200, "hello"))
                .route("/echo", (req, res) -> res.send(200, req.bodyBytes()))
                .route("/sleep", (req, res) -> {
                    Thread.sleep(req.queryLong("ms", 0));
                    res.send(200, "late");
                });
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private static Set<Thread> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("convai4j-netty"))
                .collect(Collectors.toSet());
    }

    /** Uses every kind of thread the transport has: event loops, body writers, DNS look-ups. */
    private static void exercise(Transport transport) throws Exception {
        try (HttpResponse response = transport.execute(HttpRequest.builder(HttpMethod.GET,
                server.uri("localhost", "/hello")).build())) {
            assertThat(BasicExchangeTest.readAll(response)).hasSize(5);
        }
        List<CompletableFuture<HttpResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futures.add(transport.executeAsync(HttpRequest.builder(HttpMethod.POST, server.uri("/echo"))
                    .body(RequestBody.ofInputStream(new ByteArrayInputStream(Pattern.bytes(100_000)), -1, null))
                    .build()));
        }
        for (CompletableFuture<HttpResponse> future : futures) {
            try (HttpResponse response = future.get(30, TimeUnit.SECONDS)) {
                assertThat(BasicExchangeTest.readAll(response)).hasSize(100_000);
            }
        }
    }

    @Test
    void closeEndsEveryThreadAndConnectionTheTransportStarted() throws Exception {
        Set<Thread> before = transportThreads();
        Set<Thread> allBefore = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        NettyTransport transport = NettyTransport.builder().ioThreads(2).build();
        exercise(transport);
        Set<Thread> started = transportThreads();
        started.removeAll(before);
        assertThat(started).as("threads the transport started").isNotEmpty();
        assertThat(server.openConnections()).isPositive();

        transport.close();

        assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName))
                .as("transport threads still alive after close()").isEmpty();
        assertThat(server.awaitOpenConnectionsAtMost(0, 5000)).as("connections still open").isZero();
        // Nor any other thread for long: Netty's shared globalEventExecutor, which the group's shutdown
        // wakes, ends by itself about a second later; nothing else may appear at all.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> others;
        do {
            Thread.sleep(50);
            others = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !allBefore.contains(t) && !t.getName().startsWith("loopback-server"))
                    .map(Thread::getName).collect(Collectors.toList());
        } while (!others.isEmpty() && System.nanoTime() < deadline);
        assertThat(others).as("threads that appeared and are still alive 5 s after close()").isEmpty();
        transport.close(); // idempotent
    }

    @Test
    void afterCloseExecuteThrowsAndExecuteAsyncFails() {
        NettyTransport transport = NettyTransport.create();
        transport.close();
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/hello")).build();
        assertThatThrownBy(() -> transport.execute(request)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> transport.executeAsync(request).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeFailsExchangesInFlightPromptly() throws Exception {
        NettyTransport transport = NettyTransport.create();
        CompletableFuture<HttpResponse> inFlight = transport.executeAsync(
                HttpRequest.builder(HttpMethod.GET, server.uri("/sleep?ms=10000")).build());
        Thread.sleep(200);
        long start = System.nanoTime();
        transport.close();
        assertThatThrownBy(() -> inFlight.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void userEventLoopGroupIsUsedAndLeftRunning() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Set<Thread> before = transportThreads();
            try (NettyTransport transport = NettyTransport.builder()
                    .eventLoopGroup(group, NioSocketChannel.class).build()) {
                CompletableFuture<String> thread = new CompletableFuture<>();
                transport.executeAsync(HttpRequest.builder(HttpMethod.GET, server.uri("/hello")).build())
                        .whenComplete((r, e) -> {
                            thread.complete(Thread.currentThread().getName());
                            if (r != null) {
                                try {
                                    r.close();
                                } catch (IOException ignored) {
                                    // test only
                                }
                            }
                        });
                assertThat(thread.get(10, TimeUnit.SECONDS)).doesNotStartWith("convai4j-netty-io");
                assertThat(transportThreads().stream().map(Thread::getName)
                        .filter(n -> n.startsWith("convai4j-netty-io"))).allMatch(n -> before.stream()
                        .anyMatch(t -> t.getName().equals(n)));
            }
            assertThat(group.isShuttingDown()).isFalse();
            assertThat(group.submit(() -> "still running").get(5, TimeUnit.SECONDS)).isEqualTo("still running");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void builderRejectsAGroupThatIsShutDown() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        assertThatThrownBy(() -> NettyTransport.builder().eventLoopGroup(group).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NettyTransport.builder().ioThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void providerIsDiscoveredByServiceLoader() throws Exception {
        TransportProvider found = null;
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            if (provider.name().equals("netty")) {
                found = provider;
            }
        }
        assertThat(found).isInstanceOf(NettyTransportProvider.class);
        assertThat(found.priority()).isEqualTo(100);
        TransportOptions options = TransportOptions.builder().maxConnectionsPerHost(3).build();
        try (Transport transport = found.create(options)) {
            assertThat(transport).isInstanceOf(NettyTransport.class);
            assertThat(((NettyTransport) transport).options()).isSameAs(options);
            exercise(transport);
        }
    }
}
