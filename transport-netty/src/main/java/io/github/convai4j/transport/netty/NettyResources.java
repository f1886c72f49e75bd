package io.github.convai4j.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.util.Collections;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What every Netty client of this module shares: the event loop group and channel type, TLS, the
 * blocking-work threads (request body writers and DNS look-ups) and the resolver. The HTTP transport and the
 * WebSocket client ({@link NettyWebSocketTransport}) both use it: same loops, same TLS.
 *
 * <p>Thread-safe. {@link #close()} stops only what was created here: a user's event loop group is left
 * running.
 */
final class NettyResources {
    private static final Logger LOG = LoggerFactory.getLogger(NettyResources.class);

    /**
     * The most an HTTP connection reads from its socket at once. Netty sizes each read buffer from the sizes
     * of the reads before (from 2 KiB up to this), so small responses keep small buffers; a bulk download
     * reads in buffers of this size, four times fewer reads and hand-offs than Netty's default of 64 KiB.
     */
    static final int MAX_READ_BYTES = 256 * 1024;
    /**
     * An HTTP connection stops taking request body chunks once this many bytes wait to be written to its
     * socket ({@link RequestBodyWriter} waits), and takes them again below {@link #WRITE_LOW_WATER_MARK}.
     * Netty's default (64 KiB) made the body writer and the event loop take turns every 64 KiB.
     */
    static final int WRITE_HIGH_WATER_MARK = 1024 * 1024;
    /** See {@link #WRITE_HIGH_WATER_MARK}. */
    static final int WRITE_LOW_WATER_MARK = WRITE_HIGH_WATER_MARK / 2;
    /** One allocator for every HTTP connection: it keeps no state of its own (each channel gets a handle). */
    private static final AdaptiveRecvByteBufAllocator HTTP_READS = new AdaptiveRecvByteBufAllocator(64, 2048,
            MAX_READ_BYTES);

    /** How long {@link #close()} waits for our threads to end. */
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Blocking-work threads idle this long end; new ones start on demand. */
    private static final long BLOCKING_KEEP_ALIVE_SECONDS = 10;

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Class<? extends Channel> channelType;
    private final SslContext userSslContext;
    private final TrackingThreadFactory ioThreads;
    private final TrackingThreadFactory blockingThreads;
    private final ExecutorService blockingExecutor;
    private final OffLoopNameResolver.Group resolverGroup;
    private volatile SslContext defaultSslContext;

    NettyResources(EventLoopGroup userGroup, Class<? extends Channel> userChannelType, int ioThreadCount,
                   SslContext userSslContext) {
        if (userGroup != null) {
            this.group = userGroup;
            this.ownsGroup = false;
            this.channelType = userChannelType;
            this.ioThreads = null;
        } else {
            this.ioThreads = new TrackingThreadFactory("convai4j-netty-io");
            this.group = new MultiThreadIoEventLoopGroup(ioThreadCount, ioThreads, NioIoHandler.newFactory());
            this.ownsGroup = true;
            this.channelType = io.netty.channel.socket.nio.NioSocketChannel.class;
        }
        this.userSslContext = userSslContext;
        this.blockingThreads = new TrackingThreadFactory("convai4j-netty-blocking");
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, BLOCKING_KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS, new SynchronousQueue<Runnable>(), blockingThreads);
        this.blockingExecutor = executor;
        this.resolverGroup = new OffLoopNameResolver.Group(blockingExecutor);
    }

    EventLoopGroup group() {
        return group;
    }

    boolean ownsGroup() {
        return ownsGroup;
    }

    /**
     * Runs blocking work: request bodies' {@code writeTo} and DNS look-ups. Threads are made on demand
     * (one per concurrently blocking task) and end after {@value #BLOCKING_KEEP_ALIVE_SECONDS} s idle.
     */
    ExecutorService blockingExecutor() {
        return blockingExecutor;
    }

    /**
     * A new bootstrap for a client connection: our group, channel type and resolver; auto-read off (the
     * caller requests reads, which is how inbound backpressure works); auto-close off (a failed write shuts
     * down only the output, so a response the server already sent can still be read; callers close the
     * channel themselves on every failure); no Netty connect timeout (callers time name resolution, connect
     * and TLS handshake together).
     */
    Bootstrap newBootstrap() {
        return new Bootstrap()
                .group(group)
                .channel(channelType)
                .resolver(resolverGroup)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.AUTO_CLOSE, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0);
    }

    /**
     * A new bootstrap for an HTTP connection: {@link #newBootstrap()} with reads of up to
     * {@value #MAX_READ_BYTES} bytes and the write buffer marks above. (WebSocket connections keep Netty's
     * defaults: their messages are small, and their sends have a limit of their own.)
     */
    Bootstrap newHttpBootstrap() {
        return newBootstrap()
                .option(ChannelOption.RCVBUF_ALLOCATOR, HTTP_READS)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_LOW_WATER_MARK, WRITE_HIGH_WATER_MARK));
    }

    /**
     * The HTTP/1.1 codec of a connection: 16 KiB for the status line, 64 KiB for the header block and per
     * chunk. Header names are validated; values are not, so that control characters a server sends (which
     * RFC 9110 section 5.5 lets a recipient keep) reach the caller as they do with HttpClient 5, instead of
     * failing an exchange the server has carried out. Core's received headers still refuse CR, LF and NUL.
     */
    static HttpClientCodec newHttpCodec() {
        return new HttpClientCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024)
                .setMaxChunkSize(64 * 1024)
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValueValidation(false)),
                false, false);
    }

    /**
     * A TLS handler for a connection to {@code host:port}: SNI names the host (unless it is an IP literal),
     * and with the default context the certificate must match the host (endpoint identification
     * {@code HTTPS}). A user's context keeps its own endpoint identification setting (Netty 4.2 defaults it
     * to {@code HTTPS} too). The handshake timeout is off: the caller's connect timeout covers it.
     */
    SslHandler newSslHandler(ByteBufAllocator alloc, String host, int port) throws SSLException {
        SslContext context = userSslContext != null ? userSslContext : defaultSslContext();
        SSLEngine engine = context.newEngine(alloc, host, port);
        SSLParameters params = engine.getSSLParameters();
        if (userSslContext == null) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
            params.setServerNames(Collections.singletonList(new SNIHostName(host)));
        }
        engine.setSSLParameters(params);
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(0);
        return handler;
    }

    private SslContext defaultSslContext() throws SSLException {
        SslContext context = defaultSslContext;
        if (context == null) {
            synchronized (this) {
                context = defaultSslContext;
                if (context == null) {
                    context = SslContextBuilder.forClient()
                            .sslProvider(SslProvider.JDK)
                            .endpointIdentificationAlgorithm("HTTPS")
                            .build();
                    defaultSslContext = context;
                }
            }
        }
        return context;
    }

    /** Tells whether the calling thread belongs to the event loop group or to our blocking threads. */
    boolean isCurrentThreadOurs() {
        if (blockingThreads.isCurrentThreadOurs()) {
            return true;
        }
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops the blocking threads and, if we created it, the event loop group, then waits (up to 10 s) until
     * every thread we started has ended. Called from one of those threads, it does not wait.
     *
     * <p>Not waited for: Netty completes an event loop's termination future through its JVM-wide
     * {@code GlobalEventExecutor}, so shutting our group down wakes that shared daemon thread
     * ({@code globalEventExecutor-*}), which ends by itself after a quiet second. Waiting for it would add
     * about a second to every close (measured: 2 of the 3 minutes of the conformance kit's run), for a
     * thread that is Netty's, not ours, and that other Netty users in the JVM may keep busy.
     */
    void close() {
        boolean mayWait = !isCurrentThreadOurs();
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        boolean interrupted = false;
        resolverGroup.close();
        // Body writers first: their exchanges have failed, so they stop at their next write; letting them
        // end before the event loops go keeps them from writing to a loop that is gone.
        blockingExecutor.shutdownNow();
        if (mayWait) {
            try {
                blockingExecutor.awaitTermination(CLOSE_WAIT_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        }
        if (!mayWait) {
            LOG.debug("Netty transport closed from one of its own threads; not waiting for its threads to end");
            return;
        }
        try {
            if (ownsGroup && !interrupted) {
                group.terminationFuture().await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            boolean ended = !interrupted && blockingThreads.awaitAllEnded(deadline)
                    & (ioThreads == null || ioThreads.awaitAllEnded(deadline));
            if (!ended && !interrupted) {
                LOG.warn("Some threads of the Netty transport were still running 10 s after close();"
                        + " a request body's writeTo may be blocked in a stream that ignores interrupts");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
