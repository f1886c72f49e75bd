package io.github.convai4j.conversation;

import io.github.convai4j.errors.ConvaiException;

/**
 * A live conversation could not be opened or used. Subtypes: {@link ConversationClosedException} (the
 * conversation has ended) and {@link ConversationRefusedException} (the server refused the WebSocket).
 * Network failures while opening are the client's usual
 * {@link io.github.convai4j.errors.ConnectionFailedException}, {@link io.github.convai4j.errors.ConvaiTimeoutException}
 * and {@link io.github.convai4j.errors.ConvaiIOException}.
 *
 * <p>Messages never hold the API key or a signed URL's token.
 */
public class ConversationException extends ConvaiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong; must not hold a secret
     * @param cause the underlying failure, or {@code null}
     */
    public ConversationException(String message, Throwable cause) {
        super(message, cause);
    }
}
