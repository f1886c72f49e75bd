package io.github.convai4j.webhooks;

/**
 * A webhook request did not pass {@link WebhookVerifier verification}: it cannot be shown to come from the
 * Agents Platform, so nothing in it may be trusted. Answer it with 401 and do not act on it.
 *
 * <p>Each reason has its own subclass: {@link MissingSignatureException}, {@link MalformedSignatureException},
 * {@link TimestampOutsideToleranceException} and {@link SignatureMismatchException}.
 */
public class WebhookVerificationException extends WebhookException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to check; must not hold a secret or a signature
     */
    public WebhookVerificationException(String message) {
        super(message);
    }
}
