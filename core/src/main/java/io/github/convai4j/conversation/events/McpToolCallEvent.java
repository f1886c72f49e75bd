package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

import java.util.List;
import java.util.Optional;

/**
 * {@code mcp_tool_call}: The state of a Model Context Protocol tool call. In the {@code awaiting_approval} state the client answers
 * with {@code ConversationSession.sendMcpToolApprovalResult}.
 *
 * <pre>{@code {"type":"mcp_tool_call","mcp_tool_call":{"service_id":"..","tool_call_id":"..","tool_name":"..","parameters":{},"timestamp":"ISO","state":"awaiting_approval","approval_timeout_secs":300}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class McpToolCallEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "mcp_tool_call";

    private final Payload payload;

    McpToolCallEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "mcp_tool_call");
    }

    /**
     * Returns the MCP service's id ({@code service_id}).
     *
     * @return the MCP service's id
     * @throws IllegalStateException if the server left it out
     */
    public String serviceId() {
        return payload.requiredString("service_id");
    }

    /**
     * Returns the call's id ({@code tool_call_id}).
     *
     * @return the call's id
     * @throws IllegalStateException if the server left it out
     */
    public String toolCallId() {
        return payload.requiredString("tool_call_id");
    }

    /**
     * Returns the tool's name ({@code tool_name}).
     *
     * @return the tool's name
     * @throws IllegalStateException if the server left it out
     */
    public String toolName() {
        return payload.requiredString("tool_name");
    }

    /**
     * Returns the tool's description ({@code tool_description}).
     *
     * @return the tool's description
     */
    public Optional<String> toolDescription() {
        return payload.optionalString("tool_description");
    }

    /**
     * Returns the parameters passed to the tool ({@code parameters}).
     *
     * @return the parameters passed to the tool; an empty object if none were sent
     */
    public JsonValue parameters() {
        return payload.objectOrEmpty("parameters");
    }

    /**
     * Returns when the call was made, ISO 8601 ({@code timestamp}).
     *
     * @return when the call was made, ISO 8601
     * @throws IllegalStateException if the server left it out
     */
    public String timestamp() {
        return payload.requiredString("timestamp");
    }

    /**
     * Returns {@code "loading"}, {@code "awaiting_approval"}, {@code "success"} or {@code "failure"} ({@code state}).
     *
     * @return {@code "loading"}, {@code "awaiting_approval"}, {@code "success"} or {@code "failure"}
     * @throws IllegalStateException if the server left it out
     */
    public String state() {
        return payload.requiredString("state");
    }

    /**
     * Returns in the {@code awaiting_approval} state, how long approval may take, in seconds ({@code approval_timeout_secs}).
     *
     * @return in the {@code awaiting_approval} state, how long approval may take, in seconds
     */
    public Optional<Long> approvalTimeoutSecs() {
        return payload.optionalLong("approval_timeout_secs");
    }

    /**
     * Returns in the {@code success} state, the content blocks the tool returned ({@code result}).
     *
     * @return in the {@code success} state, the content blocks the tool returned; empty otherwise
     */
    public List<JsonValue> result() {
        return payload.list("result");
    }

    /**
     * Returns in the {@code failure} state, what went wrong ({@code error_message}).
     *
     * @return in the {@code failure} state, what went wrong
     */
    public Optional<String> errorMessage() {
        return payload.optionalString("error_message");
    }
}
