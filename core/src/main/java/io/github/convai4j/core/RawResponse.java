package io.github.convai4j.core;

import io.github.convai4j.errors.ApiError;
import io.github.convai4j.http.Headers;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A call's value together with what the HTTP response said: status, headers and request id.
 *
 * <p>Immutable and thread-safe if the value is. For a {@link BinaryResponse} value, the value still owns
 * the open body: close it.
 *
 * @param <T> the value type
 */
public final class RawResponse<T> {

    private final int statusCode;
    private final Headers headers;
    private final T value;

    /**
     * Creates a raw response.
     *
     * @param statusCode the HTTP status
     * @param headers the response headers
     * @param value the decoded value, or {@code null} for an operation without content
     */
    public RawResponse(int statusCode, Headers headers, T value) {
        this.statusCode = statusCode;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.value = value;
    }

    /**
     * Returns the HTTP status, e.g. 200 or 204.
     *
     * @return the status
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns the response headers.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the request id the server gave this call ({@code request-id}, else {@code x-trace-id}).
     *
     * @return the id, or {@code null}
     */
    public String requestId() {
        return ApiError.requestIdOf(headers);
    }

    /**
     * Returns the decoded value.
     *
     * @return the value, or {@code null} for an operation without content
     */
    public T value() {
        return value;
    }

    @Override
    public String toString() {
        return "RawResponse[" + statusCode + ", request-id " + requestId() + "]";
    }
}
