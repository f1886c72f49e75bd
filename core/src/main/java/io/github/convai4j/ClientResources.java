package io.github.convai4j;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.WebSocketTransport;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What a built client holds and must release: the transport (closed only if the client created it), the
 * default async executor, the scheduler (async retries and the timeouts of live conversations), and the
 * WebSocket client found for live conversations
 * when the client's own has no WebSocket support. Shared by the clients derived from it with
 * {@code withOptions} and {@code async()}; closed once, by the client that was built.
 */
final class ClientResources implements AutoCloseable {

    private final Transport transport;
    private final boolean ownsTransport;
    private final ThreadPoolExecutor defaultExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Finds a WebSocket client, for when {@link #transport} has none; throws if there is none. */
    private final Supplier<WebSocketTransport> webSocketFallback;
    /** The WebSocket client found by {@link #webSocketFallback}, created on first use; always closed with the client. */
    private WebSocketTransport conversationWebSockets;

    ClientResources(Transport transport, boolean ownsTransport, Supplier<WebSocketTransport> webSocketFallback) {
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.webSocketFallback = webSocketFallback;
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        // Threads start on first use and exit after a minute idle, so a sync-only client runs none.
        this.defaultExecutor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<Runnable>(), daemonThreads("convai4j-async-"));
        this.defaultExecutor.allowCoreThreadTimeOut(true);
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("convai4j-timer-"));
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    Transport transport() {
        return transport;
    }

    /**
     * The WebSocket capability live conversations use: the transport's own, else a WebSocket client found with
     * {@link #webSocketFallback} (created once, closed by {@link #close()}).
     */
    synchronized WebSocketTransport webSocketTransport() {
        if (closed.get()) {
            throw new IllegalStateException("The client is closed");
        }
        Optional<WebSocketTransport> own = transport.webSocket();
        if (own.isPresent()) {
            return own.get();
        }
        if (conversationWebSockets == null) {
            conversationWebSockets = webSocketFallback.get();
        }
        return conversationWebSockets;
    }

    Executor executorFor(ClientOptions options) {
        return options.executor() != null ? options.executor() : defaultExecutor;
    }

    ScheduledThreadPoolExecutor scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        WebSocketTransport forConversations;
        synchronized (this) {
            forConversations = conversationWebSockets;
        }
        try {
            if (ownsTransport) {
                transport.close();
            }
            if (forConversations != null) {
                forConversations.close();
            }
        } finally {
            scheduler.shutdownNow();
            defaultExecutor.shutdown();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
