package io.github.convai4j.errors;

/**
 * HTTP 401 Unauthorized: the API key is missing, wrong or revoked (code {@code invalid_api_key}), or it does not
 * belong to the configured provider or region. Check the key and the base URL; retrying will not help.
 */
public class AuthenticationException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the parsed error response
     */
    public AuthenticationException(ApiError error) {
        super(error);
    }
}
