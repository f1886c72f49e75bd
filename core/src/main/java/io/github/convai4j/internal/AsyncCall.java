package io.github.convai4j.internal;

import io.github.convai4j.core.RawResponse;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.http.HttpResponse;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A call run without blocking any thread. Each attempt goes to {@code Transport.executeAsync}; its outcome
 * is handed from the transport's I/O thread to the client's executor, where the body is read and the retry
 * decided; a retry waits on the client's scheduler, not on a sleeping thread.
 *
 * <p>Cancelling the returned future aborts the attempt in flight, or the pending retry.
 */
final class AsyncCall<T> extends Call<T> {

    private final CompletableFuture<RawResponse<T>> result = new CompletableFuture<>();
    private volatile Future<?> inFlight;

    AsyncCall(ClientContext context, PreparedCall call, ResponseHandler<T> handler) {
        super(context, call, handler);
    }

    CompletableFuture<RawResponse<T>> start() {
        started();
        result.whenComplete((value, failure) -> {
            ended(failure == null ? null : Futures.unwrap(failure)); // a cancellation; otherwise told already
            Future<?> current = inFlight;
            if (result.isCancelled() && current != null) {
                current.cancel(true);
            }
        });
        attempt(1);
        return result;
    }

    private void attempt(int number) {
        if (result.isDone()) {
            return;
        }
        Attempt attempt;
        CompletableFuture<HttpResponse> exchange;
        try {
            attempt = call.attempt(number, deadline);
            attemptStarted(attempt);
            exchange = context.transport().executeAsync(attempt.request());
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        long start = context.nanoTime.getAsLong();
        inFlight = exchange;
        if (result.isCancelled()) {
            exchange.cancel(true);
        }
        // Runs on the transport's I/O thread: only hand over, never read or decode here.
        exchange.whenComplete((response, failure) ->
                dispatch(() -> onAttemptDone(attempt, start, response, failure), response));
    }

    private void onAttemptDone(Attempt attempt, long start, HttpResponse response, Throwable failure) {
        if (result.isDone()) {
            closeQuietly(response); // cancelled meanwhile
            return;
        }
        try {
            ConvaiException attemptFailure;
            if (failure != null) {
                Throwable cause = Futures.unwrap(failure);
                if (!(cause instanceof IOException)) {
                    fail(cause);
                    return;
                }
                attemptFailure = failed(attempt, (IOException) cause, start);
            } else {
                try {
                    RawResponse<T> value = complete(attempt, response, start);
                    ended(null);
                    if (!result.complete(value)) {
                        Futures.closeUndelivered(value);
                    }
                    return;
                } catch (ConvaiException e) {
                    attemptFailure = e;
                }
            }
            RetryDecider.Decision decision = decide(attempt, attemptFailure);
            if (!decision.retry()) {
                fail(decision.failure);
                return;
            }
            int next = attempt.number() + 1;
            try {
                inFlight = context.scheduler().schedule(() -> dispatch(() -> attempt(next), null),
                        decision.delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                ConvaiException stopped = new ConvaiException("The client was closed while " + call.describe()
                        + " waited to retry", closed);
                stopped.addSuppressed(attemptFailure);
                fail(stopped);
            }
        } catch (Throwable t) {
            // Whatever happens, the caller's future completes.
            fail(t);
        }
    }

    /** Tells the listeners, then fails the caller's future (so that the caller sees the listeners done). */
    private void fail(Throwable failure) {
        if (!result.isDone()) {
            ended(Futures.unwrap(failure));
        }
        result.completeExceptionally(failure);
    }

    /** Runs {@code task} on the client's executor; if it is shut down, fails the call instead. */
    private void dispatch(Runnable task, HttpResponse toCloseIfRejected) {
        try {
            context.executor().execute(task);
        } catch (RejectedExecutionException e) {
            closeQuietly(toCloseIfRejected);
            fail(new ConvaiException("The client was closed while " + call.describe()
                    + " was in progress", e));
        }
    }
}
