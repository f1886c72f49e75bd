package io.github.convai4j.transport.netty;

import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Streams a request body to the channel from a blocking-work thread: runs {@link RequestBody#writeTo}
 * with itself as the {@link OutputStream}, cuts the bytes into {@code HttpContent}s of up to
 * {@value #CHUNK_SIZE} bytes and ends with a {@code LastHttpContent}.
 *
 * <p>Chunks are large because each one is a hand-off to the event loop (a task, often a wake-up) and a
 * socket write: with 16 KiB chunks and Netty's default 64 KiB high-water mark, the writer and the event loop
 * took turns every 64 KiB, which on a busy machine cost more than the copying. A body whose length is known
 * to be smaller gets a buffer of its size; one of unknown length starts at {@value #FIRST_BUFFER} bytes and
 * grows, so a small body never takes a full chunk.
 *
 * <p>Backpressure: before each chunk it waits until the channel is writable, i.e. until Netty's outbound
 * buffer is under the high-water mark of HTTP connections ({@link NettyResources#WRITE_HIGH_WATER_MARK}). So
 * at most one chunk plus that mark are in memory, whatever the body's size, and a server that reads slowly
 * slows {@code writeTo} down. If the channel stays unwritable for longer than the read timeout, the server is
 * taking no bytes and the exchange fails with a {@link ReadTimeoutException}.
 *
 * <p>It also enforces the declared length: writing past a known {@code Content-Length} fails at once,
 * and ending short of it fails the exchange instead of sending a body that disagrees with its header.
 *
 * <p>Used by one writer thread; {@link #wakeUp()} and {@link #abandon} come from other threads.
 */
final class RequestBodyWriter extends OutputStream implements Runnable {
    /** The largest {@code HttpContent} sent. */
    static final int CHUNK_SIZE = 128 * 1024;
    /** The first buffer of a body of unknown length; it grows up to {@link #CHUNK_SIZE} as bytes come. */
    static final int FIRST_BUFFER = 16 * 1024;
    /** The longest single wait; a backstop, since every writability change also wakes the writer. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Exchange exchange;
    private final Channel channel;
    private final RequestBody body;
    private final long declaredLength;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile String abandonedBecause;
    private volatile boolean endHandedOver;
    private ByteBuf buffer;
    private long written;

    /**
     * @param endAlreadySent {@code true} for a body of declared length 0, whose (empty) end the exchange has
     *     already sent with the head: {@code writeTo} still runs, so that the source is consumed and closed,
     *     and must write nothing
     */
    RequestBodyWriter(Exchange exchange, Channel channel, RequestBody body, boolean endAlreadySent) {
        this.exchange = exchange;
        this.channel = channel;
        this.body = body;
        this.declaredLength = body.contentLength();
        this.endHandedOver = endAlreadySent;
    }

    @Override
    public void run() {
        try {
            body.writeTo(this);
            finish();
        } catch (Throwable t) {
            releaseBuffer();
            if (abandonedBecause == null) {
                exchange.onBodyWriteFailed(t);
            }
        }
    }

    @Override
    public void write(int b) throws IOException {
        checkNotAbandoned();
        if (declaredLength >= 0 && written + 1 > declaredLength) {
            throw tooLong(1);
        }
        if (buffer == null) {
            buffer = newBuffer();
        }
        buffer.writeByte(b);
        written++;
        afterWrite();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (off < 0 || len < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array length " + b.length);
        }
        checkNotAbandoned();
        if (declaredLength >= 0 && written + len > declaredLength) {
            throw tooLong(len);
        }
        while (len > 0) {
            if (buffer == null) {
                buffer = newBuffer();
            }
            int n = Math.min(len, CHUNK_SIZE - buffer.readableBytes());
            buffer.writeBytes(b, off, n);
            off += n;
            len -= n;
            written += n;
            afterWrite();
        }
    }

    /**
     * A buffer for the next chunk: as large as what is left of a known length (at most a chunk), else a
     * whole chunk once a whole chunk has been sent, else {@link #FIRST_BUFFER} bytes; it grows (up to a chunk)
     * if more is written.
     */
    private ByteBuf newBuffer() {
        int initial;
        if (declaredLength >= 0) {
            initial = (int) Math.max(1, Math.min(CHUNK_SIZE, declaredLength - written));
        } else {
            initial = written >= CHUNK_SIZE ? CHUNK_SIZE : FIRST_BUFFER;
        }
        return channel.alloc().buffer(initial, CHUNK_SIZE);
    }

    private void afterWrite() throws IOException {
        if (declaredLength >= 0 && written == declaredLength) {
            // The last byte of a known length: send it as the end now. The server has the whole request once
            // these bytes arrive and may answer before writeTo returns; the exchange must by then know that
            // the request's end is on its way, or it would take the answer for an early one.
            sendEnd();
        } else if (buffer.readableBytes() >= CHUNK_SIZE) {
            send();
        }
    }

    /** Sends what is buffered now, so that a body that flushes (e.g. a live stream) is not held back. */
    @Override
    public void flush() throws IOException {
        checkNotAbandoned();
        if (!endHandedOver && buffer != null && buffer.isReadable()) {
            send();
        }
    }

    /** Does nothing: the transport ends the body after {@code writeTo} returns. */
    @Override
    public void close() {
    }

    private void finish() throws IOException {
        checkNotAbandoned();
        if (declaredLength >= 0 && written != declaredLength) {
            throw new IOException("The request body wrote " + written + " bytes but declared a length of "
                    + declaredLength + "; declare the right length (or -1 if unknown)");
        }
        if (!endHandedOver) {
            sendEnd();
        }
    }

    private void sendEnd() throws IOException {
        awaitWritable();
        ByteBuf last = buffer;
        buffer = null;
        LastHttpContent end = last != null ? new DefaultLastHttpContent(last) : LastHttpContent.EMPTY_LAST_CONTENT;
        ChannelPromise written = exchange.whenRequestEndWritten(channel);
        endHandedOver = true;
        channel.writeAndFlush(end, written);
    }

    /** Tells whether the body's last part has been handed to the channel (its write may still be pending). */
    boolean isEndHandedOver() {
        return endHandedOver;
    }

    private void send() throws IOException {
        awaitWritable();
        ByteBuf chunk = buffer;
        buffer = null;
        ChannelPromise written = channel.newPromise();
        written.addListener(f -> {
            if (!f.isSuccess()) {
                exchange.onRequestWriteFailed(f.cause());
            }
        });
        channel.writeAndFlush(new DefaultHttpContent(chunk), written);
    }

    private void awaitWritable() throws IOException {
        if (channel.isWritable()) {
            return;
        }
        long stallLimit = exchange.readTimeoutNanos();
        long start = System.nanoTime();
        lock.lock();
        try {
            while (!channel.isWritable()) {
                checkNotAbandoned();
                if (!channel.isActive()) {
                    throw new IOException("The connection to " + exchange.origin() + " was closed while sending the"
                            + " request body");
                }
                long waited = System.nanoTime() - start;
                if (stallLimit > 0 && waited >= stallLimit) {
                    ReadTimeoutException timeout = new ReadTimeoutException(exchange.readTimeout(),
                            "the server took no request body bytes (" + exchange.origin() + ")");
                    exchange.fail(timeout, false);
                    throw timeout;
                }
                long wait = stallLimit > 0 ? Math.min(MAX_WAIT_NANOS, stallLimit - waited) : MAX_WAIT_NANOS;
                try {
                    changed.awaitNanos(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while sending the request body");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The channel's writability changed: let a waiting writer look again. */
    void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the writer: its next write throws, and a wait for writability ends. */
    void abandon(String reason) {
        if (abandonedBecause == null) {
            abandonedBecause = reason;
        }
        wakeUp();
    }

    private void checkNotAbandoned() throws IOException {
        String reason = abandonedBecause;
        if (reason != null) {
            throw new IOException("The request body is no longer being sent: " + reason);
        }
    }

    private IOException tooLong(int more) {
        return new IOException("The request body wrote more than its declared length of " + declaredLength
                + " bytes (" + (written + more) + " so far); declare the right length (or -1 if unknown)");
    }

    private void releaseBuffer() {
        ByteBuf b = buffer;
        buffer = null;
        if (b != null) {
            b.release();
        }
    }
}
