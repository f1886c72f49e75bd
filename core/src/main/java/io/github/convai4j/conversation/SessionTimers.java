package io.github.convai4j.conversation;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The timers of one session (open timeout, tool timeouts, the send stall check), on the client's scheduler:
 * no thread of their own. Timer tasks only complete futures, send a message or abort the connection; they
 * never block.
 *
 * <p>Thread-safe.
 */
final class SessionTimers {

    private final ScheduledExecutorService scheduler;
    private final Logger log;
    private final Supplier<String> owner;

    SessionTimers(ScheduledExecutorService scheduler, Logger log, Supplier<String> owner) {
        this.scheduler = scheduler;
        this.log = log;
        this.owner = owner;
    }

    /**
     * Runs {@code task} after {@code delay}.
     *
     * @return the timer, or {@code null} if the scheduler is shut down (the client was closed): the timeout is
     *     then not enforced, and the session ends with the connection the client's close takes down
     */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            log.debug("Conversation {}: the client's scheduler is shut down; a timeout of {} ms is not enforced",
                    owner.get(), delay.toMillis());
            return null;
        }
    }

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
