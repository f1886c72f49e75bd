package io.github.convai4j.transport.netty;

import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.WebSocketTransport;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Transport} on Netty 4.2: non-blocking HTTP/1.1 with a connection pool per origin, TLS through
 * the JDK, and request and response bodies that stream at bounded memory in both directions.
 *
 * <p>Suits applications that already run Netty (pass your {@link EventLoopGroup} to share its threads),
 * many concurrent requests on few threads, and live agent conversations: it is the transport with the
 * WebSocket capability ({@link #webSocket()}), on the same event loops. For plain blocking HTTP code,
 * {@code convai4j-transport-httpclient} is the simpler default.
 *
 * <h2>Connections</h2>
 * Connections are pooled per scheme, host and port: at most
 * {@link TransportOptions#maxConnectionsPerHost()} (default 64) open at once; further requests wait in a
 * FIFO queue (their total timeout keeps running). An idle connection is reused most-recently-used first
 * and closed after {@link TransportOptions#idleTimeout()} (default 30 s). A connection goes back to the pool
 * only after an exchange that ended cleanly: request fully sent, response read to its end, keep-alive. Any
 * other connection (failure, timeout, cancel, a body closed before its end, {@code Connection: close}) is
 * closed. No request is ever retried, except that a request whose pooled connection turns out to have been
 * closed by the server before anything was sent on it is sent on another connection.
 *
 * <h2>TLS</h2>
 * By default through the JDK's TLS provider ({@code SslProvider.JDK}) with the JDK's default trust store,
 * server name indication, and host name verification (endpoint identification {@code HTTPS}). A
 * {@linkplain Builder#sslContext(SslContext) user's SslContext} replaces the default; its own endpoint
 * identification setting then applies (Netty 4.2 turns it on by default) and SNI is still sent.
 *
 * <h2>Timeouts</h2>
 * Per request ({@link HttpRequest}), else from {@link TransportOptions}:
 * <ul>
 *   <li><b>connect</b> (default 10 s): name resolution, TCP connect and TLS handshake of the connection
 *       opened for the request (not the wait for a pooled connection, which the total timeout bounds);
 *       {@link io.github.convai4j.http.ConnectTimeoutException}. A refused connection is a
 *       {@link java.net.ConnectException}, an unknown host a {@link java.net.UnknownHostException}.</li>
 *   <li><b>read</b> (default 60 s): the longest wait for the next response byte while the transport is
 *       waiting for the server, i.e. after the request was sent or once the response has begun, and not
 *       while a slow reader of the body holds reading back. It also bounds how long the server may refuse
 *       to take request body bytes. {@link io.github.convai4j.http.ReadTimeoutException}.</li>
 *   <li><b>total</b> (default none): from the call until the body was read to its end or closed, including
 *       the wait for a pooled connection. {@link io.github.convai4j.http.TotalTimeoutException}.</li>
 * </ul>
 * Each surfaces from {@link #execute}, as the cause of the failed {@link #executeAsync} future, or from
 * the response body stream. A connection that closes before the response ends gives an
 * {@link IOException} from the body stream, never a short body that looks complete.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li><b>Event loops</b> do all socket I/O, parse responses, run timers and complete the futures of
 *       {@link #executeAsync}: code chained to them with non-{@code Async} methods runs on an event loop
 *       and must not block (reading a response body there fails rather than deadlocks). Unless a group is
 *       given, the transport creates {@code ioThreads} of them (default: the number of processors), named
 *       {@code convai4j-netty-io-*}, daemon.</li>
 *   <li><b>Blocking-work threads</b> ({@code convai4j-netty-blocking-*}, daemon, made on demand, ended
 *       after 10 s idle) run each request body's {@code writeTo}, which may block on files or the caller's
 *       streams, and DNS look-ups (the JDK resolver), so that neither ever blocks an event loop.</li>
 *   <li>The caller's thread waits in {@link #execute} and reads the response body.</li>
 * </ul>
 *
 * <h2>Memory</h2>
 * No body is held whole; both directions stream through bounded buffers of direct memory from the channel's
 * allocator (Netty's default, pooled):
 * <ul>
 *   <li><b>Response bodies:</b> reading from the socket pauses once 512 KiB wait for the caller to read
 *       them, and resumes when under 256 KiB wait; one socket read brings at most 256 KiB. So at most about
 *       768 KiB per exchange, however large the body and however slow its reader.</li>
 *   <li><b>Request bodies:</b> {@code writeTo} runs until 1 MiB waits to be written to the socket (Netty's
 *       write buffer high-water mark on HTTP connections), and goes on when under 512 KiB wait; bytes are
 *       handed over in chunks of up to 128 KiB. So at most about 1.1 MiB per exchange.</li>
 * </ul>
 * Beyond that, the socket buffers of the operating system hold what is in flight, and Netty's pooled
 * allocator keeps some freed memory for reuse. Direct memory is capped by {@code -XX:MaxDirectMemorySize}
 * (by default the maximum heap size); allow about 2 MiB per concurrent streaming exchange.
 *
 * <h2>WebSocket</h2>
 * {@link #webSocket()} opens RFC 6455 connections ({@code ws://} and {@code wss://}) on the same event loops,
 * with the same TLS setup, name resolution and default connect timeout as HTTP:
 * <ul>
 *   <li><b>Opening:</b> the connect timeout ({@link io.github.convai4j.http.WebSocketRequest#connectTimeout()},
 *       else {@link TransportOptions#connectTimeout()}) covers name resolution, TCP, TLS and the opening
 *       handshake: {@link io.github.convai4j.http.ConnectTimeoutException}. A refused connection is a
 *       {@link java.net.ConnectException}; a non-101 answer is a
 *       {@link io.github.convai4j.http.WebSocketHandshakeException} with the status, the headers and the
 *       first 8 KiB of the body; a 101 with a wrong accept key or a subprotocol that was not offered (or none,
 *       when some were offered) is an {@link IOException}. No {@code Origin} header is sent unless the request
 *       has one; no extension is offered (no permessage-deflate). A request header the handshake sets
 *       itself ({@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}, {@code Content-Length},
 *       {@code Transfer-Encoding}) makes {@code connect} throw an {@link IllegalArgumentException} before any
 *       I/O; subprotocols are offered with {@code addSubprotocol}. Cancelling the connect future aborts the
 *       attempt. The connect future completes on the connection's event loop, after {@code onOpen}. If the
 *       connect fails, the listener is never called. No automatic reconnect.</li>
 *   <li><b>Receiving:</b> text messages of up to
 *       {@link io.github.convai4j.http.WebSocketRequest#maxMessageSize()} bytes (default 16 MiB), fragments
 *       joined; a larger one closes the connection with 1009 ({@code onError}, then {@code onClose} with
 *       1009). Invalid UTF-8 or a protocol violation by the server closes with 1007 or 1002 ({@code onError},
 *       then {@code onClose} with 1006). Binary messages are ignored (logged at DEBUG). Pings are answered with
 *       pongs; pongs are ignored. Reading is not throttled: the listener must not block.</li>
 *   <li><b>Listener:</b> every call runs on the connection's event loop, one at a time, in arrival order.
 *       If a call throws, the exception is logged (WARN), the connection is aborted, and the listener gets
 *       only its {@code onClose} (code 1006) after that.</li>
 *   <li><b>Sending:</b> {@code sendText} may be called from any thread, the event loop included, and never
 *       blocks; messages leave in call order, each as one frame. Its future completes (on the event loop) when the message was
 *       written to the socket. Up to 16 MiB of sent messages may wait to be written; a send that would exceed
 *       that fails at once with an {@link IOException} (the connection stays open, later sends work again once
 *       the backlog drains), so a fast sender should wait for earlier futures. After {@code close},
 *       {@code abort} or the peer's close frame, sends fail with an {@link IOException}.</li>
 *   <li><b>Closing:</b> {@code close(code, reason)} sends the close frame after the messages sent before it,
 *       waits for the peer's close frame for up to 5 s, then closes the connection; its future completes
 *       once {@code onClose} has run. When the peer closes first, its code is echoed and the connection
 *       closed. {@code onClose} reports the peer's code and reason (1005 when its close frame had no code);
 *       1006 when no close frame came: after {@code abort()}, when the 5 s passed (both without
 *       {@code onError}), or when the connection dropped ({@code onError} first).</li>
 * </ul>
 *
 * <h2>Closing</h2>
 * {@link #close()} closes every open WebSocket with 1001 "going away" (waiting up to 5 s for the peers'
 * answers, then closing the rest at once; each listener's {@code onClose} has run when {@code close()}
 * returns) and fails WebSocket connects in progress, fails every exchange in flight and every waiting
 * request with an {@link IOException}, closes all connections, stops the blocking-work threads and, if the
 * transport created its event loop group, shuts the group down; it then waits (up to about 10 s) until
 * every thread the transport started has ended. (Netty's own JVM-wide {@code globalEventExecutor} daemon
 * thread, which any event loop group's shutdown wakes, ends by itself about a second later.) A group passed
 * to the builder is left running: its owner shuts it down. After {@code close()}, {@link #execute} throws
 * {@link IllegalStateException}, and {@link #executeAsync} and WebSocket connects return a future failed
 * with one.
 *
 * <p>Thread-safe; meant to be shared and long-lived.
 */
public final class NettyTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);

    /** The transport's {@linkplain #name() name}: {@value}. */
    public static final String NAME = "netty";

    private final TransportOptions options;
    private final NettyResources resources;
    private final ConcurrentMap<String, ConnectionPool> pools = new ConcurrentHashMap<>();
    private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final NettyWebSocketTransport webSockets;

    private NettyTransport(Builder b) {
        this.options = b.options;
        this.resources = new NettyResources(b.group, b.channelType, b.ioThreads, b.sslContext);
        this.webSockets = NettyWebSocketTransport.of(this);
    }

    /**
     * Returns a builder holding the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a transport with default options, its own event loops and the JDK's TLS.
     *
     * @return a new transport; the caller closes it
     */
    public static NettyTransport create() {
        return builder().build();
    }

    /**
     * Returns the options this transport was built with.
     *
     * @return the options
     */
    public TransportOptions options() {
        return options;
    }

    /**
     * Sends a request and waits for the response headers.
     *
     * <p>If the calling thread is interrupted while waiting, the exchange is aborted and an
     * {@link InterruptedIOException} is thrown (the thread stays interrupted).
     *
     * @param request the request
     * @return the response, whose body streams; the caller closes it
     * @throws IOException if the exchange fails (see the class documentation for the types)
     * @throws IllegalStateException if the transport is closed
     */
    @Override
    public HttpResponse execute(HttpRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        checkOpen();
        CompletableFuture<HttpResponse> future = executeAsync(request);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the response to " + request.method()
                    + " " + request.redactedUri());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Sends a request without blocking the calling thread (a request body is written from a blocking-work
     * thread). The future completes on an event loop once the response headers have arrived; cancelling it
     * aborts the exchange at any point before that and frees its connection.
     *
     * @param request the request
     * @return the future response; the caller closes the response
     */
    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            CompletableFuture<HttpResponse> failed = new CompletableFuture<>();
            failed.completeExceptionally(closedException());
            return failed;
        }
        URI uri = request.uri();
        boolean tls = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        String origin = (tls ? "https://" : "http://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        final String poolHost = host;
        ConnectionPool pool = pools.computeIfAbsent(origin, k -> new ConnectionPool(this, poolHost, port, tls,
                options.maxConnectionsPerHost(), options.idleTimeout()));
        Exchange exchange = new Exchange(this, request, pool, origin,
                timeout(request.connectTimeout(), options.connectTimeout()),
                timeout(request.readTimeout(), options.readTimeout()),
                timeout(request.totalTimeout(), options.totalTimeout()));
        inFlight.add(exchange);
        if (closed.get()) { // close() ran meanwhile and may not have seen this exchange
            exchange.fail(closedWhileInFlight(), false);
        } else {
            exchange.begin();
        }
        return exchange.future();
    }

    /**
     * Returns the WebSocket client of this transport, on the same event loops and with the same TLS setup
     * (see "WebSocket" in the class documentation). After {@link #close()}, its {@code connect} returns a
     * future failed with an {@link IllegalStateException}.
     *
     * @return the WebSocket client; always present
     */
    @Override
    public Optional<WebSocketTransport> webSocket() {
        return Optional.of(webSockets);
    }

    /**
     * Returns {@value #NAME}.
     *
     * @return the name
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Closes the transport: closes open WebSockets with 1001 "going away" (waiting up to 5 s for their
     * peers to answer) and fails WebSocket connects in progress, fails exchanges in flight and waiting
     * requests with an {@link IOException}, closes every connection, stops the threads the transport started
     * and waits (up to about 10 s) until they have ended. A user's event loop group is left running.
     * Idempotent; when called from one of the transport's own threads it does not wait.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        webSockets.shutdown();
        IOException reason = closedWhileInFlight();
        for (ConnectionPool pool : pools.values()) {
            pool.close(reason);
        }
        for (Exchange exchange : new ArrayList<>(inFlight)) {
            exchange.fail(reason, false);
        }
        List<Channel> open = new ArrayList<>(channels);
        for (Channel channel : open) {
            channel.close();
        }
        if (!resources.isCurrentThreadOurs()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (Channel channel : open) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !channel.closeFuture().awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left) + 1)) {
                    LOG.warn("A connection of the Netty transport did not close within 5 s: {}", channel);
                    break;
                }
            }
            webSockets.awaitClosed(deadline);
        }
        resources.close();
    }

    @Override
    public String toString() {
        return "NettyTransport[" + options + (resources.ownsGroup() ? "" : ", user's event loop group") + "]";
    }

    // ---- for the package ----

    NettyResources resources() {
        return resources;
    }

    boolean isClosed() {
        return closed.get();
    }

    void forget(Exchange exchange) {
        inFlight.remove(exchange);
    }

    void trackChannel(Channel channel) {
        channels.add(channel);
        channel.closeFuture().addListener(f -> channels.remove(channel));
    }

    static IOException closedWhileInFlight() {
        return new IOException("The Netty transport was closed while this exchange was in flight");
    }

    private void checkOpen() {
        if (closed.get()) {
            throw closedException();
        }
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("The Netty transport is closed; create a new one to send requests");
    }

    private static Duration timeout(Duration perRequest, Duration fallback) {
        return perRequest != null ? perRequest : fallback;
    }

    /**
     * Builds a {@link NettyTransport}. Not thread-safe.
     */
    public static final class Builder {
        private TransportOptions options = TransportOptions.defaults();
        private EventLoopGroup group;
        private Class<? extends Channel> channelType;
        private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private SslContext sslContext;

        private Builder() {
        }

        /**
         * Sets timeouts and pool limits. Default: {@link TransportOptions#defaults()}.
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(TransportOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Runs the transport on the caller's event loop group with {@link NioSocketChannel}s. The group must
         * be an NIO group, e.g. {@code new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory())}. The
         * transport never shuts the group down; its owner does, after closing the transport. Default: the
         * transport creates and owns its own NIO group.
         *
         * @param group the event loop group
         * @return this builder
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            return eventLoopGroup(group, NioSocketChannel.class);
        }

        /**
         * Runs the transport on the caller's event loop group with the given channel type, which must match
         * the group (e.g. an epoll group and {@code EpollSocketChannel}). The transport never shuts the
         * group down; its owner does, after closing the transport.
         *
         * @param group the event loop group
         * @param channelType the client socket channel class for that group
         * @return this builder
         */
        public Builder eventLoopGroup(EventLoopGroup group, Class<? extends Channel> channelType) {
            this.group = Objects.requireNonNull(group, "group");
            this.channelType = Objects.requireNonNull(channelType, "channelType");
            return this;
        }

        /**
         * Sets the number of event loop threads of the group the transport creates; ignored when a group is
         * given. Default: the number of available processors.
         *
         * @param threads at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is less than 1
         */
        public Builder ioThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("ioThreads must be at least 1, was " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /**
         * Uses the caller's client {@link SslContext} for {@code https} URLs, e.g. to trust a private CA or
         * to use OpenSSL. Its endpoint identification setting applies as configured (Netty 4.2 enables
         * {@code HTTPS} host name verification by default). Default: a JDK-provider context with the JDK's
         * trust store and {@code HTTPS} host name verification.
         *
         * @param sslContext a client context
         * @return this builder
         * @throws IllegalArgumentException if the context is a server context
         */
        public Builder sslContext(SslContext sslContext) {
            Objects.requireNonNull(sslContext, "sslContext");
            if (!sslContext.isClient()) {
                throw new IllegalArgumentException("The SslContext is a server context; build one with"
                        + " SslContextBuilder.forClient()");
            }
            this.sslContext = sslContext;
            return this;
        }

        /**
         * Builds the transport.
         *
         * @return a new transport; the caller closes it
         * @throws IllegalArgumentException if the given event loop group is already shutting down
         */
        public NettyTransport build() {
            if (group != null && (group.isShuttingDown() || group.isShutdown())) {
                throw new IllegalArgumentException("The EventLoopGroup is shut down or shutting down;"
                        + " pass a running group");
            }
            return new NettyTransport(this);
        }
    }
}
