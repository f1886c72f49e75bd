package io.github.convai4j.http;

import java.util.concurrent.CompletableFuture;

/**
 * The WebSocket capability of a whole transport, owning that transport: what
 * {@link TransportProvider#createWebSocketTransport} returns for a provider that does not create a WebSocket
 * client on its own. Closing it closes the transport.
 */
final class TransportWebSocket implements WebSocketTransport {

    private final Transport transport;
    private final WebSocketTransport capability;

    TransportWebSocket(Transport transport, WebSocketTransport capability) {
        this.transport = transport;
        this.capability = capability;
    }

    @Override
    public CompletableFuture<WebSocket> connect(WebSocketRequest request, WebSocketListener listener) {
        return capability.connect(request, listener);
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "WebSocketTransport[of " + transport.name() + "]";
    }
}
