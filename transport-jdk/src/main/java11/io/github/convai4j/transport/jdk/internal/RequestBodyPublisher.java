package io.github.convai4j.transport.jdk.internal;

import io.github.convai4j.http.RequestBody;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;

/**
 * Publishes a {@link RequestBody} to {@code java.net.http} with backpressure: {@link RequestBody#writeTo} runs on
 * an upload thread and blocks in {@code write} until the HTTP client asks for the next buffer, so at most one
 * buffer of {@value #BUFFER_SIZE} bytes is held per exchange whatever the body's size. A failure of the body is
 * kept, so that the exchange can report it rather than the client's view of it.
 */
final class RequestBodyPublisher implements Flow.Publisher<ByteBuffer> {
    static final int BUFFER_SIZE = 64 * 1024;

    private final RequestBody body;
    private final Executor uploads;
    private final Runnable onProgress;
    private volatile Upload current;
    private volatile Throwable failure;

    RequestBodyPublisher(RequestBody body, Executor uploads, Runnable onProgress) {
        this.body = body;
        this.uploads = uploads;
        this.onProgress = onProgress;
    }

    /** The body's own failure (writeTo threw, or wrote another length than declared), if any. */
    Throwable failure() {
        return failure;
    }

    /** Stops the upload in progress: its next write fails. */
    void cancel() {
        Upload upload = current;
        if (upload != null) {
            upload.cancel();
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Upload upload = new Upload(subscriber);
        current = upload;
        subscriber.onSubscribe(upload);
        try {
            uploads.execute(upload);
        } catch (RejectedExecutionException e) {
            upload.cancel();
            subscriber.onError(new IOException("The transport was closed", e));
        }
    }

    /** One pass over the body: the subscription, and the output stream that writeTo writes to. */
    private final class Upload extends OutputStream implements Flow.Subscription, Runnable {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final Object lock = new Object();
        private byte[] buffer = new byte[BUFFER_SIZE];
        private int filled;
        private long demand;
        private long written;
        private boolean cancelled;

        Upload(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void run() {
            try {
                body.writeTo(this);
                flushBuffer();
                long declared = body.contentLength();
                if (declared >= 0 && written != declared) {
                    throw new IOException("The request body wrote " + written + " bytes but declared " + declared
                            + "; declare the right length (or -1 if unknown)");
                }
                synchronized (lock) {
                    if (cancelled) {
                        return;
                    }
                }
                subscriber.onComplete();
            } catch (Throwable e) {
                boolean wasCancelled;
                synchronized (lock) {
                    wasCancelled = cancelled;
                }
                if (!wasCancelled) {
                    failure = e;
                    subscriber.onError(e);
                }
            } finally {
                buffer = null;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                written += n;
                if (filled == buffer.length) {
                    flushBuffer();
                }
            }
        }

        /** Hands the filled part of the buffer on, once the client asks for it. */
        private void flushBuffer() throws IOException {
            if (filled == 0) {
                return;
            }
            synchronized (lock) {
                while (demand == 0 && !cancelled) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("Interrupted while uploading the request body");
                    }
                }
                if (cancelled) {
                    throw new IOException("The exchange was aborted while its request body was being sent");
                }
                demand--;
            }
            ByteBuffer out = ByteBuffer.wrap(buffer, 0, filled);
            // The client may hold the buffer after onNext returns: the next bytes go to a fresh one.
            buffer = new byte[BUFFER_SIZE];
            filled = 0;
            subscriber.onNext(out);
            onProgress.run();
        }

        @Override
        public void request(long n) {
            synchronized (lock) {
                if (n <= 0) {
                    cancelled = true;
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                lock.notifyAll();
            }
            if (n <= 0) {
                subscriber.onError(new IllegalArgumentException("request(" + n + ") violates Reactive Streams 3.9"));
            }
        }

        @Override
        public void cancel() {
            synchronized (lock) {
                cancelled = true;
                lock.notifyAll();
            }
        }
    }
}
