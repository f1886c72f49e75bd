package io.github.convai4j.transport.netty;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.URI;
import java.util.List;

/**
 * Netty's RFC 6455 client handshake with two changes: no made-up {@code Origin} header (Netty would send
 * one derived from the URL; a server that checks origins must see the caller's, or none), and a frame
 * decoder that leaves protocol violations to {@link NettyWebSocket} instead of writing a close frame and
 * closing by itself: the connection picks the close code, tells its listener, and gives the peer time to
 * answer. (The handshaker also puts the decoder before the frame encoder in the pipeline, so a frame the
 * decoder wrote itself would not be encoded.) No extensions are offered or accepted: no permessage-deflate.
 */
final class WebSocketHandshaker extends WebSocketClientHandshaker13 {
    private final int maxMessageSize;
    private final boolean callerSetOrigin;

    WebSocketHandshaker(URI uri, List<String> subprotocols, HttpHeaders headers, int maxMessageSize) {
        super(uri, WebSocketVersion.V13, subprotocols.isEmpty() ? null : String.join(", ", subprotocols),
                false, headers, maxMessageSize, true, false);
        this.maxMessageSize = maxMessageSize;
        this.callerSetOrigin = headers.contains(HttpHeaderNames.ORIGIN);
    }

    @Override
    protected FullHttpRequest newHandshakeRequest() {
        FullHttpRequest request = super.newHandshakeRequest();
        if (!callerSetOrigin) {
            request.headers().remove(HttpHeaderNames.ORIGIN);
        }
        return request;
    }

    @Override
    protected WebSocketFrameDecoder newWebsocketDecoder() {
        // A single frame larger than the message limit is refused from its header, before its payload is
        // buffered. (UTF-8 is checked by a Utf8FrameValidator that HandshakeHandler adds.)
        return new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .maxFramePayloadLength(maxMessageSize)
                .closeOnProtocolViolation(false)
                .build());
    }
}
