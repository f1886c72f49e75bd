package io.github.convai4j.core;

import java.time.Duration;

/**
 * Observes the calls of a client: each call's start and end, each attempt's start and end (status, bytes
 * each way, duration), and each retry with its reason and delay. Register one with
 * {@code ConvaiClient.Builder#addListener} (or {@code ClientOptions.Builder#addListener}) to count calls,
 * record latencies or feed metrics, without a dependency on any metrics library.
 *
 * <p>For one call the order is: {@link #callStarted}, then for each attempt {@link #attemptStarted} and
 * {@link #attemptEnded}, with {@link #retryScheduled} between a failed attempt and the next, and last
 * {@link #callEnded}. Every method has an empty default: implement the ones you need.
 *
 * <p><b>Threads:</b> a sync call notifies on the caller's thread; an async call on the client's executor
 * (or, for {@link #attemptStarted}, the thread that sends the attempt: the caller's or the scheduler's).
 * Listeners of different calls run concurrently, so an implementation must be thread-safe. Keep each
 * method short: it runs inside the call.
 *
 * <p><b>Failures:</b> an exception thrown by a listener is logged (WARN, logger
 * {@code io.github.convai4j.client}) and ignored: it never changes the call's outcome, and the other
 * listeners are still notified.
 *
 * <p>What the events carry is safe to log: no header values, no bodies, credential query parameters
 * masked in {@link CallInfo#path()}.
 */
public interface CallListener {

    /**
     * A call starts, before its first attempt.
     *
     * @param call the call
     */
    default void callStarted(CallInfo call) {
    }

    /**
     * An attempt is about to be sent.
     *
     * @param call the call
     * @param attempt the attempt's number, 1 for the first
     */
    default void attemptStarted(CallInfo call, int attempt) {
    }

    /**
     * An attempt ended: with a response whose body was read (or, for a streamed download, handed to the
     * caller), with an error status, or with a failure.
     *
     * @param attempt what happened
     */
    default void attemptEnded(AttemptInfo attempt) {
    }

    /**
     * A failed attempt will be retried after {@code delay}.
     *
     * @param failedAttempt the attempt that failed; {@link AttemptInfo#failure()} is not {@code null}
     * @param reason why it is retried, e.g. {@code "HTTP 503"} or {@code "HTTP 429, Retry-After"}
     * @param delay the wait before the next attempt
     */
    default void retryScheduled(AttemptInfo failedAttempt, String reason, Duration delay) {
    }

    /**
     * A call ended: its value is returned, or its exception thrown (or its future completed).
     *
     * @param result how it ended
     */
    default void callEnded(CallResult result) {
    }
}
