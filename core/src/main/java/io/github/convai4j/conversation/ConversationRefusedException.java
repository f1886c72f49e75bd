package io.github.convai4j.conversation;

/**
 * The server refused to open the conversation's WebSocket: it answered the opening handshake with an HTTP
 * error instead of switching protocols. A 401 or 403 usually means the agent is private (open it with
 * {@link LiveConversation#requiresAuth(boolean)}) or the signed URL has expired (they last 15 minutes);
 * a 404 an unknown agent.
 */
public class ConversationRefusedException extends ConversationException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the refusal. */
    private final int statusCode;
    /** The start of the refusal's body. */
    private final String body;

    /**
     * Creates the exception.
     *
     * @param message what was refused; must not hold a secret
     * @param statusCode the HTTP status
     * @param body the start of the response body, possibly empty
     * @param cause the transport's exception
     */
    public ConversationRefusedException(String message, int statusCode, String body, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.body = body == null ? "" : body;
    }

    /**
     * Returns the HTTP status the server refused with.
     *
     * @return the status
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns the start of the refusal's body, which may explain it.
     *
     * @return the body text, possibly empty
     */
    public String body() {
        return body;
    }
}
