package io.github.convai4j.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A test's waits on one session: each blocks on the session's lock until what it waits for is there, the
 * session has ended, or the deadline has passed, and then fails with an {@link AssertionError} that lists what
 * had arrived, so that the test's failure says what happened instead.
 */
final class SessionWaits {

    private final Object lock;
    private final LiveSession session;
    private final Inbox inbox;
    private final SessionLifecycle lifecycle;

    SessionWaits(Object lock, LiveSession session, Inbox inbox, SessionLifecycle lifecycle) {
        this.lock = lock;
        this.session = session;
        this.inbox = inbox;
        this.lifecycle = lifecycle;
    }

    LiveMessage message(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                LiveMessage message = inbox.nextOf(type);
                if (message != null) {
                    return message;
                }
                if (lifecycle.hasEnded()) {
                    throw new AssertionError("session " + session + " ended (" + lifecycle.closure() + ") before the"
                            + " client sent a further '" + type + "'; received: " + inbox.receivedTypes());
                }
                waitUntil(deadline, "no further '" + type + "' from the client within " + timeout);
            }
        }
    }

    LiveMessage toolResult(String toolCallId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                LiveMessage result = inbox.toolResult(toolCallId);
                if (result != null) {
                    return result;
                }
                if (lifecycle.hasEnded()) {
                    throw new AssertionError("session " + session + " ended (" + lifecycle.closure() + ") before the"
                            + " client answered tool call " + toolCallId + "; received: " + inbox.receivedTypes());
                }
                waitUntil(deadline, "no client_tool_result for " + toolCallId + " within " + timeout);
            }
        }
    }

    LiveSession.Closure closed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!lifecycle.hasEnded()) {
                waitUntil(deadline, "the session did not end within " + timeout);
            }
            return lifecycle.closure();
        }
    }

    /** Waits once, until woken or the deadline; caller holds the lock. */
    private void waitUntil(long deadline, String failure) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError(failure + " (session " + session + "; received: " + inbox.receivedTypes() + ")");
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting on live session " + session.conversationId(), e);
        }
    }
}
