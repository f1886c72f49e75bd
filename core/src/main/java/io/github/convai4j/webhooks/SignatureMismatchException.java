package io.github.convai4j.webhooks;

/**
 * No {@code v0} signature of the request matches the HMAC-SHA256 of {@code "<t>.<body>"} under any of the
 * configured secrets: the body or the timestamp was changed on the way, the body was read in a way that
 * changed its bytes (a framework that parsed and re-encoded the JSON, or decoded and re-encoded the text),
 * or the verifier has the wrong secret (each webhook has its own; after a rotation, configure both the old and
 * the new secret until the old one is gone).
 */
public class SignatureMismatchException extends WebhookVerificationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what did not match and what to check; must not hold a secret or a signature
     */
    public SignatureMismatchException(String message) {
        super(message);
    }
}
