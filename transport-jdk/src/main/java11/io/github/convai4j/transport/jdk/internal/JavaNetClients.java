package io.github.convai4j.transport.jdk.internal;

import io.github.convai4j.http.TransportOptions;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the {@code java.net.http} stack's exchanges and WebSockets share: the {@code HttpClient}s (one per connect
 * timeout), the threads they run on, and a timer. Owned by a {@link JavaNetHttpTransport}, or by a
 * {@link JavaNetWebSocketTransport} on its own.
 */
final class JavaNetClients {
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final TransportOptions options;
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<Duration, HttpClient> clients = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    JavaNetClients(TransportOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<Runnable>(), new Threads("http"));
        this.timer = new ScheduledThreadPoolExecutor(1, new Threads("timer"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    TransportOptions options() {
        return options;
    }

    ExecutorService executor() {
        return executor;
    }

    boolean isClosed() {
        return closed.get();
    }

    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The transport is closed");
        }
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
            return null; // closed: the owner's close() aborts whatever the task would have
        }
    }

    /** Marks the clients closed; returns {@code false} if they were already. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    /** Stops the timer, closes the clients (Java 21 and later) and stops the threads. Call after {@link #markClosed}. */
    void shutdown() {
        timer.shutdownNow();
        List<HttpClient> toClose;
        synchronized (clients) {
            toClose = new ArrayList<>(clients.values());
            clients.clear();
        }
        for (HttpClient client : toClose) {
            // Java 21 made HttpClient AutoCloseable. Before that a client cannot be closed: its selector thread and
            // idle connections end when the garbage collector collects it, and nothing here holds it any more.
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
}
