package io.github.convai4j.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a pooled HTTP/1.1 connection: routes decoded response parts, read completions,
 * writability changes and failures to the exchange that currently owns the connection. Between exchanges
 * the connection is idle: it keeps a read pending so that a close by the server is noticed at once, and it
 * closes the connection if the server sends anything unasked.
 *
 * <p>Used on the connection's event loop only.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private Exchange exchange;

    void attach(Exchange exchange) {
        this.exchange = exchange;
    }

    void detach(Exchange exchange) {
        if (this.exchange == exchange) {
            this.exchange = null;
        }
    }

    boolean isIdle() {
        return exchange == null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Auto-read is off: this first read drives the TLS handshake (SslHandler keeps reading until it is
        // done) and, on a plain connection, notices a server that closes before it is used.
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange current = exchange;
        if (current == null) {
            ReferenceCountUtil.release(msg);
            LOG.debug("Closing idle connection {}: the server sent data nobody asked for", ctx.channel());
            ctx.close();
            return;
        }
        current.onMessage(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.onReadComplete();
        } else if (ctx.channel().isActive()) {
            ctx.read(); // idle: keep watching for a close by the server
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.onWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        exchange = null;
        if (current != null) {
            current.onConnectionClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange current = exchange;
        if (current != null) {
            current.onConnectionError(cause);
        } else {
            LOG.debug("Closing connection {} after an error outside an exchange", ctx.channel(), cause);
        }
        ctx.close();
    }
}
