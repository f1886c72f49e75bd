package io.github.convai4j.conversation;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The timeouts of live conversations (opening, client tools): one daemon thread shared by every session in
 * the JVM, started on first use and stopped after 10 s without a pending timeout. Timer tasks only complete
 * futures or send a message; they never block.
 */
final class ConversationTimer {

    private static final ScheduledThreadPoolExecutor TIMER;

    static {
        AtomicInteger count = new AtomicInteger();
        TIMER = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "convai4j-conversation-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        TIMER.setKeepAliveTime(10, TimeUnit.SECONDS);
        TIMER.allowCoreThreadTimeOut(true);
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private ConversationTimer() {
    }

    static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
