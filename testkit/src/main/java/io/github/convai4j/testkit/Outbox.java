package io.github.convai4j.testkit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Everything one session writes on its connection: the text frames (each recorded in {@link #sent()}), the
 * session's one {@code event_id} counter, and the close frames, after which nothing more goes out (RFC 6455).
 *
 * <p>Guarded by the session's lock, which every method takes: holding it while numbering and writing keeps
 * the frames in {@code event_id} order whichever thread sends (a script, a test, the I/O thread). Writes never
 * block: Netty queues them for the I/O thread.
 */
final class Outbox {

    private final Object lock;
    private final Channel channel;
    private final String conversationId;
    private final List<LiveMessage> sent = new ArrayList<>();
    private long lastEventId;
    /** Why nothing more may be sent, once the lifecycle has shut the outbox; null while open. */
    private LiveSession.Closure shutBy;

    Outbox(Object lock, Channel channel, String conversationId) {
        this.lock = lock;
        this.channel = channel;
        this.conversationId = conversationId;
    }

    /**
     * Sends the message {@code build} makes with the next {@code event_id}.
     *
     * @return that {@code event_id}
     * @throws IllegalStateException once shut; the counter is then left as it was
     */
    long sendNumbered(LongFunction<Map<String, Object>> build) {
        synchronized (lock) {
            ensureOpen();
            long id = ++lastEventId;
            send(build.apply(id));
            return id;
        }
    }

    /** Records and sends one message. */
    void send(Map<String, Object> tree) {
        synchronized (lock) {
            ensureOpen();
            LiveMessage message = LiveMessage.of(tree);
            sent.add(message);
            channel.writeAndFlush(new TextWebSocketFrame(message.raw()));
        }
    }

    /** Records and sends a text frame exactly as given. */
    void sendRaw(String text) {
        synchronized (lock) {
            ensureOpen();
            sent.add(LiveMessage.parse(text));
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    /** The last {@code event_id} given out; 0 before the first. */
    long lastEventId() {
        synchronized (lock) {
            return lastEventId;
        }
    }

    List<LiveMessage> sent() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(sent));
        }
    }

    /** Nothing more is sent, for the reason given (the lifecycle's closure); no frame goes out. */
    void shut(LiveSession.Closure why) {
        synchronized (lock) {
            shutBy = why;
        }
    }

    /** Shuts the outbox and sends the fake's close frame. */
    void shutWithCloseFrame(LiveSession.Closure why) {
        synchronized (lock) {
            shutBy = why;
            channel.writeAndFlush(new CloseWebSocketFrame(why.code(), why.reason()));
        }
    }

    /**
     * Shuts the outbox and answers the client's close frame with the same code (an empty frame for a close
     * without code), then closes the connection: the client has already closed its side.
     */
    void shutAnsweringClose(LiveSession.Closure why, int clientCode, String clientReason) {
        synchronized (lock) {
            shutBy = why;
            CloseWebSocketFrame answer = clientCode < 0 ? new CloseWebSocketFrame()
                    : new CloseWebSocketFrame(clientCode, clientReason);
            channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Closes the TCP connection (with or without a close handshake before). */
    void closeConnection() {
        channel.close();
    }

    private void ensureOpen() {
        if (shutBy != null) {
            throw new IllegalStateException("live session " + conversationId + " is closed (" + shutBy
                    + "): nothing more can be sent");
        }
    }
}
