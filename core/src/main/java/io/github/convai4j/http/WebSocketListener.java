package io.github.convai4j.http;

/**
 * Receives what arrives on a {@link WebSocket}.
 *
 * <p><b>Threads:</b> every method is called on one of the transport's I/O threads, one call at a time and
 * in the order the frames arrived. Methods must return quickly and must not block: hand work to another
 * thread. An exception thrown by a method is logged by the transport and the connection is aborted.
 *
 * <p><b>Order:</b> {@link #onOpen} once; then {@link #onText} for each message; then exactly one
 * {@link #onClose}, possibly preceded by one {@link #onError}.
 */
public interface WebSocketListener {

    /**
     * The opening handshake succeeded.
     *
     * @param webSocket the connection
     */
    default void onOpen(WebSocket webSocket) {
    }

    /**
     * A whole text message arrived (fragments already joined).
     *
     * @param webSocket the connection
     * @param text the message
     */
    void onText(WebSocket webSocket, String text);

    /**
     * The connection is closed. Called exactly once.
     *
     * @param webSocket the connection
     * @param code the peer's close code; 1005 if its close frame had none, 1006 if the connection ended
     *     without a close frame (network failure, abort), 1009 if a message exceeded the size limit
     * @param reason the peer's close reason, or an empty string
     */
    void onClose(WebSocket webSocket, int code, String reason);

    /**
     * The connection failed; {@link #onClose} follows with code 1006 (or 1009).
     *
     * @param webSocket the connection
     * @param error what went wrong, usually an {@link java.io.IOException}
     */
    default void onError(WebSocket webSocket, Throwable error) {
    }
}
