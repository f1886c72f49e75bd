package io.github.convai4j.transport.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real RFC 6455 server on loopback for the WebSocket tests, on Netty's {@link WebSocketServerProtocolHandler}
 * (optionally behind TLS). What it does is chosen by the path and by commands the client sends as text:
 * <ul>
 *   <li>paths: {@code /echo} (default), {@code /refuse/<status>} (answers the upgrade with that status, a
 *       body and an {@code x-why} header; {@code ?body=N} makes the body N bytes), {@code /silent} (never
 *       answers the upgrade), {@code /deaf} (ignores close frames), {@code /stall} (stops reading after the
 *       handshake);</li>
 *   <li>commands: {@code cmd:big N} (one text frame of N bytes), {@code cmd:bigfrag N CHUNK} (N bytes in
 *       fragments of CHUNK), {@code cmd:frag a|b|c} (fragments with a ping between them),
 *       {@code cmd:ping X}, {@code cmd:close CODE REASON}, {@code cmd:closenocode}, {@code cmd:drop} (closes
 *       TCP without a close frame), {@code cmd:binary} (binary messages then text "after-binary"),
 *       {@code cmd:splitutf8} ("wörld" with the ö split between fragments), {@code cmd:badutf8}; any other
 *       text is echoed.</li>
 * </ul>
 * Each connection is recorded under the {@code id} query parameter of its URL ({@link #connection}).
 * Subprotocols {@code chat} and {@code superchat} are accepted. Big messages are sent as slices of one
 * shared 1 MiB pattern, so the server holds no big copies.
 */
final class WebSocketTestServer implements AutoCloseable {

    /** A close frame the server received. */
    record Close(int code, String reason) {
    }

    /** What happened on one connection, recorded under its {@code id}. */
    static final class Connection {
        final CompletableFuture<FullHttpRequest> handshake = new CompletableFuture<>();
        final BlockingQueue<Close> closes = new LinkedBlockingQueue<>();
        final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> disconnected = new CompletableFuture<>();
        volatile boolean sentClose;

        HttpHeaders headers() throws Exception {
            return handshake.get(10, TimeUnit.SECONDS).headers();
        }

        Close awaitClose() throws InterruptedException {
            return closes.poll(20, TimeUnit.SECONDS);
        }
    }

    /** Byte {@code i} of a big message is {@code 'a' + (i % PATTERN_SIZE) % 26}. */
    static final int PATTERN_SIZE = 1024 * 1024;
    private static final ByteBuf PATTERN;

    static {
        byte[] bytes = new byte[PATTERN_SIZE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        PATTERN = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
    }

    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("wsTestConnection");
    private static final AttributeKey<String> PATH = AttributeKey.valueOf("wsTestPath");

    private final boolean tls;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("ws-test-server", true), NioIoHandler.newFactory());
    private final Channel serverChannel;
    private final ConcurrentMap<String, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    WebSocketTestServer(SslContext tlsContext) throws InterruptedException {
        this.tls = tlsContext != null;
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .subprotocols("chat,superchat")
                .handleCloseFrames(false)
                .sendCloseFrame(null) // so that "drop" really closes TCP without a close frame
                .dropPongFrames(false)
                .allowExtensions(false)
                .maxFramePayloadLength(32 * 1024 * 1024)
                .handshakeTimeoutMillis(30_000)
                .build();
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                // A small, fixed receive buffer (no autotuning), so that a server that stops reading makes
                // a client's unwritten backlog grow soon and surely ("/stall").
                .option(ChannelOption.SO_RCVBUF, 64 * 1024)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        open.incrementAndGet();
                        ch.closeFuture().addListener(f -> {
                            open.decrementAndGet();
                            Connection c = ch.attr(CONNECTION).get();
                            if (c != null) {
                                c.disconnected.complete(null);
                            }
                        });
                        if (tlsContext != null) {
                            ch.pipeline().addLast(tlsContext.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new Gate(), new WebSocketServerProtocolHandler(config), new Script());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    /** A new id for a connection's URL. */
    String newId() {
        return "c" + ids.incrementAndGet();
    }

    /** The URL {@code ws(s)://localhost:<port><path>?id=<id>}. */
    URI uri(String path, String id) {
        int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        return URI.create((tls ? "wss" : "ws") + "://localhost:" + port + path + (path.contains("?") ? "&" : "?")
                + "id=" + id);
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The record of the connection with this id (created on first use, so tests may ask before it exists). */
    Connection connection(String id) {
        return connections.computeIfAbsent(id, k -> new Connection());
    }

    int openConnections() {
        return open.get();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Records the upgrade request; answers refusals and silences itself before the WebSocket handler sees it. */
    private final class Gate extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest)) {
                ctx.fireChannelRead(msg);
                return;
            }
            FullHttpRequest request = (FullHttpRequest) msg;
            QueryStringDecoder query = new QueryStringDecoder(request.uri());
            List<String> id = query.parameters().get("id");
            Connection c = connection(id == null ? "none" : id.get(0));
            ctx.channel().attr(CONNECTION).set(c);
            ctx.channel().attr(PATH).set(query.path());
            c.handshake.complete(request.replace(Unpooled.EMPTY_BUFFER));
            if (query.path().startsWith("/refuse/")) {
                int status = Integer.parseInt(query.path().substring("/refuse/".length()));
                List<String> size = query.parameters().get("body");
                String text = size == null ? "refused by the test server" : "x".repeat(Integer.parseInt(size.get(0)));
                DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(status), Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
                response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                response.headers().set("x-why", "test");
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            } else if (query.path().equals("/silent")) {
                ReferenceCountUtil.release(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    /** The WebSocket side: echo, commands, close handling, pong recording. */
    private static final class Script extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete
                    && "/stall".equals(ctx.channel().attr(PATH).get())) {
                ctx.channel().config().setAutoRead(false);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // e.g. a client that rejected the certificate, or reset the connection: expected here
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Connection c = ctx.channel().attr(CONNECTION).get();
            try {
                if (msg instanceof TextWebSocketFrame) {
                    String text = ((TextWebSocketFrame) msg).text();
                    if (text.startsWith("cmd:")) {
                        command(ctx, c, text.substring(4));
                    } else {
                        ctx.writeAndFlush(new TextWebSocketFrame(text));
                    }
                } else if (msg instanceof CloseWebSocketFrame) {
                    CloseWebSocketFrame close = (CloseWebSocketFrame) msg;
                    c.closes.add(new Close(close.statusCode(), close.reasonText()));
                    if ("/deaf".equals(ctx.channel().attr(PATH).get())) {
                        return;
                    }
                    if (c.sentClose) {
                        ctx.close();
                    } else {
                        c.sentClose = true;
                        ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content().retainedDuplicate()))
                                .addListener(ChannelFutureListener.CLOSE);
                    }
                } else if (msg instanceof PongWebSocketFrame) {
                    c.pongs.add(((PongWebSocketFrame) msg).content().toString(StandardCharsets.UTF_8));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private static void command(ChannelHandlerContext ctx, Connection c, String command) {
            String[] words = command.split(" ", 3);
            switch (words[0]) {
                case "big" -> ctx.writeAndFlush(new TextWebSocketFrame(true, 0, pattern(0, Integer.parseInt(words[1]))));
                case "bigfrag" -> {
                    int total = Integer.parseInt(words[1]);
                    int chunk = Integer.parseInt(words[2]);
                    for (int at = 0; at < total; at += chunk) {
                        ByteBuf part = pattern(at, Math.min(chunk, total - at));
                        boolean last = at + chunk >= total;
                        ctx.write(at == 0 ? new TextWebSocketFrame(last, 0, part) : new ContinuationWebSocketFrame(last, 0, part));
                    }
                    ctx.flush();
                }
                case "frag" -> {
                    String[] parts = words[1].split("\\|");
                    for (int i = 0; i < parts.length; i++) {
                        ByteBuf part = Unpooled.copiedBuffer(parts[i], StandardCharsets.UTF_8);
                        boolean last = i == parts.length - 1;
                        ctx.write(i == 0 ? new TextWebSocketFrame(last, 0, part) : new ContinuationWebSocketFrame(last, 0, part));
                        if (i == 0) {
                            ctx.write(new PingWebSocketFrame(Unpooled.copiedBuffer("between", StandardCharsets.UTF_8)));
                        }
                    }
                    ctx.flush();
                }
                case "ping" -> ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer(words[1], StandardCharsets.UTF_8)));
                case "close" -> {
                    c.sentClose = true;
                    ctx.writeAndFlush(new CloseWebSocketFrame(Integer.parseInt(words[1]), words.length > 2 ? words[2] : null));
                }
                case "closenocode" -> {
                    c.sentClose = true;
                    ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER));
                }
                case "drop" -> ctx.close();
                case "binary" -> {
                    ctx.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
                    ctx.write(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {4})));
                    ctx.write(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {5})));
                    ctx.writeAndFlush(new TextWebSocketFrame("after-binary"));
                }
                case "splitutf8" -> { // "wörld" with the two bytes of the ö in different fragments
                    ctx.write(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {'w', (byte) 0xC3})));
                    ctx.writeAndFlush(new ContinuationWebSocketFrame(true, 0,
                            Unpooled.wrappedBuffer(new byte[] {(byte) 0xB6, 'r', 'l', 'd'})));
                }
                case "badutf8" -> ctx.writeAndFlush(new TextWebSocketFrame(true, 0,
                        Unpooled.wrappedBuffer(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28})));
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        }

        /** {@code length} bytes of the pattern starting at message offset {@code from}, as slices (no copy). */
        private static ByteBuf pattern(int from, int length) {
            CompositeByteBuf out = Unpooled.compositeBuffer(Integer.MAX_VALUE);
            int at = from;
            int left = length;
            while (left > 0) {
                int offset = at % PATTERN_SIZE;
                int n = Math.min(left, PATTERN_SIZE - offset);
                out.addComponent(true, PATTERN.retainedSlice(offset, n));
                at += n;
                left -= n;
            }
            return out;
        }
    }

    /** The expected byte at offset {@code i} of a big message. */
    static char patternAt(int i) {
        return (char) ('a' + (i % PATTERN_SIZE) % 26);
    }
}
