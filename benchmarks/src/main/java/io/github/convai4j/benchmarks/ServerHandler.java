package io.github.convai4j.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Answers one connection's requests; see {@link LoopbackServer} for the routes. Not shared between channels. */
final class ServerHandler extends ChannelInboundHandlerAdapter {

    private static final byte[] UPLOADED = "{\"file_id\":\"file_v1d0ezfcfrp6scqbte41zys3abc9\"}"
            .getBytes(StandardCharsets.UTF_8);

    /** The agent JSON, written by every agent response without copying (each takes a duplicate). */
    private final ByteBuf agent;
    /** The same, gzipped, for a request that accepts gzip (as the API's servers do). */
    private final ByteBuf agentGzip;
    private boolean gzip;
    private final UploadLog uploads;
    private boolean keepAlive;
    private UploadDigest upload;
    private boolean uploadRequest;
    /** Set while a download is being written: the request's end needs no answer then. */
    private boolean streaming;

    ServerHandler(byte[] agentJson, byte[] agentJsonGzip, UploadLog uploads) {
        this.agent = Unpooled.unreleasableBuffer(Unpooled.directBuffer(agentJson.length).writeBytes(agentJson));
        this.agentGzip = Unpooled.unreleasableBuffer(Unpooled.directBuffer(agentJsonGzip.length).writeBytes(agentJsonGzip));
        this.uploads = uploads;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                onHead(ctx, request);
            }
            if (msg instanceof HttpContent content) {
                if (upload != null) {
                    upload.feed(content.content());
                }
                if (msg instanceof LastHttpContent) {
                    onEnd(ctx);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        keepAlive = HttpUtil.isKeepAlive(request);
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        String acceptEncoding = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
        gzip = acceptEncoding != null && acceptEncoding.contains("gzip");
        uploadRequest = request.method() == HttpMethod.POST && path.endsWith("/files");
        if (uploadRequest) {
            String boundary = UploadDigest.boundaryOf(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
            upload = boundary != null ? new UploadDigest(boundary) : null;
        } else if (request.method() == HttpMethod.GET && path.endsWith("/audio")) {
            List<String> size = uri.parameters().get("bytes");
            long length = size != null ? Long.parseLong(size.get(0)) : 1024;
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "audio/mpeg");
            HttpUtil.setContentLength(head, length);
            ctx.write(head);
            // The request (a GET) has no body to wait for; LastHttpContent still arrives and is ignored.
            ctx.writeAndFlush(new HttpChunkedInput(new GeneratedContent(length)))
                    .addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
            uploadRequest = false;
            streaming = true;
        }
    }

    private void onEnd(ChannelHandlerContext ctx) {
        if (streaming) {
            streaming = false;
            return;
        }
        FullHttpResponse response;
        if (uploadRequest) {
            HttpResponseStatus status = HttpResponseStatus.OK;
            try {
                if (upload == null) {
                    throw new IllegalStateException("not multipart");
                }
                uploads.record(upload.finish());
            } catch (IllegalStateException e) {
                status = HttpResponseStatus.BAD_REQUEST;
            }
            upload = null;
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(UPLOADED));
        } else {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    gzip ? agentGzip.duplicate() : agent.duplicate());
            if (gzip) {
                response.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
            }
        }
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().set("request-id", "bench-0000000000000000");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        ctx.writeAndFlush(response)
                .addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
