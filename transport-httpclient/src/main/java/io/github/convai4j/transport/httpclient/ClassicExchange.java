package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.TotalTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * One exchange on the classic (blocking) client, from {@code executeOpen} until its body is read or closed.
 *
 * <p>Connect and read timeouts are HttpClient's own (connect timeout and socket timeout). The total timeout
 * is a task on the transport's timer that cancels the request, which makes HttpClient close the connection
 * under the blocked thread; the resulting I/O error is then reported as a {@link TotalTimeoutException}.
 * A connect in progress cannot be interrupted that way, so during a connect the total timeout surfaces once
 * the connect returns (at most the connect timeout later).
 */
final class ClassicExchange implements InFlight {
    private static final int RUNNING = 0;
    private static final int TOTAL_TIMEOUT = 1;
    private static final int TRANSPORT_CLOSED = 2;
    private static final int CANCELLED = 3;

    private final HttpClientTransport transport;
    private final HttpUriRequestBase hcRequest;
    private final RequestBodyEntity entity;
    private final Timeouts timeouts;
    private final String what;
    private final HttpClientContext context;
    private final AtomicInteger abortReason = new AtomicInteger(RUNNING);
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile ScheduledFuture<?> totalTimer;

    ClassicExchange(HttpClientTransport transport, HttpRequest request, HttpUriRequestBase hcRequest,
            Timeouts timeouts, HttpClientContext context) {
        this.transport = transport;
        this.context = context;
        this.hcRequest = hcRequest;
        this.timeouts = timeouts;
        this.what = Requests.describe(request);
        if (request.body() != null) {
            entity = new RequestBodyEntity(request.body(), hcRequest::cancel);
            hcRequest.setEntity(entity);
        } else {
            entity = null;
        }
    }

    HttpResponse run(CloseableHttpClient client) throws IOException {
        if (abortReason.get() != RUNNING) {
            finish();
            throw failure(null); // cancelled or closed before it started
        }
        if (timeouts.hasTotal()) {
            totalTimer = transport.schedule(() -> abort(TOTAL_TIMEOUT), timeouts.total.toNanos());
        }
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(null, hcRequest, context);
        } catch (IOException | RuntimeException e) {
            finish();
            IOException bodyFailure = entity != null ? entity.failure() : null;
            if (bodyFailure != null && abortReason.get() == RUNNING) {
                if (bodyFailure != e) {
                    bodyFailure.addSuppressed(e);
                }
                throw bodyFailure;
            }
            throw failure(e);
        }
        try {
            int status = response.getCode();
            io.github.convai4j.http.Headers headers = Requests.headers(response);
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                closeQuietly(response);
                finish();
                return new HttpResponse(status, headers, null);
            }
            InputStream content = entity.getContent();
            return new HttpResponse(status, headers, new Body(response, content, entity.getContentLength()));
        } catch (IOException | RuntimeException e) {
            hcRequest.cancel();
            closeQuietly(response);
            finish();
            throw failure(e);
        }
    }

    @Override
    public void abortOnClose() {
        abort(TRANSPORT_CLOSED);
    }

    /** The caller cancelled the future of an exchange run on a thread of its own (see executeAsync on Android). */
    void cancel() {
        abort(CANCELLED);
    }

    private void abort(int reason) {
        if (!finished.get() && abortReason.compareAndSet(RUNNING, reason)) {
            hcRequest.cancel();
        }
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            ScheduledFuture<?> timer = totalTimer;
            if (timer != null) {
                timer.cancel(false);
            }
            transport.forget(this);
        }
    }

    private IOException failure(Throwable cause) {
        switch (abortReason.get()) {
            case TOTAL_TIMEOUT:
                return Failures.withCause(new TotalTimeoutException(timeouts.total, what), cause);
            case TRANSPORT_CLOSED:
                return Failures.withCause(new IOException("The transport was closed during " + what), cause);
            case CANCELLED:
                return Failures.withCause(new IOException("The exchange was cancelled: " + what), cause);
            default:
                return Failures.map(cause, timeouts, what);
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // The connection is being discarded anyway.
        }
    }

    /** The response body: HttpClient's stream, with the SPI's timeout and close semantics on top. */
    private final class Body extends InputStream {
        private final ClassicHttpResponse response;
        private final InputStream content;
        private final long contentLength;
        private long received;
        private boolean eof;
        private boolean failed;
        private boolean closed;

        Body(ClassicHttpResponse response, InputStream content, long contentLength) {
            this.response = response;
            this.content = content;
            this.contentLength = contentLength;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("The response body of " + what + " is closed");
            }
            if (eof) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (abortReason.get() != RUNNING) {
                throw fail(null);
            }
            int n;
            try {
                n = content.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
            if (n < 0) {
                eof = true;
                // HttpClient has already returned the connection to the pool on seeing the end.
                closeQuietly(response);
                finish();
            } else {
                received += n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return closed || eof || failed ? 0 : content.available();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (!eof && !failed) {
                if (contentLength >= 0 && received >= contentLength) {
                    // Every byte was read, only the end was not seen: closing releases the connection for reuse.
                    try {
                        content.close();
                    } catch (IOException | RuntimeException e) {
                        hcRequest.cancel();
                    }
                } else if (content instanceof EofSensorInputStream) {
                    // Do not drain what may be a large remainder: drop the connection instead.
                    try {
                        ((EofSensorInputStream) content).abort();
                    } catch (IOException | RuntimeException e) {
                        hcRequest.cancel();
                    }
                } else {
                    hcRequest.cancel();
                }
            }
            closeQuietly(response);
            finish();
        }

        private IOException fail(Throwable cause) {
            failed = true;
            hcRequest.cancel();
            closeQuietly(response);
            IOException e = failure(cause);
            finish();
            return e;
        }
    }
}
