package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.RequestBody;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * Streams a {@link RequestBody} to the async client without blocking the I/O reactor.
 *
 * <p>{@link RequestBody#writeTo} blocks (it reads files or the caller's streams), so it runs on a thread of
 * the transport's upload executor and writes into a ring buffer. The ring starts at {@value #FIRST_RING}
 * bytes (or the body's length if smaller) and, each time the writer finds it full, doubles up to the
 * transport's limit ({@value HttpClientTransport#BUFFER_SIZE} bytes): a small body never takes a large ring,
 * and a large one is handed over in large pieces (with a small ring, the writer and the reactor took turns
 * for every few KiB). The writer blocks while the ring is full at its largest. The reactor calls
 * {@link #produce} when the connection can take bytes; it moves what the ring holds into the channel without
 * waiting, and ends the stream once the writer has finished and the ring is empty. The writer wakes the
 * reactor ({@code requestOutput}) when it puts bytes into an empty ring and when it finishes. The writer
 * starts on the first {@code produce}, that is only once a connection is ready for the body, so a body is
 * never read for an exchange that fails before it is sent.
 *
 * <p>A failure of the writer (an {@code IOException} from the source, a body shorter than its declared
 * length) is thrown from the next {@code produce}, which fails the exchange and drops the connection, so the
 * server never sees a complete request. With a declared length the stream is ended as soon as that many bytes
 * have gone out, without waiting for the writer to return (the server may answer at once, and HttpClient must
 * by then see the request as complete); bytes beyond the declared length never reach the connection, and a
 * writer failure after that point no longer affects the request, which the server has received whole. When
 * the exchange ends for any reason, a writer still blocked on the ring is released with an
 * {@code IOException}.
 */
final class BodyProducer implements AsyncEntityProducer {
    private final RequestBody body;
    private final Executor writers;
    private final AsyncExchange exchange;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    /** The ring's first size; see the class comment. */
    static final int FIRST_RING = 64 * 1024;

    private final int maxRing;
    private byte[] ring;
    private int head;
    private int count;
    private long sent;
    private boolean started;
    private boolean done;
    private boolean endSent;
    private boolean aborted;
    private IOException failure;
    private volatile DataStreamChannel channel;

    BodyProducer(RequestBody body, Executor writers, AsyncExchange exchange, int bufferSize) {
        this.body = body;
        this.writers = writers;
        this.exchange = exchange;
        this.maxRing = bufferSize;
        long length = body.contentLength();
        this.ring = new byte[length >= 0 && length < FIRST_RING ? (int) Math.max(1, length)
                : Math.min(FIRST_RING, bufferSize)];
    }

    // ---- EntityDetails

    @Override
    public long getContentLength() {
        return body.contentLength();
    }

    @Override
    public String getContentType() {
        return body.contentType();
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return body.contentLength() < 0;
    }

    @Override
    public Set<String> getTrailerNames() {
        return Collections.emptySet();
    }

    @Override
    public boolean isRepeatable() {
        // This producer holds the state of one transmission; HttpClient's retries are off anyway.
        return false;
    }

    // ---- I/O reactor side

    @Override
    public int available() {
        lock.lock();
        try {
            if (!started) {
                return 1; // ask for a produce() call, which starts the writer
            }
            if (count > 0) {
                return count;
            }
            return failure != null || complete() && !endSent ? 1 : 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void produce(DataStreamChannel dataChannel) throws IOException {
        boolean start = false;
        int written = 0;
        IOException toThrow = null;
        lock.lock();
        try {
            channel = dataChannel;
            if (!started) {
                started = true;
                start = true;
            }
            while (count > 0) {
                int segment = Math.min(count, ring.length - head);
                int n = dataChannel.write(ByteBuffer.wrap(ring, head, segment));
                if (n <= 0) {
                    break;
                }
                head = (head + n) % ring.length;
                count -= n;
                sent += n;
                written += n;
                if (n < segment) {
                    break;
                }
            }
            if (written > 0) {
                notFull.signalAll();
            }
            if (count == 0) {
                if (failure != null) {
                    toThrow = failure;
                } else if (complete() && !endSent) {
                    endSent = true;
                    dataChannel.endStream();
                }
            }
        } finally {
            lock.unlock();
        }
        if (written > 0) {
            exchange.progress();
        }
        if (start) {
            startWriter(dataChannel);
        }
        if (toThrow != null) {
            throw toThrow;
        }
    }

    /**
     * Whether the whole body has gone into the channel. With a declared length that is known as soon as the
     * last byte is written, without waiting for the writer thread to return: the server may answer the
     * moment it has the last byte, and HttpClient must see the request as complete by then.
     */
    private boolean complete() {
        long declared = body.contentLength();
        return done || declared >= 0 && sent == declared;
    }

    @Override
    public void failed(Exception cause) {
        abortWriter();
    }

    @Override
    public void releaseResources() {
        abortWriter();
    }

    private void abortWriter() {
        lock.lock();
        try {
            aborted = true;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void startWriter(DataStreamChannel dataChannel) {
        try {
            writers.execute(this::writeBody);
        } catch (RejectedExecutionException e) {
            finishWriter(new IOException("The transport was closed before the request body of "
                    + exchange.what + " could be sent", e));
        }
    }

    // ---- writer thread

    private void writeBody() {
        IOException error = null;
        LengthGuard guarded = new LengthGuard(new RingOutput(), body.contentLength());
        try {
            body.writeTo(guarded);
            guarded.finish();
        } catch (IOException e) {
            error = e;
        } catch (RuntimeException | Error e) {
            error = new IOException("Writing the request body of " + exchange.what + " failed: " + e, e);
        }
        finishWriter(error);
    }

    private void finishWriter(IOException error) {
        lock.lock();
        try {
            if (error != null && !aborted) {
                failure = error;
            }
            done = true;
        } finally {
            lock.unlock();
        }
        DataStreamChannel c = channel;
        if (c != null) {
            c.requestOutput();
        }
    }

    /** Doubles the ring (up to {@code maxRing}), its bytes moved to the start. Called with the lock held. */
    private void grow() {
        byte[] larger = new byte[(int) Math.min(maxRing, 2L * ring.length)];
        int first = Math.min(count, ring.length - head);
        System.arraycopy(ring, head, larger, 0, first);
        System.arraycopy(ring, 0, larger, first, count - first);
        ring = larger;
        head = 0;
    }

    /** The writer's end of the ring. */
    private final class RingOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                boolean wasEmpty;
                lock.lock();
                try {
                    if (count == ring.length && ring.length < maxRing && !aborted) {
                        grow();
                    }
                    while (count == ring.length && !aborted) {
                        try {
                            notFull.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException("Interrupted while sending the request body of "
                                    + exchange.what);
                        }
                    }
                    if (aborted) {
                        throw new IOException("The exchange " + exchange.what
                                + " ended before its request body was sent");
                    }
                    int tail = (head + count) % ring.length;
                    int n = Math.min(len, Math.min(ring.length - count, ring.length - tail));
                    System.arraycopy(b, off, ring, tail, n);
                    wasEmpty = count == 0;
                    count += n;
                    off += n;
                    len -= n;
                } finally {
                    lock.unlock();
                }
                if (wasEmpty) {
                    channel.requestOutput();
                }
            }
        }
    }
}
