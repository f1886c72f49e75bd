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
 * <p><b>The result:</b> the session sends exactly one {@code client_tool_result} for every call. What the
 * handler returns is sent as the result string: a {@link String} as it is, {@code null} as an empty string,
 * a {@link io.github.convai4j.json.JsonValue}, {@link java.util.Map}, {@link java.util.List}, {@link Number}
 * or {@link Boolean} as compact JSON, anything else as its {@code toString()}. If the handler throws, or does
 * not finish within the tool timeout ({@link LiveConversation#toolTimeout}), the result is
 * {@code is_error: true} with a short message; a timed-out handler is interrupted.
 */
@FunctionalInterface
public interface ClientToolHandler {

    /**
     * Runs the tool.
     *
     * @param call the call, with the tool's {@linkplain ClientToolCallEvent#parameters() parameters}
     * @return the result (see above)
     * @throws Exception if the tool fails; its message is sent to the agent as the error result
     */
    Object call(ClientToolCallEvent call) throws Exception;
}
