package io.github.convai4j.transport.netty;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Makes daemon threads named {@code <prefix>-<pool>-<n>} and remembers them, so that closing the transport
 * can wait until every thread it started has ended (not merely until its executor says it terminated).
 */
final class TrackingThreadFactory implements ThreadFactory {
    private final ThreadFactory delegate;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    TrackingThreadFactory(String prefix) {
        // Netty's factory makes FastThreadLocalThreads, which Netty's allocator and thread locals prefer.
        this.delegate = new DefaultThreadFactory(prefix, true);
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread thread = delegate.newThread(r);
        threads.add(thread);
        return thread;
    }

    /** Tells whether the calling thread is one of ours: it must not wait for itself to end. */
    boolean isCurrentThreadOurs() {
        return threads.contains(Thread.currentThread());
    }

    /**
     * Waits until every thread made here has ended, or the deadline passes.
     *
     * @return {@code true} if none is alive any more
     */
    boolean awaitAllEnded(long deadlineNanos) throws InterruptedException {
        for (Thread thread : threads) {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (!thread.isAlive()) {
                threads.remove(thread);
            }
        }
        return threads.isEmpty();
    }
}
