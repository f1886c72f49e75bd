package io.github.convai4j.errors;

/**
 * HTTP 403 Forbidden: the key is valid but may not do this (missing permission, workspace or plan limit).
 */
public class PermissionDeniedException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the parsed error response
     */
    public PermissionDeniedException(ApiError error) {
        super(error);
    }
}
