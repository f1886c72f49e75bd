package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ClientToolCallEvent;

/**
 * Runs a client tool when the agent calls it. Register one per tool name with
 * {@link LiveConversation#clientTool(String, ClientToolHandler)}:
 * <pre>{@code
 * .clientTool("get_weather", call -> weatherService.forecast(call.parameters().get("city").asString()))
 * }</pre>
 *
 * <p><b>Threads:</b> a handler runs on the session's tool executor, never on the I/O thread nor the event
 * thread, so it may block (call a database, a web service). Calls can run concurrently: a handler used by
 * several sessions or called twice at once must be thread-safe.
 *
 * <p><b>The result:</b> the session sends exactly one {@code client_tool_result} for every call, and the
 * agent's LLM reads it. What the handler returns is sent as the result string: a {@link String} as it is,
 * {@code null} as {@value #DEFAULT_RESULT} (as the official JavaScript client does), a
 * {@link io.github.convai4j.json.JsonValue}, {@link java.util.Map}, {@link java.util.List}, {@link Number}
 * or {@link Boolean} as compact JSON, anything else as its {@code toString()}.
 *
 * <p><b>Failures</b> are {@code is_error: true} results that tell the agent no more than it needs: a
 * {@link ClientToolException} sends {@code "Client tool execution failed: <its message>"}; any other exception,
 * an interruption or a handler that does not finish within the tool timeout
 * ({@link LiveConversation#toolTimeout}; it is then interrupted) sends {@value #FAILED_RESULT}, and the detail
 * goes to the log only. A call for a tool this client does not have is answered
 * {@code "Client tool with name <name> is not defined on client"}, as the official client answers it, without
 * naming the tools it does have.
 */
@FunctionalInterface
public interface ClientToolHandler {

    /** The result sent for a handler that returned {@code null}: {@value}. */
    String DEFAULT_RESULT = "Client tool execution successful.";

    /** The result sent for a handler that failed other than with a {@link ClientToolException}: {@value}. */
    String FAILED_RESULT = "Client tool execution failed.";

    /**
     * Runs the tool.
     *
     * @param call the call, with the tool's {@linkplain ClientToolCallEvent#parameters() parameters}
     * @return the result (see above)
     * @throws ClientToolException to fail with a message for the agent
     * @throws Exception if the tool fails otherwise: the agent is told only {@value #FAILED_RESULT}
     */
    Object call(ClientToolCallEvent call) throws Exception;
}
