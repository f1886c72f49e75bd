package io.github.convai4j.internal;

import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;

import java.time.Duration;

/**
 * A call ready to send: the wire request without timeouts (the same for every attempt), the settings that
 * apply to this call, and what logging needs. Made once per call by {@link RequestAssembler}.
 */
final class PreparedCall {

    private static final Duration SHORTEST_TIMEOUT = Duration.ofMillis(1);

    private final ApiRequest apiRequest;
    private final HttpRequest request;
    private final byte[] jsonBytes;
    private final RetryPolicy retryPolicy;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration attemptTimeout;
    private final Duration timeout;
    private final long maxInflatedSize;

    PreparedCall(ApiRequest apiRequest, HttpRequest request, byte[] jsonBytes, RetryPolicy retryPolicy,
            Duration connectTimeout, Duration readTimeout, Duration attemptTimeout, Duration timeout,
            long maxInflatedSize) {
        this.apiRequest = apiRequest;
        this.request = request;
        this.jsonBytes = jsonBytes;
        this.retryPolicy = retryPolicy;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.attemptTimeout = attemptTimeout;
        this.timeout = timeout;
        this.maxInflatedSize = maxInflatedSize;
    }

    /**
     * Tells whether the client asked for a compressed response (and so inflates it), and up to what size.
     *
     * @return the most bytes the body may inflate to, or -1 if the body is passed on as received
     */
    long maxInflatedSize() {
        return maxInflatedSize;
    }

    String describe() {
        return apiRequest.describe();
    }

    /** A short name for log lines: the operation id, or method and path template if there is none. */
    String label() {
        return apiRequest.operationId() != null ? apiRequest.operationId()
                : apiRequest.method() + " " + apiRequest.pathTemplate();
    }

    /** The wire request, without this call's timeouts. */
    HttpRequest request() {
        return request;
    }

    HttpMethod method() {
        return apiRequest.method();
    }

    boolean isSensitive() {
        return apiRequest.isSensitive();
    }

    /** The JSON body as sent, for logging; {@code null} if the body is not JSON. */
    byte[] jsonBytes() {
        return jsonBytes;
    }

    /** Whether the body is a {@code MultipartBody}, which describes itself safely ({@link ApiRequest#isMultipart}). */
    boolean isMultipart() {
        return apiRequest.isMultipart();
    }

    boolean isBodyRepeatable() {
        return request.body() == null || request.body().isRepeatable();
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    int maxAttempts() {
        return retryPolicy.maxRetries() + 1;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Returns attempt number {@code number} with its timeouts: connect and read as configured, and a total
     * timeout that is the attempt timeout or what is left of the deadline, whichever is shorter.
     *
     * @throws ConvaiTimeoutException if the deadline has already passed
     */
    Attempt attempt(int number, Deadline deadline) {
        Duration remaining = deadline.remaining();
        if (remaining != null && (remaining.isNegative() || remaining.isZero())) {
            throw new ConvaiTimeoutException(ConvaiTimeoutException.Kind.DEADLINE, deadline.timeout(),
                    "The deadline of " + deadline.timeout().toMillis() + " ms of " + describe()
                            + " ran out before attempt " + number, null);
        }
        Duration total = attemptTimeout;
        boolean limitedByDeadline = false;
        if (remaining != null && (attemptTimeout.isZero() || remaining.compareTo(attemptTimeout) < 0)) {
            // Zero would mean "no limit" to a transport, so a deadline almost over still gets 1 ms.
            total = remaining.compareTo(SHORTEST_TIMEOUT) < 0 ? SHORTEST_TIMEOUT : remaining;
            limitedByDeadline = true;
        }
        HttpRequest timed = request.toBuilder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .totalTimeout(total)
                .build();
        return new Attempt(number, timed, limitedByDeadline);
    }
}
