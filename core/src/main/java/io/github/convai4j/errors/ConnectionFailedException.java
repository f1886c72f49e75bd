package io.github.convai4j.errors;

/**
 * No connection to the API could be made (refused, host unknown, no route): nothing was sent, so the
 * request is always safe to retry. The client already retried it as its {@code RetryPolicy} allows.
 */
public class ConnectionFailedException extends ConvaiIOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed; must not hold a secret
     * @param cause the transport's failure, or {@code null}
     */
    public ConnectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
