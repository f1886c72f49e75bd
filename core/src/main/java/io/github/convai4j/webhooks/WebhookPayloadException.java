package io.github.convai4j.webhooks;

/**
 * A webhook body could not be read as an event: it is not well-formed JSON, not a JSON object, has no string
 * {@code type}, breaks one of the read limits of {@code io.github.convai4j.json.Json}, or its
 * {@code full_audio} is not base64. Answer it with 400. An event of a type this library does not know is not
 * an error: it is read as an {@link UnknownWebhookEvent}.
 */
public class WebhookPayloadException extends WebhookException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be read; must not hold a secret
     * @param cause the parser's failure, or {@code null}
     */
    public WebhookPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
