package io.github.convai4j.internal;

import io.github.convai4j.core.RawResponse;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.http.HttpResponse;

import java.io.IOException;
import java.time.Duration;

/** A call run on the caller's thread: attempt, and on a retryable failure sleep and attempt again. */
final class SyncCall<T> extends Call<T> {

    SyncCall(ClientContext context, PreparedCall call, ResponseHandler<T> handler) {
        super(context, call, handler);
    }

    RawResponse<T> run() {
        started();
        try {
            RawResponse<T> value = attempts();
            ended(null);
            return value;
        } catch (RuntimeException e) {
            ended(e);
            throw e;
        }
    }

    private RawResponse<T> attempts() {
        for (int number = 1; ; number++) {
            Attempt attempt = call.attempt(number, deadline);
            attemptStarted(attempt);
            long start = context.nanoTime.getAsLong();
            ConvaiException failure;
            try {
                HttpResponse response = context.transport().execute(attempt.request());
                return complete(attempt, response, start);
            } catch (IOException e) {
                failure = failed(attempt, e, start);
            } catch (ConvaiException e) {
                failure = e;
            }
            RetryDecider.Decision decision = decide(attempt, failure);
            if (!decision.retry()) {
                throw decision.failure;
            }
            sleep(decision.delay, failure);
        }
    }

    private void sleep(Duration delay, ConvaiException lastFailure) {
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ConvaiException interrupted = new ConvaiException("Interrupted while waiting to retry " + call.describe(), e);
            interrupted.addSuppressed(lastFailure);
            throw interrupted;
        }
    }
}
