package io.github.convai4j.errors;

/**
 * HTTP 404 Not Found: the resource (agent, conversation, document, ...) does not exist, or not in this
 * workspace or region.
 */
public class NotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the parsed error response
     */
    public NotFoundException(ApiError error) {
        super(error);
    }
}
