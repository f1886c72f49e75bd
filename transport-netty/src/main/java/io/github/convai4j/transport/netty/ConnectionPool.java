package io.github.convai4j.transport.netty;

import io.github.convai4j.http.ConnectTimeoutException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 connections to one origin (scheme, host, port): at most {@code max} open at once (connected
 * or connecting), idle ones reused most-recently-used first and closed after the idle timeout, and a FIFO
 * queue of exchanges waiting for a connection.
 *
 * <p>A connection goes back to the pool only after an exchange that ended cleanly (request sent, response
 * read to its end, keep-alive); any other connection is closed. The pool learns that a connection is gone
 * from its channel's close future, which gives the slot back and, if exchanges are waiting, opens a new
 * connection for the first of them.
 *
 * <p>Thread-safe: state is guarded by {@code this}; no I/O and no exchange callback runs under the lock.
 */
final class ConnectionPool {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    private final NettyTransport transport;
    private final String host;
    private final int port;
    private final boolean tls;
    private final int max;
    private final long idleTimeoutNanos;
    private final String origin;

    private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiters = new ArrayDeque<>();
    private int open;
    private boolean closed;

    ConnectionPool(NettyTransport transport, String host, int port, boolean tls, int max, Duration idleTimeout) {
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.max = max;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.origin = (tls ? "https://" : "http://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Gives {@code exchange} a connection: an idle one, a new one, or the next one freed (FIFO). */
    void acquire(Exchange exchange) {
        PooledConnection reuse = null;
        boolean connect = false;
        boolean poolClosed;
        synchronized (this) {
            poolClosed = closed;
            if (!poolClosed) {
                PooledConnection c;
                while ((c = idle.pollFirst()) != null) {
                    leaveIdle(c);
                    if (c.channel.isActive()) {
                        reuse = c;
                        break;
                    }
                    // a dead idle connection: its close listener gives its slot back
                }
                if (reuse == null) {
                    if (open < max) {
                        open++;
                        connect = true;
                    } else {
                        waiters.addLast(exchange);
                    }
                }
            }
        }
        if (poolClosed) {
            exchange.fail(NettyTransport.closedWhileInFlight(), false);
        } else if (reuse != null) {
            LOG.debug("Reusing {} for {}", reuse.channel, exchange);
            if (!exchange.assign(reuse)) {
                release(reuse, true);
            }
        } else if (connect) {
            connect(exchange);
        }
    }

    /** Forgets a waiting exchange that failed or was cancelled. */
    void removeWaiter(Exchange exchange) {
        synchronized (this) {
            waiters.remove(exchange);
        }
    }

    /**
     * Takes a connection back after an exchange. A reusable one goes to the first waiter or to the idle
     * list; any other one is closed.
     */
    void release(PooledConnection c, boolean reusable) {
        if (!reusable) {
            c.channel.close();
            return;
        }
        for (;;) {
            Exchange next;
            boolean close = false;
            synchronized (this) {
                if (closed || !c.channel.isActive()) {
                    close = true;
                    next = null;
                } else {
                    next = waiters.pollFirst();
                    if (next == null) {
                        if (idleTimeoutNanos <= 0) {
                            close = true;
                        } else {
                            enterIdle(c);
                            return;
                        }
                    }
                }
            }
            if (close) {
                c.channel.close();
                return;
            }
            if (next.assign(c)) {
                return;
            }
        }
    }

    /** Fails every waiter and closes idle connections; connections in use are closed by their exchanges. */
    void close(IOException reason) {
        List<PooledConnection> idleNow;
        List<Exchange> waitingNow;
        synchronized (this) {
            closed = true;
            idleNow = new ArrayList<>(idle);
            waitingNow = new ArrayList<>(waiters);
            for (PooledConnection c : idle) {
                leaveIdle(c);
            }
            idle.clear();
            waiters.clear();
        }
        for (Exchange exchange : waitingNow) {
            exchange.fail(reason, false);
        }
        for (PooledConnection c : idleNow) {
            c.channel.close();
        }
    }

    // Guarded by this.
    private void enterIdle(PooledConnection c) {
        idle.addFirst(c);
        final int generation = c.idleGeneration;
        c.idleTimer = c.channel.eventLoop().schedule(() -> expireIdle(c, generation), idleTimeoutNanos,
                TimeUnit.NANOSECONDS);
        c.channel.eventLoop().execute(() -> {
            // Keep a read pending while idle, so that a close by the server is seen before reuse.
            if (c.handler.isIdle() && c.channel.isActive()) {
                c.channel.read();
            }
        });
    }

    // Guarded by this.
    private static void leaveIdle(PooledConnection c) {
        c.idleGeneration++;
        ScheduledFuture<?> timer = c.idleTimer;
        c.idleTimer = null;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void expireIdle(PooledConnection c, int generation) {
        boolean expired;
        synchronized (this) {
            expired = c.idleGeneration == generation && idle.remove(c);
            if (expired) {
                leaveIdle(c);
            }
        }
        if (expired) {
            LOG.debug("Closing {}: idle for longer than the idle timeout", c.channel);
            c.channel.close();
        }
    }

    private void connect(Exchange exchange) {
        ConnectionHandler handler = new ConnectionHandler();
        Bootstrap bootstrap = transport.resources().newHttpBootstrap().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) throws Exception {
                ChannelPipeline p = ch.pipeline();
                if (tls) {
                    p.addLast("tls", transport.resources().newSslHandler(ch.alloc(), host, port));
                }
                p.addLast("http", NettyResources.newHttpCodec());
                p.addLast("exchange", handler);
            }
        });
        ChannelFuture connectFuture;
        try {
            connectFuture = bootstrap.connect(InetSocketAddress.createUnresolved(host, port));
        } catch (RuntimeException e) { // e.g. the event loop group was shut down
            giveSlotBack(null);
            exchange.fail(new IOException("Cannot open a connection to " + origin + ": " + e, e), false);
            return;
        }
        Channel channel = connectFuture.channel();
        PooledConnection c = new PooledConnection(this, channel, handler);
        transport.trackChannel(channel);
        channel.closeFuture().addListener(f -> giveSlotBack(c));
        long connectTimeoutNanos = exchange.connectTimeoutNanos();
        ScheduledFuture<?> timer;
        try {
            timer = connectTimeoutNanos <= 0 ? null : channel.eventLoop().schedule(
                    () -> connectFailed(c, exchange, new ConnectTimeoutException(exchange.connectTimeout(),
                            "connecting to " + origin)),
                    connectTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) { // the event loop is shutting down, or the channel never registered
            connectFailed(c, exchange, new IOException("Cannot open a connection to " + origin + ": " + e, e));
            return;
        }
        connectFuture.addListener(f -> {
            if (!f.isSuccess()) {
                connectFailed(c, exchange, f.cause());
            } else if (tls) {
                channel.pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        connected(c, exchange, timer);
                    } else {
                        connectFailed(c, exchange, h.cause());
                    }
                });
            } else {
                connected(c, exchange, timer);
            }
        });
    }

    private void connected(PooledConnection c, Exchange exchange, ScheduledFuture<?> timer) {
        if (!c.attemptDone.compareAndSet(false, true)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        LOG.debug("Connected {} to {}", c.channel, origin);
        if (!exchange.assign(c)) {
            release(c, true); // the exchange gave up meanwhile: the connection serves the next one
        }
    }

    private void connectFailed(PooledConnection c, Exchange exchange, Throwable cause) {
        if (!c.attemptDone.compareAndSet(false, true)) {
            return;
        }
        c.channel.close();
        giveSlotBack(c);
        LOG.debug("Connecting to {} failed: {}", origin, cause.toString());
        exchange.fail(connectFailure(cause), false);
    }

    private Throwable connectFailure(Throwable cause) {
        if (cause instanceof IOException) {
            return cause; // ConnectException (refused), UnknownHostException, SSLException, our timeout
        }
        return new IOException("Cannot connect to " + origin + ": " + cause, cause);
    }

    /** Gives back a connection's slot (once), and opens a connection for the first waiter if there is one. */
    private void giveSlotBack(PooledConnection c) {
        if (c != null && !c.slotReleased.compareAndSet(false, true)) {
            return;
        }
        Exchange next = null;
        synchronized (this) {
            if (c != null && idle.remove(c)) {
                leaveIdle(c);
            }
            open--;
            if (!closed && open < max) {
                while ((next = waiters.pollFirst()) != null && next.isFailed()) {
                    // skip exchanges that gave up
                }
                if (next != null) {
                    open++;
                }
            }
        }
        if (next != null) {
            connect(next);
        }
    }

    @Override
    public String toString() {
        return "ConnectionPool[" + origin + "]";
    }
}
