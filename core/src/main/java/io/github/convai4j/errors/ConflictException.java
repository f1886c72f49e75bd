package io.github.convai4j.errors;

/**
 * HTTP 409 Conflict: the request conflicts with the resource's current state (a name or override that
 * exists already). Never retried, as the official SDKs do not: the same request would meet the same state,
 * and a refused {@code POST} must not be sent again. Change the request, or read the resource and retry
 * yourself if the conflict was a concurrent update.
 */
public class ConflictException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the parsed error response
     */
    public ConflictException(ApiError error) {
        super(error);
    }
}
