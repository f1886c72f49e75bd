package io.github.convai4j.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The response body as an {@link InputStream}, fed by the event loop through a queue of buffers bounded in
 * bytes.
 *
 * <p>Backpressure: after each socket read the exchange calls {@link #afterSocketRead()}; once
 * {@value #PAUSE_BYTES} bytes or more wait here it stops requesting reads (auto-read is off, so Netty then
 * reads nothing more and TCP flow control slows the server). The reader asks for reading to resume once it
 * has drained the queue below {@value #RESUME_BYTES} bytes. So at most {@code PAUSE_BYTES} plus one socket
 * read (up to {@link NettyResources#MAX_READ_BYTES}) sit here per exchange, however large the body. The
 * queue is large and the gap between the two marks wide so that the event loop and the reader hand over
 * hundreds of KiB at a time: with a queue of one 64 KiB socket read, the two threads took turns for every
 * 64 KiB, and on a busy machine every such turn waits for a core.
 *
 * <p>The reader is woken once per socket read ({@link #afterSocketRead()}), not once per buffer, and only
 * when it waits; also at the end of the body and on failure. Netty calls {@code channelReadComplete} after
 * every read that delivered something, so no bytes stay queued unseen.
 *
 * <p>Every buffer put here is released exactly once: by the reader when consumed, or by {@link #close()} or
 * {@link #fail} when discarded, or at once by {@link #offer} if the stream is already closed or failed.
 *
 * <p>One reader at a time; {@link #offer}, {@link #end}, {@link #afterSocketRead} and {@link #fail} come from
 * other threads. State is guarded by {@code lock}.
 */
final class ResponseBodyStream extends InputStream {
    /** Reading from the socket pauses once this many bytes wait for the reader. */
    static final int PAUSE_BYTES = 512 * 1024;
    /** Reading from the socket resumes once the reader has drained the queue below this. */
    static final int RESUME_BYTES = 256 * 1024;

    private final Exchange exchange;
    private final EventLoop eventLoop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private final byte[] single = new byte[1];
    private long queued;
    private boolean ended;
    /** The body's last part has arrived and the exchange is giving the connection back ({@link #claimEnd}). */
    private boolean endClaimed;
    private boolean paused;
    private boolean readerWaiting;
    private boolean eofDelivered;
    private boolean closed;
    private IOException failure;

    ResponseBodyStream(Exchange exchange, EventLoop eventLoop) {
        this.exchange = exchange;
        this.eventLoop = eventLoop;
    }

    // ---- producer side (event loop) ----

    /**
     * Queues a buffer; takes ownership of one reference. The reader is woken by {@link #afterSocketRead()},
     * which follows, so that it finds all that one socket read brought.
     */
    void offer(ByteBuf buf) {
        lock.lock();
        try {
            if (!closed && failure == null) {
                chunks.addLast(buf);
                queued += buf.readableBytes();
                return;
            }
        } finally {
            lock.unlock();
        }
        buf.release();
    }

    /**
     * Called on the event loop when the body's last part has arrived, before the exchange gives the connection
     * back to the pool: tells whether it may. Not once the reader has closed the body: then the body was
     * closed before its end, and that close fails the exchange, which closes the connection. Once this has
     * returned {@code true}, a close by the reader counts as a close after the end. Deciding both under the
     * lock keeps a close that races with the end from finding the connection already back in the pool.
     */
    boolean claimEnd() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            endClaimed = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The body has arrived completely. */
    void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called on the event loop after each socket read: wakes the reader if it waits for bytes, and tells
     * whether reading from the socket should pause because enough bytes wait here (the reader will then call
     * {@link Exchange#requestMoreData()} once it has drained the queue) or because the reader has closed the
     * body (then nothing more is read: the exchange is over or failing).
     */
    boolean afterSocketRead() {
        lock.lock();
        try {
            if (closed) {
                return true; // nobody reads on: the exchange is failing or done, read nothing more
            }
            if (readerWaiting && queued > 0) {
                changed.signalAll();
            }
            if (queued >= PAUSE_BYTES && failure == null) {
                paused = true;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Fails the stream: queued bytes are dropped and every later read throws {@code cause}. */
    void fail(IOException cause) {
        List<ByteBuf> dropped;
        lock.lock();
        try {
            if (closed || eofDelivered || failure != null) {
                return;
            }
            failure = cause;
            dropped = drainLocked();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        release(dropped);
    }

    // ---- consumer side ----

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (off < 0 || len < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array length " + b.length);
        }
        if (len == 0) {
            return 0;
        }
        boolean resume = false;
        boolean eof = false;
        int copied = 0;
        lock.lock();
        try {
            for (;;) {
                if (closed) {
                    throw new IOException("The response body stream is closed");
                }
                if (failure != null) {
                    throw failure;
                }
                ByteBuf head;
                while (copied < len && (head = chunks.peekFirst()) != null) {
                    int n = Math.min(len - copied, head.readableBytes());
                    head.readBytes(b, off + copied, n);
                    copied += n;
                    queued -= n;
                    if (!head.isReadable()) {
                        chunks.pollFirst();
                        head.release();
                    }
                }
                if (copied > 0) {
                    if (paused && queued < RESUME_BYTES) {
                        paused = false;
                        resume = true;
                    }
                    break;
                }
                if (ended) {
                    if (!eofDelivered) {
                        eofDelivered = true;
                        eof = true;
                    }
                    break;
                }
                if (eventLoop.inEventLoop()) {
                    throw new IllegalStateException("The response body was read on a Netty event loop thread with"
                            + " no bytes available; that would block the loop that delivers them. Read it from"
                            + " another thread (e.g. chain with thenApplyAsync)");
                }
                readerWaiting = true;
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while waiting for response body bytes");
                } finally {
                    readerWaiting = false;
                }
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            exchange.requestMoreData();
        }
        if (eof) {
            exchange.onBodyEof();
        }
        return copied > 0 ? copied : -1;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return closed || failure != null ? 0 : (int) Math.min(Integer.MAX_VALUE, queued);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the stream, dropping unread bytes. If the body had not fully arrived, the exchange is aborted
     * and its connection closed rather than drained.
     */
    @Override
    public void close() {
        List<ByteBuf> dropped;
        boolean complete;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            complete = (ended || endClaimed) && failure == null;
            dropped = drainLocked();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        release(dropped);
        exchange.onBodyClosed(complete);
    }

    private List<ByteBuf> drainLocked() {
        List<ByteBuf> dropped = new ArrayList<>(chunks);
        chunks.clear();
        queued = 0;
        return dropped;
    }

    private static void release(List<ByteBuf> buffers) {
        for (ByteBuf buf : buffers) {
            buf.release();
        }
    }
}
