package io.github.convai4j.transport.jdk.internal;

import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.WebSocketTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code java.net.http} stack of the JDK transport (see {@code JdkTransport.Stack.JAVA_NET_HTTP} for what it
 * does). Not an API: create it with {@code JdkTransport.builder()}.
 */
public final class JavaNetHttpTransport implements Transport {
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final TransportOptions options;
    private final String name;
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor timer;
    private final HostSlots slots;
    private final Map<Duration, HttpClient> clients = new LinkedHashMap<>();
    private final Set<JavaNetExchange> inFlight = ConcurrentHashMap.newKeySet();
    private final JavaNetWebSocketTransport webSocket;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JavaNetHttpTransport(TransportOptions options, String name) {
        this.options = Objects.requireNonNull(options, "options");
        this.name = name;
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<Runnable>(), new Threads("http"));
        this.timer = new ScheduledThreadPoolExecutor(1, new Threads("timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.slots = new HostSlots(options.maxConnectionsPerHost());
        this.webSocket = new JavaNetWebSocketTransport(this);
    }

    /**
     * Creates the transport. Call only where {@code java.net.http.HttpClient} exists.
     *
     * @param options connection settings
     * @param name what {@link #name()} returns
     * @return a new transport; the caller closes it
     */
    public static Transport create(TransportOptions options, String name) {
        return new JavaNetHttpTransport(options, name);
    }

    @Override
    public HttpResponse execute(HttpRequest request) throws IOException {
        CompletableFuture<HttpResponse> future = executeAsync(request);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the response to " + request.method() + " "
                    + request.redactedUri());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        return new JavaNetExchange(this, request).start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<WebSocketTransport> webSocket() {
        return Optional.of(webSocket);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (JavaNetExchange exchange : new ArrayList<>(inFlight)) {
            exchange.abortOnClose();
        }
        webSocket.abortAll();
        timer.shutdownNow();
        List<HttpClient> toClose;
        synchronized (clients) {
            toClose = new ArrayList<>(clients.values());
            clients.clear();
        }
        for (HttpClient client : toClose) {
            // Java 21 made HttpClient AutoCloseable. Before that a client cannot be closed: its selector thread and
            // idle connections end when the garbage collector collects it, and this transport no longer holds it.
            if (client instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) client).close();
                } catch (Exception e) {
                    // closing what is being discarded
                }
            }
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            timer.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- for exchanges and WebSockets ----

    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The transport is closed");
        }
    }

    TransportOptions options() {
        return options;
    }

    ExecutorService executor() {
        return executor;
    }

    HostSlots slots() {
        return slots;
    }

    /** The client whose connect timeout is {@code connectTimeout}: one per distinct value, kept for reuse. */
    HttpClient client(Duration connectTimeout) {
        synchronized (clients) {
            ensureOpen();
            HttpClient client = clients.get(connectTimeout);
            if (client == null) {
                HttpClient.Builder b = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(executor);
                if (!connectTimeout.isZero()) {
                    b.connectTimeout(connectTimeout);
                }
                client = b.build();
                clients.put(connectTimeout, client);
            }
            return client;
        }
    }

    ScheduledFuture<?> schedule(Runnable task, long nanos) {
        try {
            return timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // closed: close() aborts whatever the task would have
        }
    }

    void track(JavaNetExchange exchange) {
        inFlight.add(exchange);
        if (closed.get()) {
            exchange.abortOnClose();
        }
    }

    void forget(JavaNetExchange exchange) {
        inFlight.remove(exchange);
    }
}
