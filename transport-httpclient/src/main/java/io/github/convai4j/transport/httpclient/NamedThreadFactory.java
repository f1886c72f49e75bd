package io.github.convai4j.transport.httpclient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code convai4j-httpclient5-<role>-<n>}, so they are recognisable in a thread dump. It
 * remembers its threads that may still run, so that closing the transport can wait until they have ended:
 * an executor's {@code awaitTermination} (or HttpClient's {@code awaitShutdown}) returns while its threads are
 * still finishing, and HttpClient does not wait for its own start-up thread at all.
 */
final class NamedThreadFactory implements ThreadFactory {
    static final String PREFIX = "convai4j-httpclient5-";

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    NamedThreadFactory(String role) {
        this.prefix = PREFIX + role + "-";
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + count.incrementAndGet());
        t.setDaemon(true);
        // Threads come and go (upload threads end after 30 s idle): forget the ended ones.
        threads.removeIf(old -> !old.isAlive());
        threads.add(t);
        return t;
    }

    /**
     * Waits until every thread that this factory made has ended (call it once they have been told to stop).
     * Does not wait for the calling thread itself.
     *
     * @param deadlineNanos when to give up, on the {@link System#nanoTime()} clock
     * @return {@code false} if some thread was still alive at the deadline
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    boolean awaitThreadsEnded(long deadlineNanos) throws InterruptedException {
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                continue;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left <= 0) {
                return !t.isAlive();
            }
            t.join(left);
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
