package io.github.convai4j.testkit;

import io.netty.channel.Channel;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one session (the periodic ping, pong timeouts, the close grace), on its connection's event
 * loop: no thread of their own, and a timer task runs on the same thread as the session's reading, so it
 * never races the handling of a client message. Thread-safe.
 */
final class SessionTimers {

    private final Channel channel;

    SessionTimers(Channel channel) {
        this.channel = channel;
    }

    /** Runs {@code task} every {@code millis}, the first time after {@code millis}. */
    ScheduledFuture<?> every(long millis, Runnable task) {
        return channel.eventLoop().scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} once after {@code millis}. Once the server has stopped, its event loops take no more
     * tasks: the connection is then closed at once instead, since no timer could end the session later.
     */
    void after(long millis, Runnable task) {
        try {
            channel.eventLoop().schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException serverStopped) {
            channel.close();
        }
    }
}
