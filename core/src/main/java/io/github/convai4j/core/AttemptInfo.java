package io.github.convai4j.core;

import io.github.convai4j.errors.ConvaiException;

import java.time.Duration;

/** One attempt of a call, once it ended, as {@link CallListener}s see it. Immutable. */
public final class AttemptInfo {

    private final CallInfo call;
    private final int number;
    private final int statusCode;
    private final ConvaiException failure;
    private final Duration duration;
    private final long requestBodyBytes;
    private final long responseBodyBytes;
    private final String requestId;

    /**
     * Creates the record of an attempt; the client does this.
     *
     * @param call the call
     * @param number the attempt's number, 1 for the first
     * @param statusCode the response status, or -1 if no response arrived
     * @param failure why the attempt failed, or {@code null} if it succeeded
     * @param duration from sending to the end of the attempt
     * @param requestBodyBytes the request body's length, 0 for none, -1 if unknown (streamed)
     * @param responseBodyBytes the response body bytes received so far, as sent on the wire
     * @param requestId the response's request id, or {@code null}
     */
    public AttemptInfo(CallInfo call, int number, int statusCode, ConvaiException failure, Duration duration,
            long requestBodyBytes, long responseBodyBytes, String requestId) {
        this.call = call;
        this.number = number;
        this.statusCode = statusCode;
        this.failure = failure;
        this.duration = duration;
        this.requestBodyBytes = requestBodyBytes;
        this.responseBodyBytes = responseBodyBytes;
        this.requestId = requestId;
    }

    /**
     * Returns the call this attempt belongs to.
     *
     * @return the call
     */
    public CallInfo call() {
        return call;
    }

    /**
     * Returns the attempt's number.
     *
     * @return 1 for the first attempt
     */
    public int number() {
        return number;
    }

    /**
     * Returns the response status.
     *
     * @return the status, or -1 if no response arrived (a connection failure or timeout)
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns why the attempt failed: the {@code ApiException} of an error status, or an I/O, timeout or
     * decoding failure.
     *
     * @return the failure, or {@code null} if the attempt succeeded
     */
    public ConvaiException failure() {
        return failure;
    }

    /**
     * Tells whether the attempt succeeded.
     *
     * @return {@code true} if {@link #failure()} is {@code null}
     */
    public boolean succeeded() {
        return failure == null;
    }

    /**
     * Returns how long the attempt took: from sending the request until the response body was read (or
     * handed over, for a streamed download), the error read, or the failure met.
     *
     * @return the duration
     */
    public Duration duration() {
        return duration;
    }

    /**
     * Returns the size of the request body.
     *
     * @return its length in bytes, 0 without a body, -1 if the length was not known in advance
     */
    public long requestBodyBytes() {
        return requestBodyBytes;
    }

    /**
     * Returns how many response body bytes were received by the end of the attempt, as they came over the
     * wire (compressed, if the server compressed them). A streamed download
     * ({@link BinaryResponse}) is handed to the caller unread, so this counts none of its body.
     *
     * @return the bytes, 0 if no response arrived
     */
    public long responseBodyBytes() {
        return responseBodyBytes;
    }

    /**
     * Returns the request id of the response ({@code request-id} or {@code x-trace-id} header).
     *
     * @return the id, or {@code null}
     */
    public String requestId() {
        return requestId;
    }

    @Override
    public String toString() {
        return call + " attempt " + number + ": " + (statusCode < 0 ? "no response" : "HTTP " + statusCode)
                + (failure == null ? "" : ", failed: " + failure.getClass().getSimpleName()) + " in "
                + duration.toMillis() + " ms, " + requestBodyBytes + " bytes sent, " + responseBodyBytes
                + " bytes received";
    }
}
