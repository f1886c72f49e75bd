package io.github.convai4j.transport.jdk;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.transport.jdk.internal.HeaderBytes;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@link JdkTransport.Stack#URL_CONNECTION} stack: one {@link java.net.HttpURLConnection} per exchange,
 * bodies streamed ({@code setFixedLengthStreamingMode} when the length is known, {@code setChunkedStreamingMode}
 * when it is not), so nothing is buffered whole. Async calls run the same blocking exchange on a cached pool.
 */
final class UrlConnectionTransport implements Transport {

    private final TransportOptions options;
    private final boolean patchAllowed;
    private final ExecutorService asyncPool;
    private final ScheduledExecutorService timer;
    private final ConcurrentHashMap<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final Set<UrlConnectionExchange> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    static {
        // When a body is closed before its end, the JDK drains up to 512 KiB of it on a background thread before
        // it gives up the socket; with 0 it closes the socket at once, as a transport should after an early close
        // or a read timeout. Read once, when the JDK's keep-alive classes load; a value the application set
        // itself is kept.
        if (System.getProperty("http.KeepAlive.remainingData") == null) {
            System.setProperty("http.KeepAlive.remainingData", "0");
        }
    }

    /**
     * @param patchAllowed whether this runtime's {@code HttpURLConnection} sends {@code PATCH} (Android's does,
     *     the JDK's refuses it)
     */
    UrlConnectionTransport(TransportOptions options, boolean patchAllowed) {
        this.options = Objects.requireNonNull(options, "options");
        this.patchAllowed = patchAllowed;
        this.asyncPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<Runnable>(), new DaemonThreads("async"));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, new DaemonThreads("timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
    }

    @Override
    public HttpResponse execute(HttpRequest request) throws IOException {
        UrlConnectionExchange exchange = start(request);
        return exchange.run();
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        UrlConnectionExchange exchange = start(request);
        ExchangeFuture future = new ExchangeFuture(exchange);
        try {
            asyncPool.execute(() -> {
                try {
                    HttpResponse response = exchange.run();
                    if (!future.complete(response)) {
                        response.close(); // cancelled meanwhile
                    }
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("The transport is closed", e);
        }
        return future;
    }

    /** Checks what can be checked before any I/O, then creates the exchange. */
    private UrlConnectionExchange start(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new IllegalStateException("The transport is closed");
        }
        HeaderBytes.checkSendable(request.headers());
        if (request.method() == HttpMethod.PATCH && !patchAllowed) {
            throw new UnsupportedOperationException("PATCH cannot be sent here: the JDK transport runs on"
                    + " HttpURLConnection because this JVM has no java.net.http (Java 11+), and the JDK's"
                    + " HttpURLConnection refuses PATCH. Run on Java 11 or later, or use"
                    + " io.github.convai4j:convai4j-transport-httpclient. (Android's HttpURLConnection sends PATCH.)");
        }
        if (request.method() == HttpMethod.GET && request.body() != null) {
            throw new UnsupportedOperationException("A GET with a body cannot be sent on HttpURLConnection: it"
                    + " would send it as a POST. Send the request without a body, or on java.net.http (Java 11+)");
        }
        return new UrlConnectionExchange(this, request);
    }

    @Override
    public String name() {
        return JdkTransport.NAME;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (UrlConnectionExchange exchange : inFlight) {
            exchange.abort(UrlConnectionExchange.Abort.CLOSED);
        }
        asyncPool.shutdownNow(); // a SynchronousQueue holds no waiting task: each runs on its own thread
        timer.shutdownNow();
        try {
            asyncPool.awaitTermination(5, TimeUnit.SECONDS);
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- for the exchanges ----

    TransportOptions options() {
        return options;
    }

    boolean isClosed() {
        return closed;
    }

    Semaphore permitsFor(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return permits.computeIfAbsent(uri.getHost() + ":" + port,
                k -> new Semaphore(options.maxConnectionsPerHost(), true));
    }

    ScheduledFuture<?> schedule(Runnable task, long millis) {
        try {
            return timer.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            task.run(); // closed: the abort it would do happens now
            return null;
        }
    }

    void track(UrlConnectionExchange exchange) {
        inFlight.add(exchange);
    }

    void forget(UrlConnectionExchange exchange) {
        inFlight.remove(exchange);
    }

    /** A future whose {@code cancel} aborts the exchange. */
    private static final class ExchangeFuture extends CompletableFuture<HttpResponse> {
        private final UrlConnectionExchange exchange;

        ExchangeFuture(UrlConnectionExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                exchange.abort(UrlConnectionExchange.Abort.CANCELLED);
            }
            return cancelled;
        }
    }
}
