package io.github.convai4j.errors;

import io.github.convai4j.http.Headers;
import io.github.convai4j.json.JsonValue;

import java.time.Duration;

/**
 * The API answered with an error status (anything but 2xx). Thrown after the client has retried as its
 * retry policy allows.
 *
 * <p>A subclass tells the status family, so that you can catch what you can handle:
 * <table>
 *   <caption>Status to exception</caption>
 *   <tr><th>Status</th><th>Exception</th></tr>
 *   <tr><td>400</td><td>{@link BadRequestException}</td></tr>
 *   <tr><td>401</td><td>{@link AuthenticationException}</td></tr>
 *   <tr><td>403</td><td>{@link PermissionDeniedException}</td></tr>
 *   <tr><td>404</td><td>{@link NotFoundException}</td></tr>
 *   <tr><td>409</td><td>{@link ConflictException}</td></tr>
 *   <tr><td>422</td><td>{@link UnprocessableEntityException}</td></tr>
 *   <tr><td>429</td><td>{@link RateLimitException}</td></tr>
 *   <tr><td>500-599</td><td>{@link ServerException}</td></tr>
 *   <tr><td>any other</td><td>{@code ApiException} itself</td></tr>
 * </table>
 *
 * <p>Everything the response said is in {@link #error()}. The message reads well in a log: status, error
 * code, the server's message, the operation and the request id; never the API key or a 422's echoed input.
 */
public class ApiException extends ConvaiException {
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    /**
     * Creates the exception.
     *
     * @param error the parsed error response
     */
    public ApiException(ApiError error) {
        super(error.describe());
        this.error = error;
    }

    /**
     * Creates the exception that fits the status of {@code error}: {@link NotFoundException} for a 404,
     * and so on (see the table above).
     *
     * @param error the parsed error response
     * @return the exception, not thrown
     */
    public static ApiException of(ApiError error) {
        int status = error.statusCode();
        switch (status) {
            case 400:
                return new BadRequestException(error);
            case 401:
                return new AuthenticationException(error);
            case 403:
                return new PermissionDeniedException(error);
            case 404:
                return new NotFoundException(error);
            case 409:
                return new ConflictException(error);
            case 422:
                return new UnprocessableEntityException(error);
            case 429:
                return new RateLimitException(error);
            default:
                return status >= 500 && status <= 599 ? new ServerException(error) : new ApiException(error);
        }
    }

    /**
     * Returns the parsed error response.
     *
     * @return the error
     */
    public ApiError error() {
        return error;
    }

    /**
     * Returns the HTTP status code.
     *
     * @return the status
     */
    public int statusCode() {
        return error.statusCode();
    }

    /**
     * Returns the response headers.
     *
     * @return the headers
     */
    public Headers headers() {
        return error.headers();
    }

    /**
     * Returns the response body as text, bounded (see {@link ApiError#body()}).
     *
     * @return the body; empty if there was none
     */
    public String body() {
        return error.body();
    }

    /**
     * Returns the body's {@code detail}: an object, a string or an array.
     *
     * @return the detail, or {@code null}
     */
    public JsonValue detail() {
        return error.detail();
    }

    /**
     * Returns the error code ({@code detail.status}), e.g. {@code "invalid_api_key"}.
     *
     * @return the code, or {@code null}
     */
    public String code() {
        return error.code();
    }

    /**
     * Returns the server's message.
     *
     * @return the message, or {@code null}
     */
    public String serverMessage() {
        return error.message();
    }

    /**
     * Returns the request id ({@code request-id} or {@code x-trace-id} header).
     *
     * @return the id, or {@code null}
     */
    public String requestId() {
        return error.requestId();
    }

    /**
     * Returns how long the server asked to wait before trying again ({@code Retry-After} or
     * {@code retry-after-ms}).
     *
     * @return the wait, or {@code null} if the response did not say
     */
    public Duration retryAfter() {
        return error.retryAfter();
    }
}
