package io.github.convai4j.transport.netty;

import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketListener;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The WebSocket client of this module: opens {@link NettyWebSocket}s on event loops with a TLS setup and name
 * resolver. Either the capability of a {@link NettyTransport} (its loops, closed with it; its own
 * {@link #close()} does nothing), or on its own ({@link #standalone}): then it owns event loops of its own,
 * builds no HTTP client, and {@link #close()} closes its connections and stops its threads. See
 * {@link NettyTransport} for the behaviour a user sees.
 *
 * <p>Thread-safe.
 */
final class NettyWebSocketTransport implements WebSocketTransport {
    private static final Logger LOG = LoggerFactory.getLogger(NettyWebSocketTransport.class);
    /** Event loop threads of a WebSocket client on its own: conversations are light; one loop serves many. */
    private static final int STANDALONE_IO_THREADS = 1;

    /** Handshake headers the transport sets itself; a caller's value would break the handshake. */
    private static final List<String> RESERVED_HEADERS = Collections.unmodifiableList(Arrays.asList(
            "upgrade", "connection", "sec-websocket-key", "sec-websocket-version", "sec-websocket-accept",
            "sec-websocket-extensions", "sec-websocket-protocol", "content-length", "transfer-encoding"));

    private final NettyResources resources;
    private final TransportOptions options;
    private final BooleanSupplier ownerClosed;
    private final boolean standalone;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<NettyWebSocket> sockets = ConcurrentHashMap.newKeySet();

    private NettyWebSocketTransport(NettyResources resources, TransportOptions options, BooleanSupplier ownerClosed,
            boolean standalone) {
        this.resources = resources;
        this.options = options;
        this.ownerClosed = standalone ? closed::get : ownerClosed;
        this.standalone = standalone;
    }

    /** The capability of {@code transport}: its event loops, closed when it closes. */
    static NettyWebSocketTransport of(NettyTransport transport) {
        return new NettyWebSocketTransport(transport.resources(), transport.options(), transport::isClosed, false);
    }

    /** A WebSocket client on its own, with event loops of its own and no HTTP side; the caller closes it. */
    static NettyWebSocketTransport standalone(TransportOptions options) {
        NettyResources own = new NettyResources(null, null, STANDALONE_IO_THREADS, null);
        return new NettyWebSocketTransport(own, options, null, true);
    }

    /**
     * For a client on its own ({@link #standalone}): closes open WebSockets with 1001 "going away" (waiting up
     * to 5 s for their peers), fails connects in progress, and stops the event loops. For a transport's
     * capability: nothing (the transport's {@code close()} does it). Idempotent.
     */
    @Override
    public void close() {
        if (!standalone || !closed.compareAndSet(false, true)) {
            return;
        }
        shutdown();
        if (!resources.isCurrentThreadOurs()) {
            awaitClosed(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        }
        resources.close();
    }

    @Override
    public String toString() {
        return standalone ? "NettyWebSocketTransport[own event loops, " + options + "]"
                : "NettyWebSocketTransport[of a NettyTransport]";
    }

    @Override
    public CompletableFuture<WebSocket> connect(WebSocketRequest request, WebSocketListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        checkHeaders(request.headers());
        if (ownerClosed.getAsBoolean()) {
            CompletableFuture<WebSocket> failed = new CompletableFuture<>();
            failed.completeExceptionally(new IllegalStateException(standalone
                    ? "This Netty WebSocket client is closed; create a new one to open WebSockets"
                    : "The Netty transport is closed; create a new one to open WebSockets"));
            return failed;
        }
        URI uri = request.uri();
        boolean tls = "wss".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        String origin = (tls ? "wss://" : "ws://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        Duration timeout = request.connectTimeout() != null ? request.connectTimeout()
                : options.connectTimeout();

        NettyWebSocket webSocket = new NettyWebSocket(listener, origin, request.maxMessageSize());
        HandshakeHandler handshake = new HandshakeHandler(new WebSocketHandshaker(uri, request.subprotocols(),
                nettyHeaders(request.headers()), request.maxMessageSize()), webSocket);
        final String sniHost = host;
        Bootstrap bootstrap = resources.newBootstrap()
                .option(ChannelOption.AUTO_READ, true) // the listener must not block, so no backpressure to apply
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) throws Exception {
                        ChannelPipeline p = ch.pipeline();
                        if (tls) {
                            p.addLast("tls", resources.newSslHandler(ch.alloc(), sniHost, port));
                        }
                        p.addLast("http", NettyResources.newHttpCodec());
                        p.addLast("handshake", handshake);
                        p.addLast("websocket", webSocket.handler);
                    }
                });
        ChannelFuture connectFuture;
        try {
            connectFuture = bootstrap.connect(InetSocketAddress.createUnresolved(host, port));
        } catch (RuntimeException e) { // e.g. a user's event loop group that was shut down
            CompletableFuture<WebSocket> failed = new CompletableFuture<>();
            failed.completeExceptionally(new IOException("Cannot open a WebSocket to " + origin + ": " + e, e));
            return failed;
        }
        Channel channel = connectFuture.channel();
        webSocket.bind(channel, timeout.toNanos(), () -> webSocket.connectFailed(
                new ConnectTimeoutException(timeout, "opening a WebSocket to " + origin)));
        sockets.add(webSocket);
        channel.closeFuture().addListener(f -> sockets.remove(webSocket));
        if (ownerClosed.getAsBoolean()) { // close() ran meanwhile and may not have seen this one
            webSocket.shutdown();
        }
        connectFuture.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                webSocket.connectFailed(f.cause());
            } else if (tls) {
                channel.pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        handshake.sendRequest(channel);
                    } else {
                        webSocket.connectFailed(h.cause());
                    }
                });
            } else {
                handshake.sendRequest(channel);
            }
        });
        LOG.debug("Opening a WebSocket to {}", origin);
        return webSocket.connectFuture();
    }

    /**
     * Closes every WebSocket: sends a close frame with 1001 "going away" on the open ones and fails the
     * attempts in progress. Does not wait.
     */
    void shutdown() {
        for (NettyWebSocket webSocket : new ArrayList<>(sockets)) {
            webSocket.shutdown();
        }
    }

    /**
     * Waits until every WebSocket's channel has closed or the deadline passed, then closes the rest at once
     * and waits a little more for them.
     */
    void awaitClosed(long deadlineNanos) {
        List<NettyWebSocket> open = new ArrayList<>(sockets);
        for (NettyWebSocket webSocket : open) {
            if (!webSocket.awaitEnd(deadlineNanos)) {
                break;
            }
        }
        List<NettyWebSocket> stragglers = new ArrayList<>();
        for (NettyWebSocket webSocket : open) {
            if (webSocket.channel().isOpen()) {
                LOG.debug("The peer of the WebSocket to {} did not finish the closing handshake in time; closing",
                        webSocket.origin());
                stragglers.add(webSocket);
                webSocket.abort();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (NettyWebSocket webSocket : stragglers) {
            if (!webSocket.awaitEnd(deadline)) {
                LOG.warn("A WebSocket connection of the Netty transport did not close within 1 s: {}",
                        webSocket.channel());
            }
        }
    }

    private static void checkHeaders(Headers headers) {
        for (String name : headers.names()) {
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("The WebSocket handshake header " + name + " is set by the"
                        + " transport; remove it from the request"
                        + (name.equalsIgnoreCase("sec-websocket-protocol")
                        ? " and offer subprotocols with WebSocketRequest.Builder.addSubprotocol" : ""));
            }
        }
    }

    private static HttpHeaders nettyHeaders(Headers headers) {
        HttpHeaders netty = new DefaultHttpHeaders();
        headers.forEach(netty::add);
        return netty;
    }
}
