package io.github.convai4j.conversation;

/**
 * Thrown by a {@link ClientToolHandler} to fail a tool call with a message meant for the agent: the
 * {@code client_tool_result} then reads {@code "Client tool execution failed: <message>"}, which the agent's
 * LLM sees. Any other exception a handler throws is answered with only
 * {@value ClientToolHandler#FAILED_RESULT}: its message and stack trace stay in your logs, since they may hold
 * internal detail.
 */
public class ClientToolException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param messageForTheAgent what the agent should be told, e.g. {@code "no order with that number"}
     */
    public ClientToolException(String messageForTheAgent) {
        super(messageForTheAgent);
    }

    /**
     * Creates the exception with its cause, which is logged but not sent.
     *
     * @param messageForTheAgent what the agent should be told
     * @param cause the cause
     */
    public ClientToolException(String messageForTheAgent, Throwable cause) {
        super(messageForTheAgent, cause);
    }
}
