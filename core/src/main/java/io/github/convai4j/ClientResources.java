package io.github.convai4j;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
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
    /** Where a WebSocket client is looked for when {@link #transport} has none, and its connection settings. */
    private final ClassLoader transportClassLoader;
    private final TransportOptions connection;
    /** The WebSocket client found for live conversations, created on first use; always closed with the client. */
    private WebSocketTransport conversationWebSockets;
    /**
     * Closes {@link #conversationWebSockets}; set with it. {@link #close()} runs this rather than calling the
     * WebSocket client, so that closing a client refers to no WebSocket type and an app that never talks live
     * keeps none of them when shrunk.
     */
    private Runnable closeConversationWebSockets;

    /**
     * @param transport the client's transport
     * @param ownsTransport whether closing the client closes the transport (the client created it)
     * @param transportClassLoader where to look for a WebSocket client if {@code transport} has none ({@code null}:
     *     the context class loader, then convai4j's own)
     * @param connection the connection settings of such a WebSocket client
     */
    ClientResources(Transport transport, boolean ownsTransport, ClassLoader transportClassLoader,
            TransportOptions connection) {
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.transportClassLoader = transportClassLoader;
        this.connection = connection;
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
     * The WebSocket capability live conversations use: the transport's own, else the WebSocket client alone of
     * the highest-priority other discovered transport that has one (created once, closed by {@link #close()}).
     * Only live conversations and {@code ConvaiClient.webSocketTransport()} call this.
     *
     * @throws IllegalStateException if there is none (the message names the artifact to add), or the client is closed
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
            WebSocketTransport found = TransportDiscovery.createWebSocket(transportClassLoader, connection,
                    transport.name());
            conversationWebSockets = found;
            closeConversationWebSockets = found::close;
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
        Runnable closeForConversations;
        synchronized (this) {
            closeForConversations = closeConversationWebSockets;
        }
        try {
            if (ownsTransport) {
                transport.close();
            }
            if (closeForConversations != null) {
                closeForConversations.run();
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
