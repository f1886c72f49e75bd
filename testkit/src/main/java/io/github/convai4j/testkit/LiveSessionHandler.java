package io.github.convai4j.testkit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames of one upgraded connection, handed to its {@link LiveSession}. Fragmented messages arrive whole
 * (a {@code WebSocketFrameAggregator} sits before this handler). WebSocket-level pings are answered here; the
 * protocol's own ping is a JSON event, handled by the session.
 */
final class LiveSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(FakeAgentsPlatform.class);

    private final LiveSession session;

    LiveSessionHandler(LiveSession session) {
        this.session = session;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            session.onText(((TextWebSocketFrame) frame).text());
        } else if (frame instanceof CloseWebSocketFrame) {
            CloseWebSocketFrame close = (CloseWebSocketFrame) frame;
            session.onClientClose(close.statusCode(), close.reasonText());
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof BinaryWebSocketFrame) {
            session.onBinary(frame.content().readableBytes());
        } else if (!(frame instanceof PongWebSocketFrame)) {
            LOG.debug("live session {} ignores a {}", session.conversationId(), frame.getClass().getSimpleName());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        session.onConnectionClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A frame over 16 MiB or a malformed one (Netty's decoder may already have sent a close frame), or an I/O
        // error: the connection is dropped; the session then ends with what it knows (1006 if nothing else).
        LOG.debug("live session {} closes its connection after: {}", session.conversationId(), cause.toString());
        ctx.close();
    }
}
