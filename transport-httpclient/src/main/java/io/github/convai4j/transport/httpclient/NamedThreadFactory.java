package io.github.convai4j.transport.httpclient;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code convai4j-httpclient5-<role>-<n>}, so they are recognisable in a thread dump. */
final class NamedThreadFactory implements ThreadFactory {
    static final String PREFIX = "convai4j-httpclient5-";

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    NamedThreadFactory(String role) {
        this.prefix = PREFIX + role + "-";
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
