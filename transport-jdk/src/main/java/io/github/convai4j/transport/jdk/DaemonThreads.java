package io.github.convai4j.transport.jdk;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code convai4j-jdk-<instance>-<role>-<n>}, so a thread dump says whose they are. */
final class DaemonThreads implements ThreadFactory {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    DaemonThreads(String role) {
        this.prefix = "convai4j-jdk-" + INSTANCES.incrementAndGet() + "-" + role + "-";
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
