package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.TotalTimeoutException;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;

/**
 * One exchange on the async client: it owns the caller's future, HttpClient's own future, the exec runtime
 * that holds its connection (the handles that abort the exchange), the timers, and the failure that ends it.
 *
 * <p>Life cycle: {@link #start} hands the producer and consumer to HttpClient and arms the total timer.
 * Just before the request goes out on a connection, {@link ConnectionLink} hands over the exec runtime that
 * holds it, and the read-inactivity timer is armed. When the response head arrives, the caller's future
 * completes with a response whose body is a {@link ResponseBody}. HttpClient's future completes only when the
 * last body byte has been received. The exchange is finished (timers cancelled) when the caller has read the
 * body to its end or closed it, or when it fails.
 *
 * <p>An abort cancels HttpClient's future (which stops a wait for a pooled connection or a connect) and
 * discards the linked connection. The second is not redundant: HttpClient's future can lose the handle to the
 * request on its connection (see {@link ConnectionLink}), and then cancelling it leaves the connection open.
 *
 * <p>The first failure wins: a timeout, a cancellation, an I/O error from HttpClient, or the transport
 * closing. It fails the caller's future if the head has not arrived yet, and the body stream otherwise.
 */
final class AsyncExchange implements InFlight {
    private final HttpClientTransport transport;
    private final Timeouts timeouts;
    final String what;
    private final CompletableFuture<HttpResponse> result = new CompletableFuture<>();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean idleArmed = new AtomicBoolean();
    private volatile Future<HttpResponse> exchangeFuture;
    private volatile AsyncExecRuntime connection;
    private volatile ResponseBody body;
    private volatile ScheduledFuture<?> totalTimer;
    private volatile ScheduledFuture<?> idleTimer;
    private volatile long lastProgressNanos;
    private volatile boolean responseComplete;

    AsyncExchange(HttpClientTransport transport, HttpRequest request, Timeouts timeouts) {
        this.transport = transport;
        this.timeouts = timeouts;
        this.what = Requests.describe(request);
    }

    CompletableFuture<HttpResponse> start(CloseableHttpAsyncClient client, AsyncRequestProducer producer,
            HttpClientContext context) {
        // Cancelling the caller's future before the head arrived aborts the exchange.
        result.whenComplete((response, error) -> {
            if (error instanceof CancellationException) {
                abort(new IOException("The exchange " + what + " was cancelled"));
            }
        });
        if (timeouts.hasTotal()) {
            totalTimer = transport.schedule(
                    () -> fail(new TotalTimeoutException(timeouts.total, what)), timeouts.total.toNanos());
        }
        try {
            exchangeFuture = client.execute(producer, new ResponseConsumer(this), null, context,
                    new FutureCallback<HttpResponse>() {
                        @Override
                        public void completed(HttpResponse response) {
                            // The body's end was received; the caller may still be reading the buffer.
                        }

                        @Override
                        public void failed(Exception ex) {
                            failedInClient(ex);
                        }

                        @Override
                        public void cancelled() {
                            failedInClient(new IOException("The exchange " + what + " was aborted"));
                        }
                    });
        } catch (RuntimeException e) {
            fail(Failures.map(e, timeouts, what));
        }
        if (failure.get() != null) {
            cancelExchange();
        }
        return result;
    }

    /**
     * The request is about to go out on the connection that {@code runtime} holds: from now on an abort
     * discards that connection. Called on the thread that proceeds with HttpClient's exec chain.
     *
     * @return {@code false} if the exchange has already ended, so the request must not be sent
     */
    boolean linkConnection(AsyncExecRuntime runtime) {
        connection = runtime;
        // Written before the failure is read, while an abort sets the failure before it reads the connection:
        // either this sees the abort, or the abort sees the connection (or both).
        return failure.get() == null;
    }

    /** The request head is about to be written: from now on, silence counts against the read timeout. */
    void requestStarted() {
        if (timeouts.hasRead() && idleArmed.compareAndSet(false, true)) {
            progress();
            scheduleIdleCheck(timeouts.read.toNanos());
        }
    }

