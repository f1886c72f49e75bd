package io.github.convai4j.transport.jdk.internal;

import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection on {@code java.net.http}: the SPI's {@link WebSocket} the caller sends and closes with,
 * and the {@link java.net.http.WebSocket.Listener} that joins text fragments, enforces the message size limit and
 * calls the SPI's {@link WebSocketListener}.
 *
 * <p>{@code java.net.http} allows one outstanding send at a time, so sends are queued: each starts when the one
 * before it has finished, in call order. The queue is bounded: messages waiting in it or being written count at
 * their UTF-8 size plus {@link #MESSAGE_OVERHEAD}, and a send that would take the count past
 * {@link #MAX_UNWRITTEN_BYTES} fails at once with an {@link IOException} (unless nothing waits), so that a peer
 * that does not read cannot fill the memory. Pongs are {@code java.net.http}'s own: it answers pings itself and
 * keeps at most one pong waiting, with the newest ping's payload. The peer has {@value #CLOSE_GRACE_SECONDS} s to answer our close frame,
 * after which the connection is aborted. The listener's {@code onClose} is called exactly once: with the peer's
 * code, 1009 for a message over the limit, or 1006 when the connection ended without a close frame.
 *
 * <p>The connection is checked when it falls silent. {@code java.net.http} (17 to 25 at least) can lose the end of
 * the connection: when the peer's FIN arrives while a message is being handed to the listener, its transport
 * acknowledges the end without demand, throws an {@code InternalError} on its selector thread and stops reading, and
 * neither {@code onClose} nor {@code onError} is ever called (about one drop in twenty on loopback, integration-tests
 * {@code EndSignalTest}). So when nothing has arrived for {@link #SILENCE_BEFORE_PING_SECONDS} s the connection sends
 * a ping, and when nothing (not the pong, not any other frame) has arrived {@link #PING_ANSWER_SECONDS} s after it,
 * the connection is aborted and the listener gets an {@link IOException} and 1006, as for a connection lost. That
 * also ends a connection whose peer vanished without a FIN, which no transport notices otherwise.
 */
final class JavaNetWebSocket implements WebSocket {
    private static final Logger LOG = LoggerFactory.getLogger(JavaNetWebSocket.class);
    static final long CLOSE_GRACE_SECONDS = 5;
    /** The most bytes of sent messages (with their overhead) that may wait to be written: 16 MiB. */
    static final long MAX_UNWRITTEN_BYTES = 16L * 1024 * 1024;
    /**
     * What a message waiting in the queue costs besides its UTF-8 bytes: its future, its queue entry and
     * the text's own object; measured at 210 to 260 bytes with a peer that does not read (integration-tests
     * {@code SendBacklogCostTest}); rounded up.
     */
    static final int MESSAGE_OVERHEAD = 448;
    /** How long the connection may be silent before it is checked with a ping. */
    static final long SILENCE_BEFORE_PING_SECONDS = 10;
    /** How long a ping may go unanswered (with no other frame either) before the connection counts as lost. */
    static final long PING_ANSWER_SECONDS = 10;
    private static final int ABNORMAL = 1006;
    private static final int TOO_BIG = 1009;

    private final JavaNetWebSocketTransport owner;
    private final WebSocketListener listener;
    private final int maxMessageSize;
    private final String what;
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<WebSocket>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                abort();
            }
            return cancelled;
        }
    };
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private final Object sendLock = new Object();
    private volatile CompletableFuture<java.net.http.WebSocket> connecting;
    private volatile java.net.http.WebSocket socket;
    // Guarded by sendLock: the sends waiting for their turn, whether one is in progress.
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean sending;
    private IOException closedBeforeSent;
    private long unwrittenBytes;
    private volatile boolean closeSent;
    private volatile boolean tooBig;
    private ScheduledFuture<?> graceTimer;
    // When a frame last arrived, and when the unanswered ping was sent (0: none): System.nanoTime().
    private volatile long lastHeard;
    private volatile long pingSent;
    private ScheduledFuture<?> aliveTimer; // guarded by sendLock

    JavaNetWebSocket(JavaNetWebSocketTransport owner, WebSocketListener listener, int maxMessageSize, String what) {
        this.owner = owner;
        this.listener = listener;
        this.maxMessageSize = maxMessageSize;
        this.what = what;
    }

    CompletableFuture<WebSocket> opened() {
        return opened;
    }

    void connecting(CompletableFuture<java.net.http.WebSocket> future) {
        connecting = future;
    }

    void connectFailed(IOException e) {
        owner.forget(this);
        opened.completeExceptionally(e);
        closed.complete(null);
    }

    java.net.http.WebSocket.Listener receiver() {
        return new Receiver();
    }

    // ---- the SPI's WebSocket ----

    @Override
    public CompletableFuture<Void> sendText(String text) {
        java.net.http.WebSocket ws = socket;
        if (ws == null || closeSent || closed.isDone()) {
            return failed(new IOException("The WebSocket to " + what + " is closed"));
        }
        long cost = utf8Length(text) + MESSAGE_OVERHEAD;
        synchronized (sendLock) {
            if (unwrittenBytes > 0 && unwrittenBytes + cost > MAX_UNWRITTEN_BYTES) {
                return failed(new IOException("Cannot send " + (cost - MESSAGE_OVERHEAD) + " bytes on the WebSocket to "
                        + what + ": " + unwrittenBytes + " bytes sent earlier (with " + MESSAGE_OVERHEAD + " bytes of"
                        + " overhead each) are not written yet (limit " + MAX_UNWRITTEN_BYTES + "); wait for earlier"
                        + " sendText futures before sending more"));
            }
            unwrittenBytes += cost;
        }
        CompletableFuture<Void> done = send(s -> s.sendText(text, true));
        done.whenComplete((ok, failure) -> {
            synchronized (sendLock) {
                unwrittenBytes -= cost;
            }
        });
        return done;
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        if (code != 1000 && (code < 3000 || code > 4999)) {
            throw new IllegalArgumentException("A WebSocket close code sent by a client must be 1000 or 3000 to 4999"
                    + " (RFC 6455 section 7.4); got " + code);
        }
        String why = reason == null ? "" : reason;
        int bytes = why.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 123) {
            throw new IllegalArgumentException("A WebSocket close reason must be at most 123 bytes of UTF-8; got "
                    + bytes);
        }
        sendClose(code, why);
        return closed;
    }

    private void sendClose(int code, String reason) {
        synchronized (sendLock) {
            if (closeSent || socket == null || closed.isDone()) {
                return;
            }
            closeSent = true;
            graceTimer = owner.schedule(this::abortAfterGrace, TimeUnit.SECONDS.toNanos(CLOSE_GRACE_SECONDS));
        }
        send(s -> s.sendClose(code, reason));
    }

    private void abortAfterGrace() {
        if (!closed.isDone()) {
            LOG.debug("The peer of the WebSocket to {} did not answer the close frame within {} s; closing", what,
                    CLOSE_GRACE_SECONDS);
            abort();
        }
    }

    @Override
    public void abort() {
        java.net.http.WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        } else {
            CompletableFuture<java.net.http.WebSocket> c = connecting;
            if (c != null) {
                c.cancel(true);
                c.thenAccept(java.net.http.WebSocket::abort); // if it opened anyway
            }
        }
        reportClose(ABNORMAL, "", null);
    }

    void abortOnClose() {
        opened.completeExceptionally(new IOException("The transport was closed"));
        abort();
    }

    @Override
    public boolean isOpen() {
        java.net.http.WebSocket ws = socket;
        return ws != null && !closeSent && !closed.isDone() && !ws.isOutputClosed();
    }

    @Override
    public String subprotocol() {
        java.net.http.WebSocket ws = socket;
        String s = ws != null ? ws.getSubprotocol() : null;
        return s == null || s.isEmpty() ? null : s;
    }

    private interface Send {
        CompletableFuture<java.net.http.WebSocket> on(java.net.http.WebSocket ws);
    }

    /** A send waiting for its turn. */
    private static final class Pending {
        final Send action;
        final CompletableFuture<Void> done;

        Pending(Send action, CompletableFuture<Void> done) {
            this.action = action;
            this.done = done;
        }
    }

    /** Starts {@code action} when the sends before it have finished: java.net.http takes one at a time. */
    private CompletableFuture<Void> send(Send action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (sendLock) {
            queue.add(new Pending(action, done));
            if (sending) {
                return done; // the send in progress starts it
            }
            sending = true;
        }
        drain();
        return done;
    }

    /**
     * Starts the queued sends one at a time, until one is in progress or none is left. A loop, not a chain of
     * callbacks: when the connection is gone, thousands of queued sends fail here one after the other, and
     * each failing inside the one before would nest as deep (and every exception would record that stack).
     */
    private void drain() {
        for (;;) {
            Pending next;
            synchronized (sendLock) {
                next = queue.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
            }
            java.net.http.WebSocket ws = socket;
            if (ws == null || closed.isDone() || ws.isOutputClosed()) {
                next.done.completeExceptionally(closedBeforeSent());
                continue;
            }
            CompletableFuture<java.net.http.WebSocket> started;
            try {
                started = next.action.on(ws);
            } catch (RuntimeException failure) {
                next.done.completeExceptionally(sendFailed(failure));
                continue;
            }
            if (started.isDone()) {
                settle(next.done, started);
                continue;
            }
            Pending current = next;
            started.whenComplete((r, failure) -> {
                settle(current.done, started);
                drain();
            });
            return;
        }
    }

    private void settle(CompletableFuture<Void> done, CompletableFuture<java.net.http.WebSocket> started) {
        try {
            started.join();
            done.complete(null);
        } catch (CompletionException | CancellationException e) {
            done.completeExceptionally(sendFailed(e.getCause() != null ? e.getCause() : e));
        }
    }

    private IOException sendFailed(Throwable failure) {
        return new IOException("Sending on the WebSocket to " + what + " failed: " + failure, failure);
    }

    /** One exception for every message still queued when the connection closed: they may be thousands. */
    private IOException closedBeforeSent() {
        synchronized (sendLock) {
            if (closedBeforeSent == null) {
                closedBeforeSent = new IOException("The WebSocket to " + what + " closed before the message could"
                        + " be sent");
            }
            return closedBeforeSent;
        }
    }

    private static CompletableFuture<Void> failed(IOException e) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        f.completeExceptionally(e);
        return f;
    }

    /** Tells the listener once that the connection is closed, and ends it. */
    private void reportClose(int code, String reason, Throwable error) {
        if (!closeReported.compareAndSet(false, true)) {
            return;
        }
        synchronized (sendLock) {
            if (graceTimer != null) {
                graceTimer.cancel(false);
            }
            if (aliveTimer != null) {
                aliveTimer.cancel(false);
            }
        }
        owner.forget(this);
        if (socket != null) {
            if (error != null) {
                call(() -> listener.onError(this, error));
            }
            call(() -> listener.onClose(this, code, reason));
        }
        opened.completeExceptionally(error != null ? error : new IOException("The WebSocket to " + what
                + " closed while opening"));
        closed.complete(null);
    }

    private void heard() {
        lastHeard = System.nanoTime();
        pingSent = 0;
    }

    private void checkAliveIn(long nanos) {
        synchronized (sendLock) {
            if (!closeReported.get()) {
                aliveTimer = owner.schedule(this::checkAlive, Math.max(nanos, 1));
            }
        }
    }

    /** Sends a ping after a silence, or aborts the connection when the ping got no answer: see the class comment. */
    private void checkAlive() {
        java.net.http.WebSocket ws = socket;
        if (ws == null || closeReported.get()) {
            return;
        }
        long now = System.nanoTime();
        long ping = pingSent;
        if (ping != 0) {
            long waited = now - ping;
            if (waited >= TimeUnit.SECONDS.toNanos(PING_ANSWER_SECONDS)) {
                LOG.debug("The WebSocket to {} answered no ping for {} s; the connection is lost", what,
                        PING_ANSWER_SECONDS);
                ws.abort();
                reportClose(ABNORMAL, "", new IOException("The WebSocket to " + what + " received nothing for "
                        + (SILENCE_BEFORE_PING_SECONDS + PING_ANSWER_SECONDS) + " s, not even the answer to a ping:"
                        + " the connection is lost"));
                return;
            }
            checkAliveIn(TimeUnit.SECONDS.toNanos(PING_ANSWER_SECONDS) - waited);
            return;
        }
        long silent = now - lastHeard;
        long limit = TimeUnit.SECONDS.toNanos(SILENCE_BEFORE_PING_SECONDS);
        if (silent < limit) {
            checkAliveIn(limit - silent);
            return;
        }
        pingSent = now;
        if (!closeSent) {
            send(s -> s.sendPing(ByteBuffer.allocate(0)));
        }
        checkAliveIn(TimeUnit.SECONDS.toNanos(PING_ANSWER_SECONDS));
    }

    private void call(Runnable listenerCall) {
        synchronized (listener) {
            try {
                listenerCall.run();
            } catch (RuntimeException e) {
                LOG.warn("The WebSocket listener for {} threw; aborting the connection", what, e);
                java.net.http.WebSocket ws = socket;
                if (ws != null) {
                    ws.abort();
                }
            }
        }
    }

    /** Receives from java.net.http, one call at a time. */
    private final class Receiver implements java.net.http.WebSocket.Listener {
        /**
         * The parts of the message so far, each copied as java.net.http hands it (its buffer is reused). Joined
         * once, at the end, into a string of the exact size: a builder grown by doubling would need one array
         * as large as the message and more while it grows, which a small heap may not have in one piece.
         */
        private final List<String> parts = new ArrayList<>();
        private long messageBytes;

        @Override
        public void onOpen(java.net.http.WebSocket ws) {
            socket = ws;
            heard();
            if (opened.isCancelled()) {
                ws.abort();
                reportClose(ABNORMAL, "", null);
                return;
            }
            call(() -> listener.onOpen(JavaNetWebSocket.this));
            opened.complete(JavaNetWebSocket.this);
            checkAliveIn(TimeUnit.SECONDS.toNanos(SILENCE_BEFORE_PING_SECONDS));
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            heard();
            if (tooBig) {
                ws.request(1);
                return null;
            }
            messageBytes += utf8Length(data);
            if (messageBytes > maxMessageSize) {
                tooBig = true;
                parts.clear();
                sendClose(TOO_BIG, "message too big");
                reportClose(TOO_BIG, "", new IOException("A message on the WebSocket to " + what + " exceeded "
                        + maxMessageSize + " bytes (WebSocketRequest.maxMessageSize); closing with 1009"));
                ws.request(1);
                return null;
            }
            parts.add(data.toString());
            if (last) {
                String message = parts.size() == 1 ? parts.get(0) : String.join("", parts);
                parts.clear();
                messageBytes = 0;
                call(() -> listener.onText(JavaNetWebSocket.this, message));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
            heard();
            ws.request(1); // the protocol has no binary messages; ignored
            return null;
        }

        @Override
        public CompletionStage<?> onPing(java.net.http.WebSocket ws, ByteBuffer message) {
            heard();
            ws.request(1); // java.net.http answers with a pong itself
            return null;
        }

        @Override
        public CompletionStage<?> onPong(java.net.http.WebSocket ws, ByteBuffer message) {
            heard();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket ws, int statusCode, String reason) {
            // Returning null lets java.net.http answer with a close frame of the same code, unless ours went first.
            reportClose(statusCode, reason == null ? "" : reason, null);
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket ws, Throwable error) {
            reportClose(ABNORMAL, "", error);
        }
    }

    private static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
