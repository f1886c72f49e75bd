package io.github.convai4j.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The protocol's keep-alive from the server's side: a {@code ping} every interval once the conversation has
 * started, each one's {@code pong} matched by {@code event_id} (the round trip goes into the next ping's
 * {@code ping_ms}), and a ping left unanswered for the pong timeout closing the session with 1002 /
 * {@code transport_receive_timeout}, as the real server does.
 *
 * <p>Guarded by the session's lock, which every method takes.
 */
final class Pings {

    private final Object lock;
    private final Outbox outbox;
    private final SessionTimers timers;
    private final SessionLifecycle lifecycle;
    private final long intervalMillis;
    private final long pongTimeoutMillis;
    // Guarded by lock.
    private final Map<Long, Long> sentAtNanos = new HashMap<>();
    private Long lastRoundTripMillis;
    private ScheduledFuture<?> periodic;

    Pings(Object lock, Outbox outbox, SessionTimers timers, SessionLifecycle lifecycle, long intervalMillis,
          long pongTimeoutMillis) {
        this.lock = lock;
        this.outbox = outbox;
        this.timers = timers;
        this.lifecycle = lifecycle;
        this.intervalMillis = intervalMillis;
        this.pongTimeoutMillis = pongTimeoutMillis;
    }

    /** Starts the periodic pings (none when the interval is 0); on the I/O thread, once started. */
    void start() {
        if (intervalMillis <= 0) {
            return;
        }
        ScheduledFuture<?> task = timers.every(intervalMillis, () -> {
            try {
                send();
            } catch (IllegalStateException closed) {
                stop();
            }
        });
        synchronized (lock) {
            if (lifecycle.isClosing()) { // closed while the timer was being set up: stop() has already run
                task.cancel(false);
            } else {
                periodic = task;
            }
        }
    }

    /**
     * Sends a ping with the next {@code event_id} and starts its pong timeout.
     *
     * @throws IllegalStateException once the session is closing
     */
    long send() {
        final long id;
        synchronized (lock) {
            id = outbox.sendNumbered(eventId -> ServerMessages.ping(eventId, lastRoundTripMillis));
            sentAtNanos.put(id, System.nanoTime());
        }
        if (pongTimeoutMillis > 0) {
            timers.after(pongTimeoutMillis, () -> checkAnswered(id));
        }
        return id;
    }

    /** A {@code pong}; one for no pending ping (never sent, or already answered) changes nothing. */
    void pong(long eventId) {
        synchronized (lock) {
            Long sentAt = sentAtNanos.remove(eventId);
            if (sentAt != null) {
                lastRoundTripMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
            }
        }
    }

    /** Stops the periodic pings; pong timeouts already running then find the session closing. */
    void stop() {
        synchronized (lock) {
            if (periodic != null) {
                periodic.cancel(false);
                periodic = null;
            }
        }
    }

    private void checkAnswered(long id) {
        boolean missing;
        synchronized (lock) {
            missing = !lifecycle.isClosing() && sentAtNanos.containsKey(id);
        }
        if (missing) {
            lifecycle.close(1002, "transport_receive_timeout", "transport_receive_timeout", "No pong for ping " + id
                    + " within " + pongTimeoutMillis + " ms.");
        }
    }
}
