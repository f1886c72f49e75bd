package io.github.convai4j.errors;

/**
 * HTTP 429 Too Many Requests. {@link #code()} says which limit was hit; the API uses for example
 * {@value #TOO_MANY_CONCURRENT_REQUESTS} (your plan's concurrency limit) and {@value #SYSTEM_BUSY} (the
 * service is under load). {@link #retryAfter()} is the wait the server asked for, if it said.
 *
 * <p>Retried by default, honouring {@code Retry-After}. Thrown when the retries are used up, or at once
 * when the server asks for a longer wait than the retry policy's cap (60 seconds by default): then
 * {@link #retryAfter()} carries the server's value, so you can schedule the call yourself.
 */
public class RateLimitException extends ApiException {
    private static final long serialVersionUID = 1L;

    /** The code of a 429 caused by too many requests in flight at once for your plan. */
    public static final String TOO_MANY_CONCURRENT_REQUESTS = "too_many_concurrent_requests";
    /** The code of a 429 sent while the service is under heavy load. */
    public static final String SYSTEM_BUSY = "system_busy";

    /**
     * Creates the exception.
     *
     * @param error the parsed error response
     */
    public RateLimitException(ApiError error) {
        super(error);
    }
}
