package io.github.convai4j.transport.httpclient;

import static io.github.convai4j.transport.httpclient.Exchanges.readString;
import static io.github.convai4j.transport.httpclient.Exchanges.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.transport.httpclient.Exchanges.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cancellation, connection reuse, concurrency, ownership and shutdown. */
@Timeout(120)
class LifecycleTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch hugeDone = new CountDownLatch(1);
    private RawHttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RawHttpServer(ex -> {
            switch (ex.target) {
                case "/hold" -> ex.holdUntilClientCloses();
                case "/huge-chunked" -> {
                    try {
                        ex.head(200, "Transfer-Encoding", "chunked");
                        byte[] buf = new byte[64 * 1024];
                        for (long sent = 0; sent < 4L * 1024 * 1024 * 1024; sent += buf.length) {
                            ex.chunk(buf, 0, buf.length);
                        }
                        ex.lastChunk();
                    } finally {
                        hugeDone.countDown();
                    }
                }
                case "/big" -> {
                    ex.head(200, "Content-Length", String.valueOf(64L * 1024 * 1024));
                    byte[] buf = new byte[64 * 1024];
                    for (int i = 0; i < 1024; i++) {
                        ex.out.write(buf);
                    }
                    ex.out.flush();
                }
                default -> {
                    ex.readBody();
                    ex.respond(200, "ok:" + ex.target);
                }
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        server.close();
    }

    @Test
    void cancellingTheFutureBeforeTheHeadAbortsTheExchangeAndFreesTheConnection() throws Exception {
        try (HttpClientTransport transport = oneConnectionTransport()) {
            CompletableFuture<HttpResponse> future =
                    transport.executeAsync(HttpRequest.builder(HttpMethod.GET, server.uri("/hold")).build());
            awaitTrue(() -> server.requests.get() == 1);
            assertThat(future.cancel(true)).isTrue();
            // The server sees its connection closed, and the single pooled slot is free again.
            awaitTrue(() -> server.openConnections() == 0);
            try (HttpResponse r = transport.executeAsync(HttpRequest.builder(HttpMethod.GET, server.uri("/next")).build())
                    .get(10, TimeUnit.SECONDS)) {
                assertThat(readString(r)).isEqualTo("ok:/next");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closingABodyEarlyDropsTheConnectionAndFreesThePoolSlot(Mode mode) throws Exception {
        try (HttpClientTransport transport = oneConnectionTransport()) {
            HttpResponse big = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/big")).build(), mode);
            assertThat(big.body().readNBytes(100_000)).hasSize(100_000);
            long t0 = System.nanoTime();
            big.close();
            // Not drained: closing 64 MiB early must not read the rest.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            awaitTrue(() -> server.openConnections() == 0);
            try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/next")).build(), mode)) {
                assertThat(readString(r)).isEqualTo("ok:/next");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closingAHugeChunkedBodyEarlyStopsTheServer(Mode mode) throws Exception {
        try (HttpClientTransport transport = oneConnectionTransport()) {
            HttpResponse huge = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/huge-chunked")).build(), mode);
            assertThat(huge.body().readNBytes(1024 * 1024)).hasSize(1024 * 1024);
            huge.close();
            assertThat(hugeDone.await(5, TimeUnit.SECONDS)).as("server stopped writing").isTrue();
            try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/next")).build(), mode)) {
                assertThat(readString(r)).isEqualTo("ok:/next");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void keepAliveReusesOneConnection(Mode mode) throws Exception {
        try (HttpClientTransport transport = HttpClientTransport.builder().build()) {
            for (int i = 0; i < 20; i++) {
                HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/r" + i))
                        .body(RequestBody.ofString("{\"i\":" + i + "}", "application/json")).build();
                try (HttpResponse r = send(transport, request, mode)) {
                    assertThat(readString(r)).isEqualTo("ok:/r" + i);
                }
            }
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void twoHundredConcurrentAsyncRequestsAllComplete() throws Exception {
        try (HttpClientTransport transport = HttpClientTransport.builder().build()) {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/c" + i))
                        .body(RequestBody.ofString("payload " + i, "text/plain")).build();
                results.add(transport.executeAsync(request).thenApplyAsync(r -> {
                    try (HttpResponse response = r) {
                        return readString(response);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("ok:/c" + i);
            }
            // The pool bounds the connections per host.
            assertThat(server.connections.get()).isLessThanOrEqualTo(TransportOptions.DEFAULT_MAX_CONNECTIONS_PER_HOST);
        }
    }

    @Test
    void closeReturnsOnlyOnceTheTransportsThreadsHaveEnded() throws Exception {
        // Executors (HttpClient's too) report termination while their threads are still finishing, so a close()
        // that only awaited them returned early about once in a hundred: repeat until that would show.
        for (int i = 0; i < 300; i++) {
            HttpClientTransport transport = HttpClientTransport.builder().build();
            try (HttpResponse r = transport.executeAsync(HttpRequest.builder(HttpMethod.GET, server.uri("/a")).build())
                    .get(10, TimeUnit.SECONDS)) {
                readString(r);
            }
            transport.close();
            assertThat(transportThreads()).as("threads alive after close() #%d", i + 1).isEmpty();
        }
    }

    @Test
    void closeAbortsExchangesInFlightAndLeavesNoThreadsOrSockets() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        HttpClientTransport transport = HttpClientTransport.builder().build();
        try (HttpResponse r = transport.execute(HttpRequest.builder(HttpMethod.GET, server.uri("/a")).build())) {
            readString(r);
        }
        try (HttpResponse r = transport.executeAsync(HttpRequest.builder(HttpMethod.POST, server.uri("/b"))
                .body(RequestBody.ofInputStream(Exchanges.patternStream(1_000_000), -1, null)).build())
                .get(10, TimeUnit.SECONDS)) {
            readString(r);
        }
        CompletableFuture<HttpResponse> held =
                transport.executeAsync(HttpRequest.builder(HttpMethod.GET, server.uri("/hold")).build());
        awaitTrue(() -> server.requests.get() == 3);
        assertThat(transportThreads()).isNotEmpty();

        transport.close();

        assertThatThrownBy(() -> held.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(java.io.IOException.class);
        assertThat(transportThreads()).isEmpty();
        Set<Thread> after = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.getName().startsWith("test-raw-server"))
                .collect(Collectors.toSet());
        assertThat(after).extracting(Thread::getName).isEmpty();
        awaitTrue(() -> server.openConnections() == 0);

        assertThatThrownBy(() -> transport.execute(HttpRequest.builder(HttpMethod.GET, server.uri("/a")).build()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> transport.executeAsync(HttpRequest.builder(HttpMethod.GET, server.uri("/a")).build()))
                .isInstanceOf(IllegalStateException.class);
        transport.close(); // idempotent
    }

    @Test
    void clientsPassedToTheBuilderAreUsedAndNotClosed() throws Exception {
        try (CloseableHttpClient classic = HttpClients.custom().disableAutomaticRetries().build();
                CloseableHttpAsyncClient async = HttpAsyncClients.custom().disableAutomaticRetries().build()) {
            HttpClientTransport transport = HttpClientTransport.builder().httpClient(classic).asyncHttpClient(async).build();
            try (HttpResponse r = transport.execute(HttpRequest.builder(HttpMethod.GET, server.uri("/own")).build())) {
                assertThat(readString(r)).isEqualTo("ok:/own");
            }
            try (HttpResponse r = transport.executeAsync(HttpRequest.builder(HttpMethod.GET, server.uri("/own-async")).build())
                    .get(10, TimeUnit.SECONDS)) {
                assertThat(readString(r)).isEqualTo("ok:/own-async");
            }
            transport.close();
            // Still usable by their owner.
            try (var response = classic.executeOpen(null,
                    new org.apache.hc.client5.http.classic.methods.HttpGet(server.uri("/after")), null)) {
                assertThat(response.getCode()).isEqualTo(200);
                org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
            }
            var simple = org.apache.hc.client5.http.async.methods.SimpleRequestBuilder.get(server.uri("/after-async")).build();
            assertThat(async.execute(simple, null).get(10, TimeUnit.SECONDS).getCode()).isEqualTo(200);
        }
    }

    @Test
    void providerIsFoundByServiceLoader() {
        List<TransportProvider> found = new ArrayList<>();
        ServiceLoader.load(TransportProvider.class).forEach(found::add);
        assertThat(found).hasSize(1);
        TransportProvider provider = found.get(0);
        assertThat(provider.name()).isEqualTo("httpclient5");
        assertThat(provider.priority()).isEqualTo(200);
        try (Transport transport = provider.create(TransportOptions.defaults())) {
            assertThat(transport).isInstanceOf(HttpClientTransport.class);
            assertThat(transport.name()).isEqualTo("httpclient5");
        }
    }

    @Test
    void idleConnectionsAreEvicted() throws Exception {
        TransportOptions options = TransportOptions.builder().idleTimeout(Duration.ofMillis(1500)).build();
        try (HttpClientTransport transport = HttpClientTransport.builder().options(options).build()) {
            for (Mode mode : Mode.values()) {
                try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/x")).build(), mode)) {
                    readString(r);
                }
            }
            assertThat(server.openConnections()).isEqualTo(2);
            awaitTrue(() -> server.openConnections() == 0);
        }
    }

    private static HttpClientTransport oneConnectionTransport() {
        return HttpClientTransport.builder()
                .options(TransportOptions.builder().maxConnectionsPerHost(1).build()).build();
    }

    private static List<String> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("convai4j-httpclient5-"))
                .collect(Collectors.toList());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }

}
