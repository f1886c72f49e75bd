package io.github.convai4j.webhooks;

import io.github.convai4j.errors.ConvaiException;

/**
 * The base of the exceptions of the webhook support: a request that did not pass verification
 * ({@link WebhookVerificationException}), a body that is not an event ({@link WebhookPayloadException}), or a
 * verifier configured without a secret ({@link MissingWebhookSecretException}).
 *
 * <p>Messages never hold a webhook secret, an expected signature or a received one.
 */
public class WebhookException extends ConvaiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong; must not hold a secret or a signature
     */
    public WebhookException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong; must not hold a secret or a signature
     * @param cause the underlying failure, or {@code null}
     */
    public WebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
