package io.github.convai4j.errors;

/**
 * An HTTP 5xx status: the server failed. Retried by default; thrown once the retries are used up.
 * {@link #statusCode()} tells which status (500, 502, 503, 504, ...).
 */
public class ServerException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the parsed error response
     */
    public ServerException(ApiError error) {
        super(error);
    }
}
