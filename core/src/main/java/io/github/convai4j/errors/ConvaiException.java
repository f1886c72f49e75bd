package io.github.convai4j.errors;

/**
 * The base of every exception convai4j throws. Unchecked: catch it (or one of its subtypes) where you
 * can act on a failure.
 *
 * <p>The subtypes say what went wrong:
 * <ul>
 *   <li>{@link ApiException}: the API answered with an error status (a subclass per status family);</li>
 *   <li>{@link ConvaiIOException}: the exchange failed on the network, with {@link ConnectionFailedException}
 *       (no connection could be made) and {@link ConvaiTimeoutException} (a timeout or the deadline ran out);</li>
 *   <li>{@link DecodingException}: a successful response could not be read as the expected type.</li>
 * </ul>
 *
 * <p>Messages are written for logs: they never hold the API key, a signed-URL token or a secret value.
 */
public class ConvaiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong; must not hold a secret
     */
    public ConvaiException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong; must not hold a secret
     * @param cause the underlying failure, or {@code null}
     */
    public ConvaiException(String message, Throwable cause) {
        super(message, cause);
    }
}
