package io.github.convai4j.testkit;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One connection's request handling: record, apply faults, answer, in order. Everything here runs on the
 * connection's event loop, so its fields need no locking. Reading pauses while a request is answered, and
 * requests that arrive pipelined are answered one after another.
 */
final class ServerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(FakeAgentsPlatform.class);
    private static final int CHUNK_SIZE = 64 * 1024;

    private static final class Pending {
        final RecordedRequest request;
        final boolean keepAlive;
        final HttpVersion version;
        final boolean head;

        Pending(RecordedRequest request, boolean keepAlive, HttpVersion version, boolean head) {
            this.request = request;
            this.keepAlive = keepAlive;
            this.version = version;
            this.head = head;
        }
    }

    private final FakeAgentsPlatform platform;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean busy;

    ServerHandler(FakeAgentsPlatform platform) {
        this.platform = platform;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest message) {
        if (!message.decoderResult().isSuccess()) {
            LOG.debug("convai4j-testkit got an unreadable HTTP request: {}", message.decoderResult().cause());
            FakeResponse bad = FakeResponse.json(400, JsonTree.object("detail", "Invalid HTTP request"));
            writeAndClose(ctx, bad);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(message.content());
        RecordedRequest request = platform.record(message.method().name(), message.uri(),
                message.headers().entries(), body);
        if (LiveEndpoint.isUpgrade(message)) {
            if (busy) { // an upgrade pipelined behind another request: no WebSocket client does that
                writeAndClose(ctx, ApiErrors.detail(400, "invalid_websocket_handshake",
                        "A WebSocket upgrade must not be pipelined behind another request."));
                return;
            }
            platform.liveEndpoint().upgrade(ctx, message, request);
            return;
        }
        Pending pending = new Pending(request, HttpUtil.isKeepAlive(message), message.protocolVersion(),
                message.method().name().equals("HEAD"));
        if (busy) {
            queue.add(pending);
            return;
        }
        process(ctx, pending);
    }

    private void process(final ChannelHandlerContext ctx, final Pending pending) {
        busy = true;
        ctx.channel().config().setAutoRead(false);
        final Faults.Decision decision = platform.faults().decide(pending.request);
        if (decision.latencyMillis > 0) {
            ctx.executor().schedule(new Runnable() {
                @Override
                public void run() {
                    respond(ctx, pending, decision);
                }
            }, decision.latencyMillis, TimeUnit.MILLISECONDS);
        } else {
            respond(ctx, pending, decision);
        }
    }

    private void respond(ChannelHandlerContext ctx, Pending pending, Faults.Decision decision) {
        if (!ctx.channel().isActive()) {
            return;
        }
        FakeResponse response = decision.kind() == FaultRule.Action.STATUS
                ? decision.action.statusResponse()
                : platform.api().respond(pending.request);
        write(ctx, pending, response, decision.kind());
    }

    private void write(final ChannelHandlerContext ctx, Pending pending, FakeResponse response,
                       final FaultRule.Action fault) {
        boolean cut = fault == FaultRule.Action.RESET || fault == FaultRule.Action.TRUNCATE;
        final boolean close = !pending.keepAlive || cut;
        int status = response.status();
        boolean bodyless = status == 204 || status == 304 || status < 200;

        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            head.headers().set(header.getKey(), header.getValue());
        }
        head.headers().set("request-id", pending.request.requestId());
        if (!bodyless) {
            HttpUtil.setContentLength(head, response.length());
        }
        if (close) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (pending.version.equals(HttpVersion.HTTP_1_0)) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        long toSend = bodyless || pending.head ? 0 : cut ? response.length() / 2 : response.length();

        ctx.write(head);
        ChannelFuture written;
        if (toSend == 0) {
            written = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else if (response.bytes() != null) {
            written = ctx.writeAndFlush(new DefaultLastHttpContent(
                    Unpooled.wrappedBuffer(response.bytes(), 0, (int) toSend)));
        } else {
            InputStream in;
            try {
                in = new LimitedInputStream(response.open(), toSend);
            } catch (Exception e) {
                LOG.warn("convai4j-testkit could not open a response body for {} {}", pending.request.method(),
                        pending.request.path(), e);
                ctx.close();
                return;
            }
            written = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedStream(in, CHUNK_SIZE)));
        }
        written.addListener(new ChannelFutureListener() {
            @Override
            public void operationComplete(ChannelFuture future) {
                afterWrite(ctx, future, close, fault);
            }
        });
    }

    private void afterWrite(ChannelHandlerContext ctx, ChannelFuture future, boolean close,
                            FaultRule.Action fault) {
        if (!future.isSuccess()) {
            ctx.close();
            return;
        }
        if (fault == FaultRule.Action.RESET) {
            // SO_LINGER 0 makes close() send RST instead of FIN: the peer sees "connection reset".
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
            return;
        }
        if (close) {
            ctx.close();
            return;
        }
        busy = false;
        Pending next = queue.poll();
        if (next != null) {
            process(ctx, next);
        } else {
            ctx.channel().config().setAutoRead(true); // also asks for the next read
        }
    }

    private static void writeAndClose(ChannelHandlerContext ctx, FakeResponse response) {
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()));
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, FakeResponse.JSON);
        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(head, response.length());
        ctx.write(head);
        ctx.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(response.bytes())))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        queue.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A client that resets or abandons a connection is routine in fault tests: not worth a warning.
        LOG.debug("convai4j-testkit closes a connection after: {}", cause.toString());
        ctx.close();
    }

    /** Ends after {@code limit} bytes; truncation faults send only part of a streamed body. */
    private static final class LimitedInputStream extends FilterInputStream {
        private long remaining;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }
    }
}
