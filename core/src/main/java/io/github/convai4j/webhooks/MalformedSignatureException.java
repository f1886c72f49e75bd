package io.github.convai4j.webhooks;

/**
 * The {@code ElevenLabs-Signature} header is not of the form {@code t=<unix seconds>,v0=<64 hex digits>}: no
 * {@code t}, more than one {@code t}, a {@code t} that is not a number, no {@code v0}, or a {@code v0} that is
 * empty or not 64 hexadecimal digits. The message names the part; it never repeats a signature.
 */
public class MalformedSignatureException extends WebhookVerificationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which part of the header is wrong; must not hold a signature
     */
    public MalformedSignatureException(String message) {
        super(message);
    }
}
