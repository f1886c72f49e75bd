package io.github.convai4j.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * The Netty HTTP/1.1 server under the fake: bound to 127.0.0.1 on an ephemeral port, two daemon I/O threads
 * shared by the acceptor and the connections. Request bodies are aggregated up to a limit; response bodies
 * are written with back-pressure (a large download is streamed, never held whole).
 */
final class NettyServer {

    private static final int IO_THREADS = 2;

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final InetSocketAddress address;

    private NettyServer(EventLoopGroup group, Channel serverChannel) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.address = (InetSocketAddress) serverChannel.localAddress();
    }

    static NettyServer start(final FakeAgentsPlatform platform, final int maxRequestBodyBytes) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(IO_THREADS,
                new DefaultThreadFactory("convai4j-fake-agents-platform", true), NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast("http", new HttpServerCodec())
                                    .addLast("aggregate", new BoundedAggregator(maxRequestBodyBytes))
                                    .addLast("chunked", new ChunkedWriteHandler())
                                    .addLast("fake", new ServerHandler(platform));
                        }
                    });
            Channel channel = bootstrap.bind(loopback(), 0).syncUninterruptibly().channel();
            return new NettyServer(group, channel);
        } catch (Exception e) { // syncUninterruptibly() rethrows the bind's checked exception unchecked
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("convai4j-testkit could not start its server on 127.0.0.1: " + e, e);
        }
    }

    int port() {
        return address.getPort();
    }

    String host() {
        return address.getAddress().getHostAddress();
    }

    /** Stops accepting, closes every connection and waits (up to 5 s) for the I/O threads to end. */
    void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for a 4-byte address
        }
    }

    /** Aggregates request bodies up to the limit, answering a larger one with the API's error shape. */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        private final int limit;

        BoundedAggregator(int limit) {
            super(limit, true);
            this.limit = limit;
        }

        @Override
        protected void handleOversizedMessage(final ChannelHandlerContext ctx, HttpMessage oversized)
                throws Exception {
            if (!(oversized instanceof HttpRequest)) {
                super.handleOversizedMessage(ctx, oversized);
                return;
            }
            FakeResponse error = ApiErrors.payloadTooLarge(limit);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(error.bytes()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, FakeResponse.JSON);
            HttpUtil.setContentLength(response, error.length());
            // Once body bytes have arrived the stream cannot be resynchronised: close, as Netty's own does.
            boolean close = oversized instanceof FullHttpMessage
                    || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
            if (close) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
        }
    }
}
