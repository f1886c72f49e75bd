package io.github.convai4j.transport.netty;

/** The WebSocket contract over {@code ws://}. */
class PlainWebSocketTest extends WebSocketContractTest {

    @Override
    WebSocketTestServer startServer() throws Exception {
        return new WebSocketTestServer(null);
    }

    @Override
    NettyTransport.Builder transportBuilder() {
        return NettyTransport.builder();
    }
}
