package io.github.convai4j.transport.httpclient;

import static io.github.convai4j.transport.httpclient.Exchanges.readString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.nio.AsyncClientConnectionManager;
import org.apache.hc.client5.http.nio.AsyncConnectionEndpoint;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ConnectionInitiator;
import org.apache.hc.core5.util.TimeValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cancelling an async exchange (and every other abort: a read timeout, closing the body early) closes its
 * connection and frees its pool slot, in whatever order HttpClient's threads happen to run.
 *
 * <p>HttpClient 5.6 keeps one abort handle per exchange future, and each step of its exec chain replaces it:
 * the pool lease, the connect, then the request on its connection. The calling thread stores the lease's handle
 * only after {@code lease()} returns, and by then (a free pool slot completes the lease at once and starts the
 * connect; a pooled connection's lease completes on the I/O thread after a quick stale check) the I/O thread
 * may already have stored the request's handle and sent the request: the stale lease handle then overwrites
 * the live one, and cancelling HttpClient's future aborts nothing. Unforced, that happened in a few percent of
 * exchanges on a new connection and in 14-38 % on a reused one. These tests force such orders with a
 * connection manager that holds one of HttpClient's threads at a chosen point.
 */
@Timeout(60)
class AbortRaceTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private final CountDownLatch requestArrived = new CountDownLatch(1);
    private final CountDownLatch clientClosed = new CountDownLatch(1);
    private RawHttpServer server;
    private HoldingPool pool;
    private CloseableHttpAsyncClient client;
    private HttpClientTransport transport;

    enum Connection { NEW, REUSED }

    @BeforeEach
    void startServer() throws IOException {
        server = new RawHttpServer(ex -> {
            switch (ex.target) {
                case "/half-head" -> {
                    ex.out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n".getBytes(StandardCharsets.US_ASCII));
                    ex.out.flush();
                    requestArrived.countDown();
                    try {
                        ex.holdUntilClientCloses();
                    } finally {
                        clientClosed.countDown();
                    }
                }
                case "/endless" -> {
                    ex.closeConnection = true;
                    ex.head(200, "Content-Length", String.valueOf(1L << 40));
                    requestArrived.countDown();
                    byte[] chunk = new byte[64 * 1024];
                    try {
                        while (true) {
                            ex.out.write(chunk);
                        }
                    } finally {
                        clientClosed.countDown();
                    }
                }
                default -> ex.respond(200, "ok");
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
            client.close(CloseMode.IMMEDIATE);
        }
        server.close();
    }

    @ParameterizedTest(name = "{0} connection, mayInterruptIfRunning={1}")
    @CsvSource({"NEW, true", "NEW, false", "REUSED, true", "REUSED, false"})
    void cancelClosesTheConnection(Connection connection, boolean mayInterrupt) throws Exception {
        startTransportWithLateLease(connection);
        CompletableFuture<HttpResponse> future = transport.executeAsync(get("/half-head"));
        assertTheLeaseReturnedAfterTheRequestWasSent();
        Thread.sleep(200); // the partial head reaches the client
        assertThat(future).isNotDone();
        assertThat(server.connections.get()).as("connections opened").isEqualTo(1);

        assertThat(future.cancel(mayInterrupt)).isTrue();

        assertThat(clientClosed.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS))
                .as("the server saw the connection closed after cancel(%s)", mayInterrupt).isTrue();
        assertTheOnlyConnectionSlotIsFree();
    }

    @Test
    void readTimeoutClosesTheConnection() throws Exception {
        startTransportWithLateLease(Connection.NEW);
        CompletableFuture<HttpResponse> future = transport.executeAsync(get("/half-head").toBuilder()
                .readTimeout(Duration.ofMillis(500)).build());
        assertTheLeaseReturnedAfterTheRequestWasSent();

        assertThatThrownBy(() -> future.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ReadTimeoutException.class);

        assertThat(clientClosed.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS))
                .as("the server saw the connection closed after the read timeout").isTrue();
        assertTheOnlyConnectionSlotIsFree();
    }

    @Test
    void closingTheBodyEarlyClosesTheConnection() throws Exception {
        startTransportWithLateLease(Connection.NEW);
        CompletableFuture<HttpResponse> future = transport.executeAsync(get("/endless"));
        assertTheLeaseReturnedAfterTheRequestWasSent();
        HttpResponse response = future.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        InputStream body = response.body();
        assertThat(body.readNBytes(256 * 1024)).hasSize(256 * 1024);

        response.close();

        assertThat(clientClosed.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS))
                .as("the server stopped writing: the connection was closed").isTrue();
        assertTheOnlyConnectionSlotIsFree();
    }

    @Test
    void cancelWhileConnectingNeverSendsTheRequest() throws Exception {
        startTransport(new HoldingPool(options(), 0, new CountDownLatch(0)));
        CompletableFuture<HttpResponse> future = transport.executeAsync(get("/never"));
        assertThat(pool.connected.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).as("connected").isTrue();

        assertThat(future.cancel(true)).isTrue();
        pool.proceed.countDown();

        assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        assertTheOnlyConnectionSlotIsFree();
        assertThat(server.requests.get()).as("requests received (only the next one)").isEqualTo(1);
    }

    private static TransportOptions options() {
        return TransportOptions.builder()
                .maxConnectionsPerHost(1)
                .readTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** A transport on the transport's own kind of async client, on {@code pool}. */
    private void startTransport(HoldingPool holdingPool) {
        pool = holdingPool;
        client = DefaultClients.asyncClient(pool, options(), new NamedThreadFactory("io"));
        transport = HttpClientTransport.builder().options(options()).asyncHttpClient(client).build();
    }

    /**
     * A transport whose lease for the next request returns only once that request has reached the server. On
     * {@code REUSED}, one request first leaves an idle connection in the pool.
     */
    private void startTransportWithLateLease(Connection connection) throws Exception {
        startTransport(new HoldingPool(options(), connection == Connection.NEW ? 1 : 2, requestArrived));
        if (connection == Connection.REUSED) {
            try (HttpResponse warmUp = transport.executeAsync(get("/warm-up")).get(10, TimeUnit.SECONDS)) {
                assertThat(readString(warmUp)).isEqualTo("ok");
            }
        }
    }

    private void assertTheLeaseReturnedAfterTheRequestWasSent() throws InterruptedException {
        assertThat(pool.leaseHeld.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).as("lease() was held").isTrue();
        assertThat(pool.requestSentWhileLeaseHeld)
                .as("the request reached the server while the calling thread was still inside lease()").isTrue();
    }

    private void assertTheOnlyConnectionSlotIsFree() throws Exception {
        try (HttpResponse next = transport.executeAsync(get("/next")).get(10, TimeUnit.SECONDS)) {
            assertThat(readString(next)).isEqualTo("ok");
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.builder(HttpMethod.GET, server.uri(path)).build();
    }

    /**
     * The transport's pool, except that it can hold HttpClient's threads (each wait is bounded by 10 s):
     * <ul>
     *   <li>the {@code heldLease}-th {@code lease()} returns only once {@code requestArrived} is open, the
     *       order in which a preempted calling thread would return;</li>
     *   <li>with {@code heldLease} 0, the first connect reports its success only once {@link #proceed} is
     *       open: an exchange cancelled while it connects.</li>
     * </ul>
     */
    private static final class HoldingPool implements AsyncClientConnectionManager {
        private final AsyncClientConnectionManager pool;
        private final int heldLease;
        private final CountDownLatch requestArrived;
        private final AtomicInteger leases = new AtomicInteger();
        private final AtomicInteger connects = new AtomicInteger();
        final CountDownLatch leaseHeld = new CountDownLatch(1);
        volatile boolean requestSentWhileLeaseHeld;
        final CountDownLatch connected = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        HoldingPool(TransportOptions options, int heldLease, CountDownLatch requestArrived) {
            this.pool = DefaultClients.asyncPool(options, null);
            this.heldLease = heldLease;
            this.requestArrived = requestArrived;
        }

        @Override
        public Future<AsyncConnectionEndpoint> lease(String id, HttpRoute route, Object state,
                org.apache.hc.core5.util.Timeout requestTimeout, FutureCallback<AsyncConnectionEndpoint> callback) {
            Future<AsyncConnectionEndpoint> lease = pool.lease(id, route, state, requestTimeout, callback);
            if (leases.incrementAndGet() == heldLease) {
                try {
                    requestSentWhileLeaseHeld = requestArrived.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    leaseHeld.countDown();
                }
            }
            return lease;
        }

        @Override
        public void release(AsyncConnectionEndpoint endpoint, Object newState, TimeValue validDuration) {
            pool.release(endpoint, newState, validDuration);
        }

        @Override
        public Future<AsyncConnectionEndpoint> connect(AsyncConnectionEndpoint endpoint,
                ConnectionInitiator connectionInitiator, org.apache.hc.core5.util.Timeout connectTimeout,
                Object attachment, HttpContext context, FutureCallback<AsyncConnectionEndpoint> callback) {
            FutureCallback<AsyncConnectionEndpoint> reported = callback;
            if (heldLease == 0 && connects.incrementAndGet() == 1) {
                reported = new FutureCallback<AsyncConnectionEndpoint>() {
                    @Override
                    public void completed(AsyncConnectionEndpoint result) {
                        connected.countDown();
                        try {
                            proceed.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        callback.completed(result);
                    }

                    @Override
                    public void failed(Exception ex) {
                        callback.failed(ex);
                    }

                    @Override
                    public void cancelled() {
                        callback.cancelled();
                    }
                };
            }
            return pool.connect(endpoint, connectionInitiator, connectTimeout, attachment, context, reported);
        }

        @Override
        public void upgrade(AsyncConnectionEndpoint endpoint, Object attachment, HttpContext context) {
            pool.upgrade(endpoint, attachment, context);
        }

        @Override
        public void upgrade(AsyncConnectionEndpoint endpoint, Object attachment, HttpContext context,
                FutureCallback<AsyncConnectionEndpoint> callback) {
            pool.upgrade(endpoint, attachment, context, callback);
        }

        @Override
        public void close(CloseMode closeMode) {
            pool.close(closeMode);
        }

        @Override
        public void close() throws IOException {
            pool.close();
        }
    }
}
