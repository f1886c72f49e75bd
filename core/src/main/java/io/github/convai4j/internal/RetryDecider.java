package io.github.convai4j.internal;

import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.ConnectionFailedException;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.errors.ConvaiIOException;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.http.HttpMethod;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Decides, after a failed attempt, whether the call is tried again and after how long. The rules are
 * written out in {@link RetryPolicy}'s Javadoc; this class is their one implementation, shared by sync
 * and async calls.
 */
final class RetryDecider {

    /** The outcome: retry after {@link #delay}, or give up and throw {@link #failure}. */
    static final class Decision {
        final Duration delay;
        final ConvaiException failure;
        final String reason;

        Decision(Duration delay, ConvaiException failure, String reason) {
            this.delay = delay;
            this.failure = failure;
            this.reason = reason;
        }

        boolean retry() {
            return delay != null;
        }

        /** Tells whether the failure was of a kind that is never retried (as opposed to retries running out). */
        boolean failureNotRetryable() {
            return NOT_RETRYABLE.equals(reason);
        }
    }

    private static final String NOT_RETRYABLE = "not retryable";

    private final RetryPolicy policy;
    private final HttpMethod method;
    private final boolean bodyRepeatable;
    private final Deadline deadline;
    private final DoubleSupplier random;

    RetryDecider(RetryPolicy policy, HttpMethod method, boolean bodyRepeatable, Deadline deadline,
            DoubleSupplier random) {
        this.policy = policy;
        this.method = method;
        this.bodyRepeatable = bodyRepeatable;
        this.deadline = deadline;
        this.random = random;
    }

    /**
     * Decides after attempt number {@code attempt} (1 for the first) failed with {@code failure}.
     */
    Decision decide(int attempt, ConvaiException failure) {
        if (!isRetryable(failure)) {
            return stop(failure, NOT_RETRYABLE);
        }
        Duration serverWait = failure instanceof ApiException ? ((ApiException) failure).retryAfter() : null;
        if (serverWait != null && serverWait.compareTo(policy.maxRetryAfter()) > 0) {
            return stop(failure, "the server asked to wait " + serverWait.toMillis() + " ms, more than the cap of "
                    + policy.maxRetryAfter().toMillis() + " ms (RetryPolicy.maxRetryAfter)");
        }
        if (attempt > policy.maxRetries()) {
            return stop(failure, "no retries left (maxRetries " + policy.maxRetries() + ")");
        }
        if (!bodyRepeatable) {
            return stop(failure, "the request body can be sent only once");
        }
        Duration wait = serverWait != null ? serverWait : policy.backoff(attempt, random.getAsDouble());
        if (!deadline.allows(wait)) {
            failure.addSuppressed(new ConvaiTimeoutException(ConvaiTimeoutException.Kind.DEADLINE, deadline.timeout(),
                    "Not retried: waiting " + wait.toMillis() + " ms would pass the call's deadline of "
                            + deadline.timeout().toMillis() + " ms", null));
            return stop(failure, "waiting " + wait.toMillis() + " ms would pass the deadline");
        }
        return new Decision(wait, null, null);
    }

    private boolean isRetryable(ConvaiException failure) {
        if (failure instanceof ApiException) {
            int status = ((ApiException) failure).statusCode();
            // As the official SDKs: not 409, whose conflict with the resource's state a resend would meet again.
            return status == 408 || status == 429 || status >= 500 && status <= 599;
        }
        if (failure instanceof ConvaiTimeoutException) {
            ConvaiTimeoutException.Kind kind = ((ConvaiTimeoutException) failure).kind(); // no enum switch: no switch-map class
            if (kind == ConvaiTimeoutException.Kind.CONNECT) {
                return true; // nothing was sent
            }
            return kind != ConvaiTimeoutException.Kind.DEADLINE && isIdempotent();
        }
        if (failure instanceof ConnectionFailedException) {
            return true; // nothing was sent
        }
        // Reset or closed mid-exchange: the server may have acted on the request already.
        return failure instanceof ConvaiIOException && isIdempotent();
    }

    private boolean isIdempotent() {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.PUT
                || method == HttpMethod.DELETE;
    }

    private static Decision stop(ConvaiException failure, String reason) {
        return new Decision(null, failure, reason);
    }
}
