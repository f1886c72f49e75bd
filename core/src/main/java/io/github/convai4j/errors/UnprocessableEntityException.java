package io.github.convai4j.errors;

import java.util.List;

/**
 * HTTP 422 Unprocessable Entity: the request failed validation. {@link #validationErrors()} lists each
 * problem ({@code loc}, {@code msg}, {@code type}); the message shows the first few.
 *
 * <p>The server echoes each rejected value as {@link ValidationError#input()}. It can hold a secret, so it
 * is never part of the message or of {@code toString()}.
 */
public class UnprocessableEntityException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param error the parsed error response
     */
    public UnprocessableEntityException(ApiError error) {
        super(error);
    }

    /**
     * Returns the entries of the body's {@code detail[]}.
     *
     * @return the validation errors; empty if the body had none
     */
    public List<ValidationError> validationErrors() {
        return error().validationErrors();
    }
}
