package io.github.convai4j.webhooks;

/**
 * The request has no {@code ElevenLabs-Signature} header, or an empty one. Either it does not come from the
 * Agents Platform, or the webhook has no HMAC authentication: create it with HMAC authentication and use the
 * secret shown then.
 */
public class MissingSignatureException extends WebhookVerificationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is missing and what to check
     */
    public MissingSignatureException(String message) {
        super(message);
    }
}
