package io.github.convai4j.transport.netty;

import io.netty.channel.Channel;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One HTTP/1.1 connection of a {@link ConnectionPool}: the channel and its {@link ConnectionHandler}. */
final class PooledConnection {
    final ConnectionPool pool;
    final Channel channel;
    final ConnectionHandler handler;
    /** Set once the connection's slot in the pool has been given back (on close or failed connect). */
    final AtomicBoolean slotReleased = new AtomicBoolean();
    /** Set once the connect attempt (TCP and TLS) has succeeded or failed. */
    final AtomicBoolean attemptDone = new AtomicBoolean();

    /** Bumped each time the connection leaves the idle list; an idle timer only fires for its own stint. Guarded by the pool. */
    int idleGeneration;
    /** The pending idle expiry, if idle. Guarded by the pool. */
    ScheduledFuture<?> idleTimer;

    PooledConnection(ConnectionPool pool, Channel channel, ConnectionHandler handler) {
        this.pool = pool;
        this.channel = channel;
        this.handler = handler;
    }

    @Override
    public String toString() {
        return "PooledConnection[" + channel + "]";
    }
}
