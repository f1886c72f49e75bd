package io.github.convai4j.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns data frames into whole text messages: a final text frame is a message by itself; a fragmented one
 * is joined with its continuation frames, up to a size limit. Binary messages (all their fragments) are
 * skipped: the protocol has none.
 *
 * <p>The fragments are copied into a plain growing array, so nothing here holds a reference-counted buffer
 * (the caller releases each frame). The UTF-8 was already checked by the frame decoder.
 *
 * <p>Used on one event loop only.
 */
final class TextMessageAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(TextMessageAssembler.class);

    /** A message grew past the limit. Carries no stack trace: it is a verdict, not a bug. */
    static final class TooBigException extends Exception {
        private static final long serialVersionUID = 1L;

        TooBigException() {
            super(null, null, false, false);
        }
    }

    private final int maxBytes;
    private byte[] parts;
    private int size;
    private boolean joining;
    private boolean skippingBinary;

    TextMessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Takes one data frame (the caller keeps ownership and releases it).
     *
     * @return the whole text message this frame completes, or {@code null} if there is none yet
     * @throws TooBigException if the message being joined grew past the limit; the assembler is reset
     */
    String add(WebSocketFrame frame) throws TooBigException {
        ByteBuf content = frame.content();
        if (frame instanceof TextWebSocketFrame) {
            reset();
            if (frame.isFinalFragment()) {
                return content.toString(StandardCharsets.UTF_8); // the decoder bounds a frame by the limit
            }
            joining = true;
            append(content);
            return null;
        }
        if (frame instanceof BinaryWebSocketFrame) {
            reset();
            LOG.debug("Ignoring a binary WebSocket message (the protocol has none); first fragment {} bytes",
                    content.readableBytes());
            skippingBinary = !frame.isFinalFragment();
            return null;
        }
        if (frame instanceof ContinuationWebSocketFrame) {
            if (skippingBinary) {
                skippingBinary = !frame.isFinalFragment();
                return null;
            }
            if (!joining) {
                return null; // the decoder refuses a continuation outside a message; nothing to join anyway
            }
            append(content);
            if (!frame.isFinalFragment()) {
                return null;
            }
            String message = new String(parts, 0, size, StandardCharsets.UTF_8);
            reset();
            return message;
        }
        return null;
    }

    /** Drops a message being joined. */
    void reset() {
        parts = null;
        size = 0;
        joining = false;
        skippingBinary = false;
    }

    private void append(ByteBuf content) throws TooBigException {
        int n = content.readableBytes();
        if (n > maxBytes - size) {
            reset();
            throw new TooBigException();
        }
        int needed = size + n;
        if (parts == null || needed > parts.length) {
            int capacity = parts == null ? Math.max(n, 1024) : parts.length;
            while (capacity < needed) {
                capacity = capacity > maxBytes / 2 ? maxBytes : capacity * 2;
            }
            parts = parts == null ? new byte[Math.min(capacity, maxBytes)] : Arrays.copyOf(parts, capacity);
        }
        content.getBytes(content.readerIndex(), parts, size, n);
        size = needed;
    }
}
