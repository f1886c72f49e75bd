package io.github.convai4j.conversation;

import io.github.convai4j.http.WebSocket;
import org.slf4j.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

/**
 * What a session sends, with its memory bounded whatever the peer does. The WebSocket has no backpressure a
 * sender could wait on, and a peer that stops reading leaves every message queued in the transport; so:
 * <ul>
 *   <li>Every message handed to the transport and not yet written counts against the send backlog, at its
 *       UTF-8 size plus {@link LiveConversation#SEND_MESSAGE_OVERHEAD} bytes (what a queued message costs
 *       besides its text, measured on both transports). A send that would take the backlog past its cap fails at once with an
 *       {@link IOException}, unless nothing waits (one message larger than the cap still goes).</li>
 *   <li>Pongs are coalesced: while one waits to be written, a newer ping only replaces the id the next pong
 *       answers (RFC 6455 allows the same for control frames), so a ping flood queues one pong, not one per
 *       ping.</li>
 *   <li>If the backlog has not emptied for the stall timeout (messages waited, or a pong was owed, the whole
 *       time), the peer does not read, or reads so much slower than it is sent to that the session can only
 *       fall behind: the stall callback ends the session. Progress alone is not enough: a peer that never
 *       reads still lets a trickle of small messages through, as the kernel compacts its receive queue.</li>
 * </ul>
 * Futures handed to the application complete on the completion executor, never on the transport's I/O thread.
 *
 * <p>Thread-safe.
 */
final class Outbox {

    /** No pong is owed. */
    private static final long NONE = Long.MIN_VALUE;

    interface StallListener {
        /** The backlog did not empty for the stall timeout; {@code messages} ({@code bytes}) wait. */
        void stalled(long bytes, int messages, Duration idle);
    }

    private final long maxBacklog;
    private final Duration stallTimeout;
    private final SessionTimers timers;
    private final Executor completionExecutor;
    private final StallListener onStall;
    private final Logger log;
    private final Supplier<String> owner;
    private volatile WebSocket webSocket;

    // Guarded by this.
    private long backlog;
    private int waiting;
    /** Whether messages wait or a pong is owed; since when. */
    private boolean busy;
    private long busySinceNanos;
    private ScheduledFuture<?> stallTimer;
    private boolean pongInFlight;
    private long owedPong = NONE;
    private long coalescedPongs;
    private boolean closed;

    Outbox(long maxBacklog, Duration stallTimeout, SessionTimers timers, Executor completionExecutor,
            StallListener onStall, Logger log, Supplier<String> owner) {
        this.maxBacklog = maxBacklog;
        this.stallTimeout = stallTimeout;
        this.timers = timers;
        this.completionExecutor = completionExecutor;
        this.onStall = onStall;
        this.log = log;
        this.owner = owner;
    }

    void attach(WebSocket ws) {
        webSocket = ws;
    }

    /**
     * Sends a message the application (or a tool handler) asked for.
     *
     * @return completes on the completion executor when written, or exceptionally with an {@link IOException}
     */
    CompletableFuture<Void> send(String json) {
        WebSocket ws = webSocket;
        long cost = cost(json);
        IOException refused = null;
        synchronized (this) {
            if (closed || ws == null) {
                refused = new IOException("The conversation has ended");
            } else if (waiting > 0 && backlog + cost > maxBacklog) {
                refused = new IOException("Cannot send: " + backlog + " bytes in " + waiting + " messages sent earlier"
                        + " are not written to the connection yet, and this one (" + cost + " bytes with its overhead)"
                        + " would take the send backlog past its cap of " + maxBacklog + " bytes"
                        + " (LiveConversation.maxSendBacklog). The connection is slower than what is sent, or the"
                        + " server does not read: send audio in real time, and wait for earlier futures");
            } else {
                reserve(cost);
            }
        }
        if (refused != null) {
            CompletableFuture<Void> failed = new CompletableFuture<>();
            failed.completeExceptionally(refused);
            return failed;
        }
        CompletableFuture<Void> relayed = new CompletableFuture<>();
        write(ws, json, cost).whenComplete((ok, failure) -> Completions.run(completionExecutor, () -> {
            if (failure != null) {
                relayed.completeExceptionally(failure);
            } else {
                relayed.complete(null);
            }
        }));
        return relayed;
    }

