package io.github.convai4j.webhooks;

/**
 * A {@link WebhookVerifier} was configured without a secret, or with a {@code null} or empty one (often an
 * environment variable that is not set). Pass the secret that was shown when the webhook was created, e.g.
 * from {@code ELEVENLABS_WEBHOOK_SECRET}. Thrown while the verifier is built, before any request is handled.
 */
public class MissingWebhookSecretException extends WebhookException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is missing and where to get it
     */
    public MissingWebhookSecretException(String message) {
        super(message);
    }
}
