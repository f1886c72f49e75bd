package io.github.convai4j.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * The life of one session: open (the handshake done), started (the initiation answered), closing (the first
 * close frame sent or received, or the connection dropped), and ended (the connection gone and the
 * conversation stored). Every way it can end goes through here, and the first one fixes the
 * {@link LiveSession.Closure}.
 *
 * <p>Guarded by the session's lock, which every method takes; waiters on that lock are woken when closing
 * begins and when the session has ended.
 */
final class SessionLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(FakeAgentsPlatform.class);
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    /** What the session's end means for its other parts. */
    interface Parts {
        /** Closing has begun, with the lock held: stop what would send by itself. */
        void closing();

        /** The connection is gone, with the lock held: the conversation to store, or null if it never started. */
        ConversationSeed record(LiveSession.Closure closure);

        /** Then, without the lock: stop the session's script thread. */
        void stopScript();
    }

    private final Object lock;
    private final LiveSession session;
    private final LiveSessions registry;
    private final Outbox outbox;
    private final SessionTimers timers;
    private final Parts parts;
    // Guarded by lock. Closing is closure != null: whoever closes first also fixes how it ended.
    private boolean started;
    private LiveSession.Closure closure;
    private boolean ended;

    SessionLifecycle(Object lock, LiveSession session, LiveSessions registry, Outbox outbox, SessionTimers timers,
                     Parts parts) {
        this.lock = lock;
        this.session = session;
        this.registry = registry;
        this.outbox = outbox;
        this.timers = timers;
        this.parts = parts;
    }

    /** The initiation was accepted; from now on the conversation is stored when the session ends. */
    void started() {
        synchronized (lock) {
            started = true;
        }
    }

    boolean isStarted() {
        synchronized (lock) {
            return started;
        }
    }

    boolean isClosing() {
        synchronized (lock) {
            return closure != null;
        }
    }

    boolean hasEnded() {
        synchronized (lock) {
            return ended;
        }
    }

    /** How it ended (or is ending); null while open. */
    LiveSession.Closure closure() {
        synchronized (lock) {
            return closure;
        }
    }

    /** For {@link LiveSession#toString()}. */
    String status() {
        synchronized (lock) {
            return ended ? "ended " + closure : closure != null ? "closing " + closure
                    : started ? "open" : "awaiting initiation";
        }
    }

    /**
     * Closes from the fake's side: an {@code error} event first if {@code errorType} is given, then the close
     * frame; the connection is closed once the client answers, at the latest after
     * {@link LiveSession#CLOSE_GRACE_MILLIS}. Does nothing once closing.
     */
    void close(int code, String reason, String errorType, String message) {
        synchronized (lock) {
            if (closure != null) {
                return;
            }
            if (errorType != null) {
                outbox.send(ServerMessages.error(code, errorType, message));
            }
            closure = new LiveSession.Closure(code, reason, true);
            closingBegun();
            outbox.shutWithCloseFrame(closure);
        }
        timers.after(LiveSession.CLOSE_GRACE_MILLIS, outbox::closeConnection);
    }

    /** Drops the connection without a close frame. Does nothing once closing. */
    void drop() {
        synchronized (lock) {
            if (closure != null) {
                return;
            }
            closure = new LiveSession.Closure(1006, "", true);
            closingBegun();
            outbox.shut(closure);
        }
        outbox.closeConnection();
    }

    /** The client's close frame; on the I/O thread. Either the answer to the fake's, or the client closing. */
    void clientClosed(int code, String reason) {
        synchronized (lock) {
            if (closure != null) { // the answer to ours: the close handshake is complete
                outbox.closeConnection();
                return;
            }
            closure = new LiveSession.Closure(code < 0 ? 1005 : code, reason == null ? "" : reason, false);
            closingBegun();
            outbox.shutAnsweringClose(closure, code, reason);
        }
    }

    /** The connection is gone; on the I/O thread. Stores the conversation, then wakes the waiters. */
    void connectionClosed() {
        ConversationSeed record = null;
        synchronized (lock) {
            if (ended) {
                return;
            }
            if (closure == null) {
                closure = new LiveSession.Closure(1006, "", false);
                outbox.shut(closure);
            }
            parts.closing();
            if (started) {
                record = parts.record(closure);
            }
        }
        parts.stopScript();
        if (record != null) {
            try {
                registry.store(session, record);
            } catch (RuntimeException e) {
                LOG.warn("convai4j-testkit could not store conversation {}", session.conversationId(), e);
            }
        }
        synchronized (lock) {
            ended = true;
            lock.notifyAll();
        }
        LOG.debug("live session {} ended: {}", session.conversationId(), closure);
    }

    /** Caller holds the lock and has just set the closure. */
    private void closingBegun() {
        parts.closing();
        lock.notifyAll();
    }

    /** Checks what {@link LiveSession#close(int, String)} may send, before anything is sent. */
    static void checkCloseFrame(int code, String reason) {
        boolean sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
        if (!sendable) {
            throw new IllegalArgumentException("close code " + code + " may not be sent in a close frame: use "
                    + "1000-1003, 1007-1014 or 3000-4999 (the real server uses 1000, 1002, 1008 and 1011)");
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            throw new IllegalArgumentException("a close reason may have at most " + MAX_CLOSE_REASON_BYTES
                    + " bytes in UTF-8 (RFC 6455); this one has " + reason.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
