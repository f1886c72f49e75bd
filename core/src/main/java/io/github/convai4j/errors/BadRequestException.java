package io.github.convai4j.errors;

/**
 * HTTP 400 Bad Request: the request is malformed or not allowed in its current form; {@link #serverMessage()} says why.
 */
public class BadRequestException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the parsed error response
     */
    public BadRequestException(ApiError error) {
        super(error);
    }
}
