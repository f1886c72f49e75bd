package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.Configurable;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} on Apache HttpClient 5: the classic (blocking) client for {@link #execute}, the async
 * client for {@link #executeAsync}. A good default for server-side code and for anything that blocks on
 * I/O anyway.
 *
 * <h2>Android</h2>
 * On Android ({@code java.vm.name} is {@code Dalvik}) both {@link #execute} and {@link #executeAsync} use the
 * classic client, the async one on a thread per exchange ({@code convai4j-httpclient5-async-*}, cancelled through
 * the future): httpcore5's async I/O reactor initializes a class that reads {@code jdk.net}, which Android lacks.
 * The classic client's connections are opened without HttpClient's {@code DefaultHttpClientConnectionOperator},
 * whose static initializer reads {@code jdk.net} too. What Android then runs (this jar, core, httpclient5,
 * httpcore5, httpcore5-h2, jackson-core, slf4j-api) passes the build's Android API 26 check, with a reviewed
 * allowlist of references that sit where that path never goes; a test runs the path in a JVM and checks that it
 * loads none of those classes. It has not been run on an Android device.
 *
 * <p>Create one with {@link #builder()} (or let convai4j find it through {@link HttpClientTransportProvider}),
 * share it, and close it when done. It is thread-safe.
 *
 * <pre>{@code
 * Transport transport = HttpClientTransport.builder()
 *         .options(TransportOptions.builder().maxConnectionsPerHost(16).build())
 *         .build();
 * }</pre>
 *
 * <h2>What is sent</h2>
 * Exactly the request's method, URL (non-ASCII characters percent-encoded as UTF-8) and header fields, plus
 * what HTTP/1.1 needs: {@code Host}, {@code Content-Length} or {@code Transfer-Encoding: chunked} (derived
 * from the body, and {@code Content-Length: 0} for a POST, PUT or PATCH without one), the body's
 * {@code Content-Type}, and {@code Connection: keep-alive}. (An {@link HttpRequest} cannot carry those
 * fields itself; see {@link HttpRequest#isTransportHeader}.) HttpClient's own retries, redirect following, cookie
 * handling, authentication, content decompression, protocol upgrade and default {@code User-Agent} are
 * turned off: core owns all of that. Both clients speak HTTP/1.1 only.
 *
 * <h2>Connections</h2>
 * Each client that the transport creates has its own connection pool: at most
 * {@link TransportOptions#maxConnectionsPerHost()} connections per host (default 64) and four times that
 * in total. A connection idle for {@link TransportOptions#idleTimeout()} (default 30 s; or less if the
 * server's {@code Keep-Alive} header says so) is not reused and is closed by an eviction task within half
 * that time. An idle timeout of zero turns connection reuse off. A pooled connection is checked before every
 * reuse, so one that the server closed while it was idle is not used (for the classic client the check is
 * a read with a 1 ms timeout). A response head cut off by the connection's close is an {@link IOException},
 * not a response. TLS uses the JVM's default context unless {@link Builder#sslContext} sets another; proxies
 * are not configured: pass your own client for those. The
 * async client runs {@code min(4, available processors)} I/O threads.
 *
 * <h2>Timeouts</h2>
 * Per request from {@link HttpRequest}, else from {@link TransportOptions}; zero means none.
 * <ul>
 *   <li>connect: HttpClient's connect timeout, set per request (see {@code Timeouts} in the sources for why
 *       the deprecated {@code RequestConfig} setter is the way to do that in 5.6); fails with
 *       {@link io.github.convai4j.http.ConnectTimeoutException}. A refused connection fails with
 *       {@link java.net.ConnectException}.</li>
 *   <li>read: the longest silence of the server while the transport waits for it. Sync: the socket timeout
 *       of every blocking read. Async: measured by the transport from the moment the request goes out on a
 *       connection (with an async client of your own: from the call, so a wait for a pooled connection
 *       counts too), reset by every byte sent or received; time in which the body buffer is full because the
 *       caller is not reading does not count. Fails with
 *       {@link io.github.convai4j.http.ReadTimeoutException}.</li>
 *   <li>total: from the call until the response body has been read to its end or closed, including any
 *       wait for a pooled connection. Enforced by a timer that aborts the exchange; fails with
 *       {@link io.github.convai4j.http.TotalTimeoutException} from {@code execute}, from the future, or from
 *       the body stream. (Sync only: a TCP connect in progress cannot be interrupted, so a total timeout that
 *       runs out during a connect surfaces when the connect returns, at most the connect timeout later.)</li>
 * </ul>
 *
 * <h2>Async design</h2>
 * The async path streams both ways and never blocks an I/O reactor thread. The request body's blocking
 * {@link io.github.convai4j.http.RequestBody#writeTo writeTo} runs on an upload thread (started on demand,
 * one per body being sent, ended after 30 s idle) and fills a ring buffer that the reactor drains as the
 * socket accepts bytes (64 KiB, or the body's length if smaller, growing up to {@value #BUFFER_SIZE} bytes
 * while the socket takes bytes more slowly than {@code writeTo} makes them). The response consumer completes
 * the future as soon as the head has arrived, then feeds the body into a bounded queue of
 * {@value #BUFFER_SIZE} bytes that the response's {@code InputStream} reads; HttpClient's input window is
 * reopened only as the reader makes room, so a slow reader slows the server down through TCP instead of
 * filling memory. Cancelling the future, or closing the body before its end, aborts the exchange and discards
 * its connection (with an async client of your own, see {@link Builder#asyncHttpClient} for a limit). The
 * future completes on an I/O reactor thread (or on the transport's timer thread for a timeout): do not block
 * in callbacks chained to it without {@code Async}.
 *
 * <h2>Logging</h2>
 * The transport logs nothing of a request. HttpClient's own loggers would: at DEBUG,
 * {@code org.apache.hc.client5.http.headers} prints every request head and {@code org.apache.hc.client5.http.wire}
 * every byte sent and received, the API key header and request bodies holding secrets included. With the
 * clients that the transport creates, they do not: the classic client's connections are made without
 * HttpClient's header and wire logging, the async client runs without its wire-logging session decorator,
 * and credential headers ({@link io.github.convai4j.http.Headers#isSensitive}: {@code xi-api-key},
 * {@code x-api-key}, {@code Authorization}, ...) are handed to HttpClient as fields that print themselves
 * masked. What HttpClient's DEBUG output still shows is each request line, method, path and query string
 * (its exec chain and header log print it), and response heads. Keep {@code org.apache.hc} above DEBUG
 * if a query string may hold something secret. <b>With a client of your own</b>
 * ({@link Builder#httpClient}, {@link Builder#asyncHttpClient}) credential headers are still masked in the
 * header log, but the wire log is the client's: at DEBUG it prints the key as sent; keep
 * {@code org.apache.hc.client5.http.wire} above DEBUG.
 *
 * <h2>Threads and closing</h2>
 * The transport starts one timer thread (timeouts and eviction), the async client's I/O threads on the first
 * {@code executeAsync}, and upload threads as needed; all are daemon threads named
 * {@code convai4j-httpclient5-*}. {@link #close()} aborts the exchanges in flight, closes the clients that
 * the transport created, and stops its threads before it returns. A client passed to the builder is the
 * caller's: the transport never closes it (it does start an async client that is not started yet).
 */
public final class HttpClientTransport implements Transport {

    /** The transport's name, as returned by {@link #name()}: {@value}. */
    public static final String NAME = "httpclient5";

    /**
     * Most bytes of a body held per exchange on the async path: the upload ring grows up to it, the download
     * queue is bounded by it. With 64 KiB the reactor and the thread on the other side took turns every
     * 64 KiB, about 40,000 to 60,000 context switches per GiB (BENCHMARKS.md, streaming).
     */
    static final int BUFFER_SIZE = 512 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpClientTransport.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final TransportOptions options;
    private final SSLContext sslContext;
    private final CloseableHttpClient classicClient;
    private final PoolingHttpClientConnectionManager classicPool;
    private final RequestConfig classicBase;
    private final boolean ownsAsyncClient;
    private final Object asyncLock = new Object();
    private CloseableHttpAsyncClient asyncClient;
    private PoolingAsyncClientConnectionManager asyncPool;
    private final NamedThreadFactory ioThreads = new NamedThreadFactory("io");
    private final NamedThreadFactory timerThreads = new NamedThreadFactory("timer");
    private final NamedThreadFactory uploadThreads = new NamedThreadFactory("upload");
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor uploads;
    /** Runs executeAsync on the classic client, where the async client cannot run (Android); else null. */
    private final ThreadPoolExecutor classicAsync;
    private final NamedThreadFactory classicAsyncThreads = new NamedThreadFactory("async");
    private final ScheduledFuture<?> eviction;
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpClientTransport(Builder b) {
        this.options = b.options;
        this.sslContext = b.sslContext;
        if (b.httpClient != null) {
            this.classicClient = b.httpClient;
            this.classicPool = null;
            RequestConfig own = b.httpClient instanceof Configurable
                    ? ((Configurable) b.httpClient).getConfig() : null;
            this.classicBase = own != null ? own : RequestConfig.DEFAULT;
        } else {
            this.classicPool = DefaultClients.classicPool(options, sslContext);
            this.classicClient = DefaultClients.classicClient(classicPool, options);
            this.classicBase = DefaultClients.baseRequestConfig(options);
        }
        this.asyncClient = b.asyncHttpClient;
        this.ownsAsyncClient = b.asyncHttpClient == null;
        this.timer = new ScheduledThreadPoolExecutor(1, timerThreads);
        this.timer.setRemoveOnCancelPolicy(true);
        this.uploads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<Runnable>(), uploadThreads);
        boolean asyncOnClassic = b.asyncOnClassic != null ? b.asyncOnClassic : isAndroid();
        this.classicAsync = asyncOnClassic ? new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<Runnable>(), classicAsyncThreads) : null;
        Duration idle = options.idleTimeout();
        if (!idle.isZero()) {
            long period = Math.max(1000L, Math.min(30_000L, idle.toMillis() / 2));
            this.eviction = timer.scheduleWithFixedDelay(this::evictIdleConnections, period, period,
                    TimeUnit.MILLISECONDS);
        } else {
            this.eviction = null;
        }
    }

    /**
     * Returns a new builder.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends a request on the classic client and returns once the response head has arrived.
     *
     * @param request the request
     * @return the response; its body streams from the connection, and the caller closes it
     * @throws IOException if the exchange fails; see {@link Transport} for the types
     * @throws IllegalStateException if the transport is closed
     */
    @Override
    public HttpResponse execute(HttpRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        ClassicExchange exchange = classicExchange(request);
        track(exchange);
        return exchange.run(classicClient);
    }

    private ClassicExchange classicExchange(HttpRequest request) {
        Timeouts timeouts = Timeouts.of(request, options);
        HttpUriRequestBase hcRequest = new HttpUriRequestBase(request.method().name(),
                Requests.wireUri(request.uri()));
        Requests.copyHeaders(request, hcRequest);
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(timeouts.requestConfig(classicBase, false));
        return new ClassicExchange(this, request, hcRequest, timeouts, context);
    }

    /** Android: the classic exchange on a thread of its own, cancelled through the future. */
    private CompletableFuture<HttpResponse> executeOnClassicThread(HttpRequest request) {
        ClassicExchange exchange = classicExchange(request);
        CompletableFuture<HttpResponse> future = new CompletableFuture<HttpResponse>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    exchange.cancel();
                }
                return cancelled;
            }
        };
        track(exchange);
        try {
            classicAsync.execute(() -> {
                try {
                    HttpResponse response = exchange.run(classicClient);
                    if (!future.complete(response)) {
                        response.close(); // cancelled meanwhile
                    }
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            forget(exchange);
            throw new IllegalStateException("This HttpClientTransport is closed; create a new one to send requests", e);
        }
        return future;
    }

    /** Android's runtime reports {@code java.vm.name} "Dalvik" (ART too). */
    private static boolean isAndroid() {
        return "Dalvik".equals(System.getProperty("java.vm.name"));
    }

    /**
     * Sends a request on the async client. See the class documentation for the threads involved.
     *
     * @param request the request
     * @return the future response; the caller closes the response
     * @throws IllegalStateException if the transport is closed
     */
    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        if (classicAsync != null) {
            return executeOnClassicThread(request);
        }
        CloseableHttpAsyncClient client = asyncClient();
        Timeouts timeouts = Timeouts.of(request, options);
        AsyncExchange exchange = new AsyncExchange(this, request, timeouts);
        BasicHttpRequest head = new BasicHttpRequest(request.method().name(), Requests.wireUri(request.uri()));
        Requests.copyHeaders(request, head);
        BodyProducer body = request.body() == null ? null
                : new BodyProducer(request.body(), uploads, exchange, BUFFER_SIZE);
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(timeouts.requestConfig(RequestConfig.DEFAULT, true));
        if (!Requests.hasHeader(request, "User-Agent")) {
            context.setAttribute(DefaultClients.NO_USER_AGENT, Boolean.TRUE);
        }
        context.setAttribute(DefaultClients.EXCHANGE, exchange);
        track(exchange);
        return exchange.start(client, new RequestProducer(head, body, exchange, !ownsAsyncClient), context);
    }

    /**
     * Returns {@value #NAME}.
     *
     * @return the name
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Closes the transport: aborts the exchanges in flight (their callers get an {@link IOException}),
     * closes the HttpClient instances that the transport created with their pooled connections, and stops
     * the transport's threads, waiting until they have ended (up to 5 s at each step of the shutdown).
     * Clients passed to the builder are left open. Idempotent; afterwards {@code execute} and
     * {@code executeAsync} throw {@link IllegalStateException}. Do not call it from a callback that runs on
     * one of the transport's own threads: it would wait for that thread to stop.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (eviction != null) {
            eviction.cancel(false);
        }
        for (InFlight exchange : new ArrayList<>(inFlight)) {
            exchange.abortOnClose();
        }
        CloseableHttpAsyncClient async;
        synchronized (asyncLock) {
            async = asyncClient;
        }
        if (async != null && ownsAsyncClient) {
            // GRACEFUL, although every exchange has just been aborted: IMMEDIATE closes the reactor's selector
            // from this thread while the reactor thread may still walk its keys, and httpcore5 logs that race
            // as an ERROR (ClosedSelectorException in SingleCoreIOReactor.closeOpenChannels). GRACEFUL asks the
            // reactor threads to close their idle connections and stop, waits for them, then closes.
            async.close(CloseMode.GRACEFUL);
            try {
                async.awaitShutdown(TimeValue.ofSeconds(SHUTDOWN_WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (classicPool != null) {
            classicClient.close(CloseMode.IMMEDIATE);
        }
        uploads.shutdownNow();
        timer.shutdownNow();
        if (classicAsync != null) {
            classicAsync.shutdownNow();
        }
        try {
            uploads.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            if (classicAsync != null) {
                classicAsync.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            timer.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            // Terminated executors (HttpClient's included) may still have threads finishing.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_WAIT_SECONDS);
            ioThreads.awaitThreadsEnded(deadline);
            uploadThreads.awaitThreadsEnded(deadline);
            timerThreads.awaitThreadsEnded(deadline);
            classicAsyncThreads.awaitThreadsEnded(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "HttpClientTransport[" + options + (closed.get() ? ", closed" : "") + "]";
    }

    // ---- package-private plumbing

    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        try {
            return timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // closing: every exchange is being aborted anyway
        }
    }

    void forget(InFlight exchange) {
        inFlight.remove(exchange);
    }

    private void track(InFlight exchange) {
        inFlight.add(exchange);
        if (closed.get()) {
            // close() may have missed it.
            exchange.abortOnClose();
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("This HttpClientTransport is closed; create a new one to send requests");
        }
    }

    private CloseableHttpAsyncClient asyncClient() {
        synchronized (asyncLock) {
            ensureOpen();
            if (asyncClient == null) {
                asyncPool = DefaultClients.asyncPool(options, sslContext);
                asyncClient = DefaultClients.asyncClient(asyncPool, options, ioThreads);
            }
            asyncClient.start(); // idempotent; also starts a caller's client that was not started yet
            return asyncClient;
        }
    }

    private void evictIdleConnections() {
        try {
            TimeValue idle = TimeValue.ofMilliseconds(options.idleTimeout().toMillis());
            if (classicPool != null) {
                classicPool.closeExpired();
                classicPool.closeIdle(idle);
            }
            PoolingAsyncClientConnectionManager pool;
            synchronized (asyncLock) {
                pool = asyncPool;
            }
            if (pool != null) {
                pool.closeExpired();
                pool.closeIdle(idle);
            }
        } catch (RuntimeException e) {
            LOG.debug("Evicting idle connections failed", e);
        }
    }

    /**
     * Builds an {@link HttpClientTransport}. Not thread-safe.
     *
     * <p>Without clients of your own, the transport creates and owns a classic and (on first use) an async
     * client configured as the class documentation describes. With your own, it uses them as they are, and
     * never closes them. Configure them like the defaults: retries, redirects, cookies and content
     * compression off ({@code disableAutomaticRetries()}, {@code disableRedirectHandling()},
     * {@code disableCookieManagement()}, {@code disableContentCompression()}). The transport still turns off
     * redirects, authentication, decompression, cookies and protocol upgrade per request, and sets each
     * request's timeouts, but it cannot turn off a client's retry strategy, and it cannot bound a pool it did
     * not create ({@code maxConnectionsPerHost} and {@code idleTimeout} then do not apply). Give your clients
     * an ISO-8859-1 charset for header values too (the async client's {@code setCharCodingConfig}, the classic
     * connection factory's {@code charCodingConfig}): HttpClient's default writes a header character
     * U+0080-U+009F as {@code ?}.
     */
    public static final class Builder {
        private TransportOptions options = TransportOptions.defaults();
        private CloseableHttpClient httpClient;
        private CloseableHttpAsyncClient asyncHttpClient;
        private SSLContext sslContext;
        private Boolean asyncOnClassic;

        private Builder() {
        }

        /**
         * Runs {@code executeAsync} on the classic client, one thread per exchange, instead of on the async client.
         * Default: on Android only, where the async client cannot run (its I/O reactor initializes a class that
         * reads {@code jdk.net}, which Android lacks). Package-private: the tests run the Android way on a JVM.
         */
        Builder asyncOnClassicClient(boolean onClassic) {
            this.asyncOnClassic = onClassic;
            return this;
        }

        /**
         * Sets the connection settings. Default: {@link TransportOptions#defaults()}.
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(TransportOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Uses your own classic client for {@code execute}. The transport does not close it.
         *
         * @param client a configured client, or {@code null} to let the transport create one
         * @return this builder
         */
        public Builder httpClient(CloseableHttpClient client) {
            this.httpClient = client;
            return this;
        }

        /**
         * Uses your own async client for {@code executeAsync}. The transport starts it if needed and does not
         * close it.
         *
         * <p>With your own client the transport can abort an exchange (cancel, timeout, transport close) only by
         * cancelling HttpClient's future, and in HttpClient 5.6 that future sometimes loses its handle on a
         * request that has just gone out on its connection. Such an abort still fails the caller's future (or
         * body stream), but the connection stays open, and its pool slot taken, until the server closes it or
         * has sent the whole response (which is then read and dropped). The client that the transport creates
         * itself holds a direct handle on each exchange's connection and has no such gap.
         *
         * @param client a configured client, or {@code null} to let the transport create one
         * @return this builder
         */
        public Builder asyncHttpClient(CloseableHttpAsyncClient client) {
            this.asyncHttpClient = client;
            return this;
        }

        /**
         * Sets the TLS context of {@code https} connections made by the clients that the transport creates,
         * e.g. to trust a private certificate authority. Hostnames are verified either way. Not used with
         * clients passed to this builder. Default: the JVM's default context (its default trust store).
         *
         * @param sslContext an initialised context, or {@code null} for the default
         * @return this builder
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * Builds the transport.
         *
         * @return a new transport, which the caller closes
         */
        public HttpClientTransport build() {
            return new HttpClientTransport(this);
        }
    }
}
