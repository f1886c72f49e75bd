package io.github.convai4j.http;

import java.util.concurrent.CompletableFuture;

/**
 * Opens WebSocket connections: the optional capability of a {@link Transport} that live agent
 * conversations need. A transport that has it returns it from {@link Transport#webSocket()};
 * {@code convai4j-transport-netty} does, {@code convai4j-transport-jdk} does on Java 11 and later
 * ({@code java.net.http.WebSocket}), {@code convai4j-transport-httpclient} does not (HttpClient 5 has no
 * WebSocket client).
 *
 * <p>Implementations handle the protocol's control frames themselves (answer pings, reassemble
 * fragmented messages up to {@link WebSocketRequest#maxMessageSize()}, complete the closing handshake)
 * and deliver only whole text messages and the close to the {@link WebSocketListener}.
 *
 * <p><b>Who closes it.</b> The capability a {@link Transport} returns is closed with that transport, and its
 * own {@link #close()} does nothing. One created on its own by
 * {@link TransportProvider#createWebSocketTransport(TransportOptions)} owns its threads: close it, which
 * closes its open connections too.
 *
 * <p>Thread-safe.
 */
public interface WebSocketTransport extends AutoCloseable {

    /**
     * Opens a connection.
     *
     * <p>The future completes with the open {@link WebSocket} once the opening handshake has succeeded
     * (after {@link WebSocketListener#onOpen}), or exceptionally with an {@link java.io.IOException}: a
     * {@link java.net.ConnectException} or {@link ConnectTimeoutException} when no connection could be made,
     * a {@link WebSocketHandshakeException} when the server refused the upgrade (its HTTP status is
     * kept). Cancelling the future aborts the attempt.
     *
     * @param request where to connect and how
     * @param listener receives the messages and the close; called on one I/O thread, one call at a time
     * @return the future open connection
     */
    CompletableFuture<WebSocket> connect(WebSocketRequest request, WebSocketListener listener);

    /**
     * Releases what this WebSocket client owns: for one created by
     * {@link TransportProvider#createWebSocketTransport(TransportOptions)}, its connections (closed with 1001,
     * "going away") and threads. Default: does nothing, as for the capability of a {@link Transport}, which its
     * transport's {@code close()} releases. Idempotent.
     */
    @Override
    default void close() {
    }
}
