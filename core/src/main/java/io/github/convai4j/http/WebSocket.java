package io.github.convai4j.http;

import java.util.concurrent.CompletableFuture;

/**
 * An open WebSocket connection made by a {@link WebSocketTransport}.
 *
 * <p>Thread-safe: any thread may send; messages go out in the order the {@code sendText} calls were made.
 */
public interface WebSocket {

    /**
     * Sends one text message.
     *
     * @param text the message
     * @return completes when the message has been written to the connection, or exceptionally with an
     *     {@link java.io.IOException} if the connection is closed or fails
     */
    CompletableFuture<Void> sendText(String text);

    /**
     * Starts the closing handshake: sends a close frame with this code and reason. The connection is
     * closed when the peer answers, or after a short grace period if it does not; the listener's
     * {@link WebSocketListener#onClose} then reports the peer's code and reason. Idempotent.
     *
     * @param code a close code allowed to be sent (1000, or 3000 to 4999; RFC 6455 §7.4)
     * @param reason the reason, at most 123 bytes of UTF-8
     * @return completes when the connection is closed
     * @throws IllegalArgumentException if the code or reason is not allowed
     */
    CompletableFuture<Void> close(int code, String reason);

    /** Closes the connection at once, without the closing handshake. Idempotent. */
    void abort();

    /**
     * Tells whether messages can still be sent: the connection is open and no close frame was sent.
     *
     * @return {@code true} if open
     */
    boolean isOpen();

    /**
     * Returns the subprotocol the server selected.
     *
     * @return the subprotocol, or {@code null} if none
     */
    String subprotocol();
}
