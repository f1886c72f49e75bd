package io.github.convai4j.transport.netty;

import io.github.convai4j.http.Headers;
import io.github.convai4j.http.WebSocketHandshakeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Sends the opening handshake and reads the answer: a {@code 101} completes it (Netty's handshaker checks
 * the accept key and swaps the HTTP codec for the frame codec) and hands over to {@link NettyWebSocket}; any
 * other final status fails the attempt with a {@link WebSocketHandshakeException} that keeps the status,
 * the headers and the first {@value #BODY_LIMIT} bytes of the body. Removes itself once the handshake
 * succeeded. Failures and the channel's end pass on to the connection's handler.
 *
 * <p>Used on the channel's event loop only.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
    /** How much of a refusal's body is kept for {@link WebSocketHandshakeException#body()}. */
    static final int BODY_LIMIT = 8 * 1024;

    private final WebSocketHandshaker handshaker;
    private final NettyWebSocket webSocket;
    private final String offeredSubprotocols;

    private HttpResponse upgrade;
    private HttpResponse refusal;
    private byte[] body;
    private int bodyLength;
    private boolean done;

    HandshakeHandler(WebSocketHandshaker handshaker, NettyWebSocket webSocket) {
        this.handshaker = handshaker;
        this.webSocket = webSocket;
        this.offeredSubprotocols = handshaker.expectedSubprotocol();
    }

    /** Sends the upgrade request; called on the event loop once TCP (and TLS) are up. */
    void sendRequest(Channel channel) {
        handshaker.handshake(channel).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                webSocket.connectFailed(f.cause());
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!done) {
                read(ctx, msg);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void read(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse) {
            HttpResponse response = (HttpResponse) msg;
            if (response.decoderResult().isFailure()) {
                fail(new IOException("The answer of " + webSocket.origin() + " to the WebSocket handshake is not valid"
                        + " HTTP: " + response.decoderResult().cause(), response.decoderResult().cause()));
                return;
            }
            int status = response.status().code();
            if (status == 101) {
                upgrade = response;
            } else if (status >= 200) {
                refusal = response;
                body = new byte[256];
            } // else an informational answer (100, 102, 103): the real one follows
        }
        if (msg instanceof HttpContent) {
            if (refusal != null) {
                keepBody(((HttpContent) msg).content());
                if (msg instanceof LastHttpContent || bodyLength == BODY_LIMIT) {
                    refuse();
                }
            } else if (upgrade != null && msg instanceof LastHttpContent) {
                finish(ctx);
            }
        }
    }

    private void finish(ChannelHandlerContext ctx) {
        done = true;
        String selected = upgrade.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        IOException wrongSubprotocol = checkSubprotocol(selected == null ? null : selected.trim());
        if (wrongSubprotocol != null) {
            fail(wrongSubprotocol);
            return;
        }
        FullHttpResponse full = new DefaultFullHttpResponse(upgrade.protocolVersion(), upgrade.status(),
                Unpooled.EMPTY_BUFFER, upgrade.headers(), EmptyHttpHeaders.INSTANCE);
        try {
            handshaker.finishHandshake(ctx.channel(), full);
        } catch (RuntimeException e) {
            fail(new IOException("The answer of " + webSocket.origin() + " to the WebSocket handshake is invalid: "
                    + e.getMessage(), e));
            return;
        }
        // Text must be UTF-8 across fragments; a violation comes to the connection as an exception (1007).
        ctx.pipeline().addBefore(ctx.name(), "utf8", new Utf8FrameValidator(false));
        ctx.pipeline().remove(this);
        webSocket.opened(handshaker.actualSubprotocol());
    }

    /**
     * Checks the selected subprotocol before Netty does: Netty's message would list the offered ones, and a
     * subprotocol may carry a credential (a browser-style {@code bearer.<token>}).
     */
    private IOException checkSubprotocol(String selected) {
        boolean offered = offeredSubprotocols != null && !offeredSubprotocols.isEmpty();
        if (selected == null || selected.isEmpty()) {
            return offered ? new IOException("The server at " + webSocket.origin() + " accepted none of the offered"
                    + " WebSocket subprotocols") : null;
        }
        if (offered) {
            for (String s : offeredSubprotocols.split(",")) {
                if (s.trim().equals(selected)) {
                    return null;
                }
            }
        }
        return new IOException("The server at " + webSocket.origin() + " selected a WebSocket subprotocol that was"
                + " not offered");
    }

    private void keepBody(ByteBuf content) {
        int n = Math.min(content.readableBytes(), BODY_LIMIT - bodyLength);
        if (n <= 0) {
            return;
        }
        if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, Math.min(BODY_LIMIT, Math.max(body.length * 2, bodyLength + n)));
        }
        content.getBytes(content.readerIndex(), body, bodyLength, n);
        bodyLength += n;
    }

    private void refuse() {
        done = true;
        Headers.Builder headers = Headers.receivedBuilder();
        for (Map.Entry<String, String> header : refusal.headers()) {
            try {
                headers.add(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                // a header name that is not a token: not worth failing the report for
            }
        }
        // A body cut at the limit may end inside a character; the decoder replaces the broken tail.
        String text = new String(body, 0, bodyLength, StandardCharsets.UTF_8);
        webSocket.connectFailed(new WebSocketHandshakeException(refusal.status().code(), headers.build(), text));
    }

    private void fail(IOException e) {
        done = true;
        webSocket.connectFailed(e);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!done && refusal != null) {
            refuse(); // a refusal whose body ends with the connection
        }
        ctx.fireChannelInactive();
    }
}