    /** Bytes moved on the connection (sent or received). */
    void progress() {
        lastProgressNanos = System.nanoTime();
    }

    /** The response head arrived. */
    void deliver(HttpResponse response, ResponseBody responseBody) {
        this.body = responseBody;
        if (!result.complete(response)) {
            // Cancelled, timed out or failed in the meantime: nobody will read this response.
            IOException e = failure.get();
            if (responseBody != null) {
                responseBody.fail(e != null ? e : new IOException("The exchange " + what + " was cancelled"));
            }
            abort(new IOException("The exchange " + what + " was cancelled"));
            return;
        }
        if (responseBody == null) {
            responseComplete = true;
            finish();
        }
    }

    /** The whole response body has been received (the caller may not have read it all yet). */
    void responseComplete() {
        responseComplete = true;
        cancelIdleTimer();
    }

    boolean isResponseComplete() {
        return responseComplete;
    }

    /** The caller read the body to its end. */
    void bodyConsumed() {
        finish();
    }

    /** The caller closed the body: drop the connection unless the response had been received whole. */
    void bodyClosed() {
        if (responseComplete) {
            finish();
        } else {
            abort(new IOException("The response body of " + what + " was closed before its end"));
        }
    }

    /** HttpClient released the exchange; if the response was not complete, the exchange has failed. */
    void released() {
        if (!responseComplete) {
            fail(new IOException("The exchange " + what + " ended before the response was complete"));
        }
    }

    /**
     * HttpClient reports a failure. Once the whole response has been received it is ignored: the body in
     * the buffer is complete and valid (HttpClient may still report the end of a request upload that the
     * server did not wait for).
     */
    void failedInClient(Exception cause) {
        if (!responseComplete) {
            fail(Failures.map(cause, timeouts, what));
        }
    }

    @Override
    public void abortOnClose() {
        fail(new IOException("The transport was closed during " + what));
    }

    /** Ends the exchange with a failure that the caller sees. Only the first failure counts. */
    void fail(IOException e) {
        if (finished.get() || !failure.compareAndSet(null, e)) {
            return;
        }
        if (!result.completeExceptionally(e)) {
            ResponseBody b = body;
            if (b != null) {
                b.fail(e);
            }
        }
        cancelExchange();
        finish();
    }

    /** Ends the exchange quietly: the caller has gone away. */
    private void abort(IOException reason) {
        if (finished.get() || !failure.compareAndSet(null, reason)) {
            return;
        }
        cancelExchange();
        finish();
    }

    private void cancelExchange() {
        Future<HttpResponse> f = exchangeFuture;
        if (f != null) {
            f.cancel(true);
        }
        AsyncExecRuntime c = connection;
        if (c != null) {
            // Closes the connection at once and frees its pool slot; a no-op once HttpClient has released or
            // discarded it (the exchange completed, or the cancel above reached it).
            c.discardEndpoint();
        }
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            ScheduledFuture<?> t = totalTimer;
            if (t != null) {
                t.cancel(false);
            }
            cancelIdleTimer();
            transport.forget(this);
        }
    }

    private void cancelIdleTimer() {
        ScheduledFuture<?> t = idleTimer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        if (!finished.get() && !responseComplete) {
            idleTimer = transport.schedule(this::checkIdle, delayNanos);
        }
    }

    /**
     * The read timeout, measured here rather than by the I/O reactor: time during which the body buffer is
     * full because the caller is not reading does not count, since the transport is then not waiting for
     * the server.
     */
    private void checkIdle() {
        if (finished.get() || responseComplete) {
            return;
        }
        long readNanos = timeouts.read.toNanos();
        long now = System.nanoTime();
        ResponseBody b = body;
        if (b != null && b.isWaitingForReader()) {
            lastProgressNanos = now;
            scheduleIdleCheck(readNanos);
            return;
        }
        long idle = now - lastProgressNanos;
        if (idle >= readNanos) {
            fail(new ReadTimeoutException(timeouts.read, what));
        } else {
            scheduleIdleCheck(readNanos - idle);
        }
    }
}
