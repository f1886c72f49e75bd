package io.github.convai4j.core;

import io.github.convai4j.errors.ConvaiException;

import java.time.Duration;

/** How a call ended, as {@link CallListener}s see it. Immutable. */
public final class CallResult {

    private final CallInfo call;
    private final int attempts;
    private final int statusCode;
    private final Throwable failure;
    private final Duration duration;
    private final String notRetriedReason;
    private final boolean failureRetryable;

    /**
     * Creates the record of a call's end; the client does this.
     *
     * @param call the call
     * @param attempts how many attempts were sent
     * @param statusCode the last response's status, or -1 if none arrived
     * @param failure what the call threw, or {@code null} if it succeeded
     * @param duration from the call's start to its end
     * @param notRetriedReason why the last failure was not retried, or {@code null}
     * @param failureRetryable whether the last failure was of a kind that is retried
     */
    public CallResult(CallInfo call, int attempts, int statusCode, Throwable failure, Duration duration,
            String notRetriedReason, boolean failureRetryable) {
        this.call = call;
        this.attempts = attempts;
        this.statusCode = statusCode;
        this.failure = failure;
        this.duration = duration;
        this.notRetriedReason = notRetriedReason;
        this.failureRetryable = failureRetryable;
    }

    /**
     * Returns the call.
     *
     * @return the call
     */
    public CallInfo call() {
        return call;
    }

    /**
     * Returns how many attempts were sent: 1 plus the retries.
     *
     * @return 0 if the call ended before its first attempt (its deadline already passed, or it was
     *     cancelled)
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Returns the status of the last response.
     *
     * @return the status, or -1 if no response arrived
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns what the call threw (or failed its future with).
     *
     * @return the failure, or {@code null} if the call succeeded: a {@link ConvaiException}, or the
     *     {@code CancellationException} of a cancelled async call
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * Tells whether the call succeeded.
     *
     * @return {@code true} if {@link #failure()} is {@code null}
     */
    public boolean succeeded() {
        return failure == null;
    }

    /**
     * Returns how long the call took, retries and the waits between them included.
     *
     * @return the duration
     */
    public Duration duration() {
        return duration;
    }

    /**
     * Returns why the last failure was not retried, e.g. {@code "no retries left (maxRetries 2)"} or
     * {@code "not retryable"} (a 404, say).
     *
     * @return the reason, or {@code null} if the call succeeded or ended without a retry decision
     */
    public String notRetriedReason() {
        return notRetriedReason;
    }

    /**
     * Tells whether the last failure was of a kind the retry policy retries (a 503, a connection failure),
     * so that the call failed because retries ran out or could not be made, not because of the request.
     *
     * @return {@code true} for a transient failure; {@code false} on success or for a failure never retried
     */
    public boolean failureRetryable() {
        return failureRetryable;
    }

    @Override
    public String toString() {
        return call + ": " + (failure == null ? "succeeded" : "failed (" + failure.getClass().getSimpleName() + ")")
                + " after " + attempts + " attempt(s) in " + duration.toMillis() + " ms";
    }
}
