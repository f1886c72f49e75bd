package io.github.convai4j.transport.httpclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hc.core5.http.nio.CapacityChannel;

/**
 * The body of an async response: a bounded queue that the I/O reactor fills and the caller's thread reads.
 *
 * <p>Backpressure: HttpClient delivers body bytes only while its input window, set through the
 * {@link CapacityChannel}, is open. When the window is used up it asks for more ({@link #updateCapacity});
 * the window is reopened only by as much room as the queue has. If the queue is full the request is
 * remembered, and the reading thread reopens the window once it has drained at least half of the queue.
 * While the window is closed the reactor stops reading the socket, so TCP flow control holds the server back
 * and memory stays bounded by the queue's capacity (plus at most one network read of overshoot).
 *
 * <p>Reads block until bytes, the end, or a failure arrive. A failure (premature close, timeout, abort) is
 * thrown from every later read: the body never ends silently short.
 */
final class ResponseBody extends InputStream {
    private final AsyncExchange exchange;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private int buffered;
    private CapacityChannel channel;
    private boolean capacityOwed;
    private boolean ended;
    private boolean eofSeen;
    private boolean closed;
    private IOException failure;

    ResponseBody(AsyncExchange exchange, int capacity) {
        this.exchange = exchange;
        this.capacity = capacity;
    }

    // ---- I/O reactor side

    void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        int grant;
        lock.lock();
        try {
            channel = capacityChannel;
            int free = capacity - buffered;
            if (closed) {
                grant = capacity; // let consume() run and fail the exchange
                capacityOwed = false;
            } else if (free > 0) {
                grant = free;
                capacityOwed = false;
            } else {
                grant = 0;
                capacityOwed = true;
            }
        } finally {
            lock.unlock();
        }
        if (grant > 0) {
            capacityChannel.update(grant);
        }
    }

    void offer(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        byte[] copy = new byte[n];
        src.get(copy);
        lock.lock();
        try {
            if (closed) {
                // Normally the exchange was cancelled when the body was closed; failing here makes sure that
                // HttpClient drops the connection rather than read the rest of the body.
                throw new IOException("The response body of " + exchange.what + " was closed by its reader");
            }
            if (failure == null) {
                chunks.addLast(ByteBuffer.wrap(copy));
                buffered += n;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void fail(IOException e) {
        lock.lock();
        try {
            if (failure == null && !eofSeen) {
                failure = e;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether HttpClient is waiting for room in the queue, i.e. the caller, not the server, is the holdup. */
    boolean isWaitingForReader() {
        lock.lock();
        try {
            return capacityOwed;
        } finally {
            lock.unlock();
        }
    }

    // ---- caller side

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (off < 0 || len < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException();
        }
        int n = 0;
        int grant = 0;
        CapacityChannel reopen = null;
        boolean atEnd = false;
        lock.lock();
        try {
            for (;;) {
                if (closed) {
                    throw new IOException("The response body of " + exchange.what + " is closed");
                }
                if (failure != null) {
                    throw failure;
                }
                if (len == 0) {
                    return 0;
                }
                if (!chunks.isEmpty()) {
                    break;
                }
                if (ended) {
                    atEnd = !eofSeen;
                    eofSeen = true;
                    break;
                }
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while reading the response body of "
                            + exchange.what);
                }
            }
            if (chunks.isEmpty()) {
                n = -1;
            } else {
                while (n < len && !chunks.isEmpty()) {
                    ByteBuffer chunk = chunks.peekFirst();
                    int take = Math.min(len - n, chunk.remaining());
                    chunk.get(b, off + n, take);
                    n += take;
                    if (!chunk.hasRemaining()) {
                        chunks.pollFirst();
                    }
                }
                buffered -= n;
                int free = capacity - buffered;
                if (capacityOwed && channel != null && free >= capacity / 2) {
                    capacityOwed = false;
                    grant = free;
                    reopen = channel;
                }
            }
        } finally {
            lock.unlock();
        }
        if (atEnd) {
            exchange.bodyConsumed();
        }
        if (reopen != null) {
            exchange.progress();
            try {
                reopen.update(grant);
            } catch (IOException e) {
                exchange.fail(e);
            }
        }
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return closed ? 0 : buffered;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        CapacityChannel reopen = null;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            chunks.clear();
            buffered = 0;
            if (capacityOwed && channel != null) {
                // Let the reactor read again, so that the next consume() sees the close.
                capacityOwed = false;
                reopen = channel;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        exchange.bodyClosed();
        if (reopen != null) {
            try {
                reopen.update(capacity);
            } catch (IOException | RuntimeException e) {
                // The exchange is being aborted anyway.
            }
        }
    }
}