    /** Answers a ping: now, or, while a pong waits to be written, once it is (with the newest id). I/O thread. */
    void pong(long eventId) {
        WebSocket ws = webSocket;
        String pong = ClientMessages.pong(eventId);
        long cost = cost(pong);
        synchronized (this) {
            if (closed || ws == null) {
                return;
            }
            if (pongInFlight) {
                if (owedPong != NONE) {
                    coalescedPongs++;
                }
                owedPong = eventId;
                return;
            }
            pongInFlight = true;
            reserve(cost); // a pong is never refused: at most one waits
        }
        write(ws, pong, cost).whenComplete((ok, failure) -> {
            long next;
            synchronized (this) {
                pongInFlight = false;
                next = failure == null ? owedPong : NONE;
                owedPong = NONE;
                if (next == NONE && waiting == 0) {
                    busy = false;
                }
            }
            if (failure == null && next != NONE) {
                pong(next);
            }
        });
    }

    /** How many pings went unanswered because a newer one came while a pong waited. */
    synchronized long coalescedPongs() {
        return coalescedPongs;
    }

    /** The cost of the messages handed to the transport and not written yet. */
    synchronized long backlogBytes() {
        return backlog;
    }

    /** The session has ended: nothing more is sent, and the stall check stops. */
    void close() {
        ScheduledFuture<?> timer;
        synchronized (this) {
            closed = true;
            timer = stallTimer;
            stallTimer = null;
        }
        SessionTimers.cancel(timer);
    }

    private CompletableFuture<Void> write(WebSocket ws, String json, long cost) {
        CompletableFuture<Void> written;
        try {
            written = ws.sendText(json);
        } catch (RuntimeException e) {
            written = new CompletableFuture<>();
            written.completeExceptionally(e);
        }
        written.whenComplete((ok, failure) -> release(cost));
        return written;
    }

    /** Caller holds the lock. */
    private void reserve(long cost) {
        backlog += cost;
        waiting++;
        if (!busy) {
            busy = true;
            busySinceNanos = System.nanoTime();
            if (stallTimer == null && !stallTimeout.isZero()) {
                stallTimer = timers.schedule(this::checkStall, stallTimeout);
            }
        }
    }

    private synchronized void release(long cost) {
        backlog -= cost;
        waiting--;
        if (waiting == 0 && owedPong == NONE) {
            busy = false; // caught up; a pong owed is sent next and keeps it busy
        }
    }

    private void checkStall() {
        long bytes;
        int messages;
        long idle;
        synchronized (this) {
            stallTimer = null;
            if (closed || !busy) {
                return;
            }
            idle = System.nanoTime() - busySinceNanos;
            long left = stallTimeout.toNanos() - idle;
            if (left > 0) {
                stallTimer = timers.schedule(this::checkStall, Duration.ofNanos(left));
                return;
            }
            closed = true;
            bytes = backlog;
            messages = waiting;
        }
        log.warn("Conversation {}: the connection has not caught up with what was sent for {} ms ({} bytes in {}"
                + " messages wait): the server does not read; ending the conversation", owner.get(),
                Duration.ofNanos(idle).toMillis(), bytes, messages);
        onStall.stalled(bytes, messages, Duration.ofNanos(idle));
    }


    /** What a message costs in the backlog: its UTF-8 bytes and {@link LiveConversation#SEND_MESSAGE_OVERHEAD}. */
    static long cost(String json) {
        return utf8Length(json) + LiveConversation.SEND_MESSAGE_OVERHEAD;
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0, length = s.length(); i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
