package io.github.convai4j.transport.jdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The response body as an {@link InputStream}, fed by {@code java.net.http} with backpressure: one list of
 * buffers is asked for at a time, and the next only when the reader takes one, so a slow reader slows the server
 * down through TCP instead of filling memory. The read timeout counts only while the reader waits; the total
 * timeout and aborts arrive as a failure that the next read throws.
 */
final class ResponseBodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();

    private final JavaNetExchange exchange;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(this);
    private volatile Flow.Subscription subscription;
    private ByteBuffer[] current = new ByteBuffer[0];
    private int index;
    private volatile boolean eof;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile IOException failed;

    ResponseBodyStream(JavaNetExchange exchange) {
        this.exchange = exchange;
    }

    // ---- BodySubscriber, called by the HTTP client ----

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item.toArray(new ByteBuffer[0]));
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(new Failure(throwable));
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /** Makes the next read fail with {@code e} (abort, total timeout, close of the transport). */
    void fail(IOException e) {
        queue.add(new Failure(e));
        cancelSubscription();
    }

    private void cancelSubscription() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    // ---- InputStream, called by the reader ----

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (closed.get()) {
            throw new IOException("The response body is closed");
        }
        if (failed != null) {
            throw failed;
        }
        if (eof) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            while (index < current.length) {
                ByteBuffer buffer = current[index];
                if (buffer.hasRemaining()) {
                    int n = Math.min(len, buffer.remaining());
                    buffer.get(b, off, n);
                    return n;
                }
                index++;
            }
            Object next = take();
            if (next == END) {
                eof = true;
                exchange.finish(true);
                return -1;
            }
            if (next instanceof Failure) {
                failed = exchange.bodyFailure(((Failure) next).cause);
                cancelSubscription();
                exchange.finish(false);
                throw failed;
            }
            current = (ByteBuffer[]) next;
            index = 0;
            // Ask for the next list while this one is read: at most two lists are held.
            subscription.request(1);
        }
    }

    private Object take() throws IOException {
        long readTimeout = exchange.readTimeoutNanos();
        long wait = Math.min(readTimeout > 0 ? readTimeout : Long.MAX_VALUE, exchange.nanosToTotalDeadline());
        try {
            Object next = wait == Long.MAX_VALUE ? queue.take() : queue.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
            if (next != null) {
                return next;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("Interrupted while reading the response body");
            failed = interrupted;
            cancelSubscription();
            exchange.finish(false);
            throw interrupted;
        }
        return new Failure(exchange.timeoutWhileReading());
    }

    @Override
    public synchronized int available() {
        int n = 0;
        for (int i = index; i < current.length; i++) {
            n += current[i].remaining();
        }
        return n;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!eof && failed == null) {
            // Not read to its end: the client closes the connection rather than draining the rest.
            cancelSubscription();
            exchange.finish(false);
            // Wakes a reader blocked in another thread.
            queue.add(new Failure(new IOException("The response body was closed")));
        }
    }

    private static final class Failure {
        final Throwable cause;

        Failure(Throwable cause) {
            this.cause = cause;
        }
    }
}
