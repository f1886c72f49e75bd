package io.github.convai4j.errors;

/**
 * HTTP 409 Conflict: the request conflicts with the resource's current state. Retried by default, since
 * the conflict is often transient (a concurrent update).
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
