package io.github.convai4j;

import io.github.convai4j.http.Transport;

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
 * default async executor, and the scheduler for async retries. Shared by the clients derived from it with
 * {@code withOptions} and {@code async()}; closed once, by the client that was built.
 */
final class ClientResources implements AutoCloseable {

    private final Transport transport;
    private final boolean ownsTransport;
    private final ThreadPoolExecutor defaultExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();

    ClientResources(Transport transport, boolean ownsTransport) {
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        // Threads start on first use and exit after a minute idle, so a sync-only client runs none.
        this.defaultExecutor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<Runnable>(), daemonThreads("convai4j-async-"));
        this.defaultExecutor.allowCoreThreadTimeOut(true);
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("convai4j-retry-timer-"));
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    Transport transport() {
        return transport;
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
        try {
            if (ownsTransport) {
                transport.close();
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
