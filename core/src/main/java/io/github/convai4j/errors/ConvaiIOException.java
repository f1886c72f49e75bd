package io.github.convai4j.errors;

/**
 * The exchange with the API failed on the network: the connection was reset or closed early, TLS
 * failed, or (subtypes) no connection could be made or a timeout ran out. The request may or may not
 * have reached the server, except for {@link ConnectionFailedException}, where it did not.
 *
 * <p>The {@linkplain #getCause() cause} is the transport's {@link java.io.IOException}.
 */
public class ConvaiIOException extends ConvaiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed; must not hold a secret
     * @param cause the transport's failure, or {@code null}
     */
    public ConvaiIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
