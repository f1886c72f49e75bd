package io.github.convai4j.conversation;

/**
 * The conversation has ended, so the call cannot be served: a send on a closed session, a wait for a reply
 * or an event that can no longer come, or an open that ended before the agent's first message.
 * {@link #end()} says why it ended.
 */
public class ConversationClosedException extends ConversationException {
    private static final long serialVersionUID = 1L;

    private final transient ConversationEnd end;

    /**
     * Creates the exception.
     *
     * @param message what could not be done
     * @param end how the conversation ended
     */
    public ConversationClosedException(String message, ConversationEnd end) {
        super(message + ": " + end, end.cause().orElse(null));
        this.end = end;
    }

    /**
     * Returns how the conversation ended.
     *
     * @return the end
     */
    public ConversationEnd end() {
        return end;
    }
}
