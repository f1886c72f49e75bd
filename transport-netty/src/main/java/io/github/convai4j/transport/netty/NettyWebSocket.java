package io.github.convai4j.transport.netty;

import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket connection, from the connect attempt to the reported close: the {@link WebSocket} the caller
 * sends and closes with, and (through {@link #handler}, the last handler of the channel) the receiving side
 * that answers control frames, joins fragments and calls the {@link WebSocketListener}.
 *
 * <p><b>Threads.</b> Everything that touches the channel's pipeline, and every listener call, runs on the
 * channel's event loop, one call at a time. {@link #sendText}, {@link #close} and {@link #abort} may be
 * called from any thread: they decide under {@code this} (so that a send and a close are ordered as the
 * calls were) and hand the write to the event loop's task queue, always, even from the event loop itself,
 * so that messages leave in call order whichever threads sent them.
 *
 * <p><b>Flow control.</b> Messages handed to the event loop but not yet written to the socket are counted,
 * each at its UTF-8 size plus {@link #MESSAGE_OVERHEAD} (what a queued message costs besides its bytes: the
 * frame, the write task, the promise, the outbound buffer's entry); a send that would take that count past
 * {@link #MAX_UNWRITTEN_BYTES} fails at once with an {@link IOException} (the connection stays open) instead
 * of waiting, so that a send never blocks, not even on an event loop. A single larger message is accepted when
 * nothing else is waiting. Pongs answering the peer's pings are coalesced: while one waits to be written, a
 * newer ping only replaces the payload the next pong echoes (RFC 6455 section 5.5.3 allows answering only the
 * most recent ping), so a peer that floods pings and does not read gets one pong queued, not one per ping.
 *
 * <p><b>Closing.</b> Whoever closes first sends a close frame; the other side answers with one, and then
 * the connection is closed. When this side sent the first close frame, the peer has
 * {@link #CLOSE_GRACE_NANOS} (5 s) to answer, after which the connection is closed anyway. The listener's
 * {@code onClose} is called once, when the channel has closed, with the peer's code (1005 for a close frame
 * without one), 1009 when a message was too big, or 1006 when no close frame came.
 */
final class NettyWebSocket implements WebSocket {
    private static final Logger LOG = LoggerFactory.getLogger(NettyWebSocket.class);

    /** How long the peer has to answer our close frame before the connection is closed anyway. */
    static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The most bytes of sent messages (with their overhead) that may wait to be written to the socket: 16 MiB. */
    static final long MAX_UNWRITTEN_BYTES = 16L * 1024 * 1024;
    /**
     * What a message waiting to be written costs besides its UTF-8 bytes, in heap and direct memory: measured
     * at 310 to 330 bytes per message with a peer that does not read (integration-tests
     * {@code SendBacklogCostTest}); rounded up.
     */
    static final int MESSAGE_OVERHEAD = 448;

    private static final int NO_STATUS = 1005;
    private static final int ABNORMAL = 1006;
    private static final int TOO_BIG = 1009;

    private enum State { CONNECTING, OPEN, FAILED }

    private final WebSocketListener listener;
    private final String origin;
    private final int maxMessageSize;
    private final TextMessageAssembler assembler;
    private final CompletableFuture<WebSocket> connectFuture = new CompletableFuture<>();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    /** The last handler of the channel: frames, failures and the channel's end. */
    final ChannelInboundHandlerAdapter handler = new FrameHandler();

    private volatile Channel channel;
    private volatile String subprotocol;

    // Guarded by this.
    private State state = State.CONNECTING;
    /** No more messages may be sent: a close frame was sent or is queued, or the connection is gone. */
    private boolean closeSent;
    /** Our side asked for the end (close, abort, transport closed): a missing close frame is no error. */
    private boolean closeRequested;
    private long unwrittenBytes;
    private ScheduledFuture<?> connectTimer;

    // Event loop only.
    private boolean closeFrameWritten;
    private boolean inboundDone;
    private boolean peerClosed;
    private int peerCode;
    private String peerReason = "";
    /** Set when we closed because of a failure: reported instead of the peer's code. */
    private int localCode;
    private String localReason = "";
    private Throwable failure;
    private boolean listenerFailed;
    private ScheduledFuture<?> graceTimer;
    private boolean ended;
    private boolean pongInFlight;
    /** The payload of the newest ping that came while a pong was waiting to be written, or {@code null}. */
    private byte[] owedPong;

    NettyWebSocket(WebSocketListener listener, String origin, int maxMessageSize) {
        this.listener = listener;
        this.origin = origin;
        this.maxMessageSize = maxMessageSize;
        this.assembler = new TextMessageAssembler(maxMessageSize);
        connectFuture.whenComplete((ws, error) -> {
            if (error instanceof CancellationException) {
                connectFailed(error);
            }
        });
    }

    CompletableFuture<WebSocket> connectFuture() {
        return connectFuture;
    }

    Channel channel() {
        return channel;
    }

    String origin() {
        return origin;
    }

    // ---- the connect attempt ----

    /** Ties the attempt to its channel and starts the connect timer (TCP, TLS and handshake together). */
    void bind(Channel ch, long connectTimeoutNanos, Runnable onTimeout) {
        channel = ch;
        if (connectTimeoutNanos <= 0) {
            return;
        }
        ScheduledFuture<?> timer;
        try {
            timer = ch.eventLoop().schedule(onTimeout, connectTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            connectFailed(new IOException("Cannot open a WebSocket to " + origin + ": the event loop is shut down", e));
            return;
        }
        boolean cancel;
        synchronized (this) {
            cancel = state != State.CONNECTING;
            if (!cancel) {
                connectTimer = timer;
            }
        }
        if (cancel) {
            timer.cancel(false);
        }
    }

    /** Fails the attempt (once; nothing happens after it succeeded) and closes its channel. Any thread. */
    void connectFailed(Throwable cause) {
        ScheduledFuture<?> timer;
        synchronized (this) {
            if (state != State.CONNECTING) {
                return;
            }
            state = State.FAILED;
            closeSent = true;
            closeRequested = true;
            timer = connectTimer;
            connectTimer = null;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        closeNow();
        if (!(cause instanceof CancellationException)) {
            LOG.debug("Opening a WebSocket to {} failed: {}", origin, cause.toString());
        }
        connectFuture.completeExceptionally(asIOException(cause, "Cannot open a WebSocket to " + origin));
    }

    /** The opening handshake succeeded. Event loop. */
    void opened(String selectedSubprotocol) {
        ScheduledFuture<?> timer;
        synchronized (this) {
            if (state != State.CONNECTING) {
                return; // timed out, cancelled or the transport closed: the channel is closing
            }
            state = State.OPEN;
            timer = connectTimer;
            connectTimer = null;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        subprotocol = selectedSubprotocol == null || selectedSubprotocol.isEmpty() ? null : selectedSubprotocol;
        LOG.debug("WebSocket to {} open on {}, subprotocol {}", origin, channel, subprotocol);
        call(() -> listener.onOpen(this));
        if (!connectFuture.complete(this)) {
            abort(); // the caller cancelled meanwhile
        }
    }

    // ---- the WebSocket ----

    @Override
    public CompletableFuture<Void> sendText(String text) {
        Objects.requireNonNull(text, "text");
        Channel ch = channel;
        CompletableFuture<Void> sent = new CompletableFuture<>();
        int size = ByteBufUtil.utf8Bytes(text);
        long cost = size + (long) MESSAGE_OVERHEAD;
        ByteBuf payload = ch.alloc().buffer(size);
        ByteBufUtil.writeUtf8(payload, text);
        IOException refused = null;
        synchronized (this) {
            if (state != State.OPEN || closeSent) {
                refused = new IOException("The WebSocket to " + origin + " is closed or closing; cannot send");
            } else if (unwrittenBytes > 0 && unwrittenBytes + cost > MAX_UNWRITTEN_BYTES) {
                refused = new IOException("Cannot send " + size + " bytes on the WebSocket to " + origin + ": "
                        + unwrittenBytes + " bytes sent earlier (with " + MESSAGE_OVERHEAD + " bytes of overhead"
                        + " each) are not written yet (limit " + MAX_UNWRITTEN_BYTES + "); wait for earlier sendText"
                        + " futures before sending more");
            } else {
                try {
                    ch.eventLoop().execute(() -> write(payload, cost, sent));
                    unwrittenBytes += cost;
                } catch (RejectedExecutionException e) {
                    refused = new IOException("The WebSocket to " + origin + " is closed: its event loop is shut down", e);
                }
            }
        }
        if (refused != null) {
            payload.release();
            sent.completeExceptionally(refused);
        }
        return sent;
    }

    /**
     * Starts the closing handshake.
     *
     * @throws IllegalArgumentException if the code is not 1000 or 3000 to 4999, or the reason is longer than
     *     123 bytes of UTF-8; a {@code null} reason is sent as none
     */
    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        String why = reason == null ? "" : reason;
        if (code != 1000 && (code < 3000 || code > 4999)) {
            throw new IllegalArgumentException("A WebSocket close code sent by a client must be 1000 or 3000 to 4999"
                    + " (RFC 6455 section 7.4); got " + code);
        }
        int bytes = ByteBufUtil.utf8Bytes(why);
        if (bytes > 123) {
            throw new IllegalArgumentException("A WebSocket close reason must be at most 123 bytes of UTF-8; got "
                    + bytes + " bytes");
        }
        startClose(code, why);
        return closeFuture;
    }

    @Override
    public void abort() {
        boolean connecting;
        synchronized (this) {
            closeRequested = true;
            closeSent = true;
            connecting = state == State.CONNECTING;
        }
        if (connecting) {
            connectFailed(new IOException("The WebSocket to " + origin + " was aborted while connecting"));
        } else {
            closeNow();
        }
    }

    @Override
    public boolean isOpen() {
        synchronized (this) {
            if (state != State.OPEN || closeSent) {
                return false;
            }
        }
        return channel.isActive();
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    /**
     * Waits, without being interruptible, until the channel has closed and, if the connection had opened,
     * the listener's {@code onClose} has run (the channel's close future alone completes before that).
     *
     * @return {@code false} if the deadline passed first
     */
    boolean awaitEnd(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !channel.closeFuture().awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left) + 1)) {
            return false;
        }
        synchronized (this) {
            if (state != State.OPEN) {
                return true; // never opened: the listener is never called
            }
        }
        boolean interrupted = false;
        try {
            for (;;) {
                left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return closeFuture.isDone();
                }
                try {
                    closeFuture.get(left, TimeUnit.NANOSECONDS);
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    return closeFuture.isDone();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The transport is closing: fails the attempt, or closes with 1001 "going away". Any thread. */
    void shutdown() {
        boolean connecting;
        synchronized (this) {
            connecting = state == State.CONNECTING;
        }
        if (connecting) {
            connectFailed(new IOException("The Netty transport was closed while this WebSocket was connecting"));
        } else {
            startClose(1001, "going away");
        }
    }

    @Override
    public String toString() {
        return "NettyWebSocket[" + origin + "]";
    }

    // ---- sending (event loop) ----

    private void startClose(int code, String reason) {
        synchronized (this) {
            closeRequested = true;
            if (closeSent || state != State.OPEN) {
                return;
            }
            closeSent = true;
            try {
                // Queued behind every message sent before: they go out first.
                channel.eventLoop().execute(() -> writeClose(code, reason));
                return;
            } catch (RejectedExecutionException e) {
                // the event loop is gone, and with it the connection
            }
        }
        channel.close();
    }

    private void write(ByteBuf payload, long cost, CompletableFuture<Void> sent) {
        if (closeFrameWritten || !channel.isActive()) {
            // A close frame went out (the peer's close was answered) or the connection ended before this
            // queued message got its turn; failing here also spares encoding (masking) it for nothing.
            synchronized (this) {
                unwrittenBytes -= cost;
            }
            payload.release();
            sent.completeExceptionally(new IOException("The WebSocket to " + origin + " was closed before the"
                    + " message could be sent"));
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(payload)).addListener((ChannelFutureListener) f -> {
            synchronized (this) {
                unwrittenBytes -= cost;
            }
            if (f.isSuccess()) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(asIOException(f.cause(), "Sending on the WebSocket to " + origin + " failed"));
                connectionFailed(f.cause());
            }
        });
    }

    private void writeClose(int code, String reason) {
        if (closeFrameWritten || !channel.isActive()) {
            return;
        }
        closeFrameWritten = true;
        LOG.debug("Closing the WebSocket to {} with {}", origin, code);
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                connectionFailed(f.cause());
            }
        });
        try {
            graceTimer = channel.eventLoop().schedule(() -> {
                LOG.debug("The peer of the WebSocket to {} did not answer the close frame within {} ms; closing",
                        origin, TimeUnit.NANOSECONDS.toMillis(CLOSE_GRACE_NANOS));
                closeNow();
            }, CLOSE_GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) { // the event loop is shutting down: no time to wait
            closeNow();
        }
    }

    /**
     * Closes the socket at once. A plain {@code close()} would let TLS send its close_notify first and wait up
     * to 3 s for that write when the peer does not read (Netty's SslHandler); an abort, a failed attempt or
     * a peer that ignored our close frame get no such courtesy.
     */
    private void closeNow() {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        Runnable close = () -> ch.unsafe().close(ch.unsafe().voidPromise());
        if (ch.eventLoop().inEventLoop()) {
            close.run();
            return;
        }
        try {
            ch.eventLoop().execute(close);
        } catch (RejectedExecutionException e) {
            ch.close(); // the event loop is gone; Netty closes its channels itself
        }
    }

    // ---- receiving (event loop) ----

    private void onFrame(WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame) {
            onPeerClose((CloseWebSocketFrame) frame);
        } else if (frame instanceof PingWebSocketFrame) {
            answerPing(frame.content().retain());
        } else if (frame instanceof PongWebSocketFrame) {
            LOG.trace("Pong from {}", origin);
        } else if (!inboundDone) {
            String text;
            try {
                text = assembler.add(frame);
            } catch (TextMessageAssembler.TooBigException e) {
                tooBig();
                return;
            }
            if (text != null) {
                call(() -> listener.onText(this, text));
            }
        }
    }

    /**
     * Answers a ping with a pong of its payload, or, while a pong waits to be written, later with the newest.
     * Takes ownership of {@code payload}.
     */
    private void answerPing(ByteBuf payload) {
        if (closeFrameWritten || !channel.isActive()) {
            payload.release();
            return;
        }
        if (pongInFlight) {
            owedPong = ByteBufUtil.getBytes(payload); // at most 125 bytes: the frame decoder checks it
            payload.release();
            return;
        }
        pongInFlight = true;
        channel.writeAndFlush(new PongWebSocketFrame(payload)).addListener((ChannelFutureListener) f -> {
            pongInFlight = false;
            byte[] next = owedPong;
            owedPong = null;
            if (next != null && f.isSuccess()) {
                answerPing(Unpooled.wrappedBuffer(next));
            }
        });
    }

    private void onPeerClose(CloseWebSocketFrame frame) {
        if (peerClosed) {
            return;
        }
        peerClosed = true;
        inboundDone = true;
        assembler.reset();
        int code = frame.statusCode();
        peerCode = code < 0 ? NO_STATUS : code;
        String reason = code < 0 ? null : frame.reasonText();
        peerReason = reason == null ? "" : reason;
        LOG.debug("The peer of the WebSocket to {} closed with {}", origin, peerCode);
        synchronized (this) {
            closeSent = true;
        }
        if (closeFrameWritten) {
            channel.close(); // it answered ours
            return;
        }
        closeFrameWritten = true;
        // Echo the code (RFC 6455 section 5.5.1), then close: the handshake is complete.
        ByteBuf echo = code < 0 ? Unpooled.EMPTY_BUFFER : Unpooled.buffer(2).writeShort(code);
        channel.writeAndFlush(new CloseWebSocketFrame(true, 0, echo)).addListener(ChannelFutureListener.CLOSE);
    }

    private void tooBig() {
        String reason = "Message larger than " + maxMessageSize + " bytes";
        failWithClose(TOO_BIG, reason, new IOException("A message from " + origin + " was larger than the limit of "
                + maxMessageSize + " bytes (WebSocketRequest.maxMessageSize); closing with 1009"));
    }

    private void onException(Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            WebSocketCloseStatus status = ((CorruptedWebSocketFrameException) cause).closeStatus();
            if (status != null && status.code() == TOO_BIG) {
                tooBig();
            } else {
                int code = status == null ? WebSocketCloseStatus.PROTOCOL_ERROR.code() : status.code();
                failWithClose(code, status == null ? "" : status.reasonText(),
                        new IOException("The peer of the WebSocket to " + origin + " broke the protocol: "
                                + cause.getMessage(), cause));
            }
        } else if (cause instanceof CorruptedFrameException) {
            failWithClose(WebSocketCloseStatus.PROTOCOL_ERROR.code(), "",
                    new IOException("The peer of the WebSocket to " + origin + " broke the protocol: "
                            + cause.getMessage(), cause));
        } else {
            connectionFailed(cause);
        }
    }

    /** Sends a close frame for a failure and stops delivering messages; the peer's answer or the grace ends it. */
    private void failWithClose(int code, String reason, IOException error) {
        LOG.debug("{}", error.getMessage());
        if (failure == null) {
            failure = error;
        }
        if (localCode == 0) {
            // What the listener is told, whatever the peer answers: 1009 for a message that was too big, else
            // 1006 like any other failure (the SPI's contract for onError).
            localCode = code == TOO_BIG ? TOO_BIG : ABNORMAL;
            localReason = code == TOO_BIG ? reason : "";
        }
        inboundDone = true;
        assembler.reset();
        synchronized (this) {
            closeSent = true;
        }
        writeClose(code, reason);
    }

    private void connectionFailed(Throwable cause) {
        if (failure == null && !(cause instanceof ClosedChannelException)) {
            failure = cause;
            LOG.debug("The WebSocket to {} failed: {}", origin, cause.toString());
        }
        inboundDone = true;
        channel.close();
    }

    private void onChannelClosed() {
        assembler.reset();
        inboundDone = true;
        if (graceTimer != null) {
            graceTimer.cancel(false);
        }
        State was;
        boolean requested;
        synchronized (this) {
            closeSent = true;
            was = state;
            requested = closeRequested;
        }
        if (was == State.CONNECTING) {
            connectFailed(new IOException("The connection to " + origin + " closed before the WebSocket handshake"
                    + " completed"));
            return;
        }
        if (was != State.OPEN || ended) {
            return; // never opened: the listener was never called and is not now
        }
        ended = true;
        int code;
        String reason;
        if (localCode != 0) {
            code = localCode;
            reason = localReason;
        } else if (peerClosed) {
            code = peerCode;
            reason = peerReason;
        } else {
            code = ABNORMAL;
            reason = "";
            if (failure == null && !requested) {
                failure = new IOException("The connection to " + origin + " closed without a WebSocket close frame");
            }
        }
        LOG.debug("WebSocket to {} closed: {} {}", origin, code, reason);
        Throwable error = failure;
        if (error != null && !listenerFailed) {
            call(() -> listener.onError(this, error));
        }
        try {
            listener.onClose(this, code, reason);
        } catch (Throwable t) {
            LOG.warn("The WebSocket listener's onClose threw for the connection to {}", origin, t);
        }
        closeFuture.complete(null);
    }

    /** Calls the listener; if it throws, logs that, stops calling it (but for onClose) and aborts. */
    private void call(Runnable call) {
        if (listenerFailed) {
            return;
        }
        try {
            call.run();
        } catch (Throwable t) {
            listenerFailed = true;
            inboundDone = true;
            LOG.warn("The WebSocket listener threw; aborting the connection to {}", origin, t);
            abort();
        }
    }

    private static IOException asIOException(Throwable cause, String what) {
        if (cause instanceof IOException) {
            return (IOException) cause;
        }
        if (cause instanceof CancellationException) {
            return new IOException(what + ": cancelled", cause);
        }
        return new IOException(what + ": " + cause, cause);
    }

    /** Routes what the channel delivers after the handshake handler to the connection. */
    private final class FrameHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof WebSocketFrame) {
                    onFrame((WebSocketFrame) msg);
                } else if (LOG.isDebugEnabled()) {
                    LOG.debug("Dropping an unexpected {} on the WebSocket to {}", msg.getClass().getSimpleName(), origin);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            boolean connecting;
            synchronized (NettyWebSocket.this) {
                connecting = state == State.CONNECTING;
            }
            if (connecting) {
                connectFailed(cause);
            } else {
                onException(cause);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            onChannelClosed();
            ctx.fireChannelInactive();
        }
    }
}
