package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.MCPToolCallPayload;
import io.github.convai4j.json.JsonValue;

import java.util.List;
import java.util.Optional;
import io.github.convai4j.conversation.messages.MCPToolCall;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.ArrayList;
import java.util.Collections;

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

    private final MCPToolCallPayload message;

    McpToolCallEvent(JsonValue raw, MCPToolCallPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link MCPToolCallPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public MCPToolCallPayload payload() {
        return message;
    }

    /**
     * Returns the MCP service's id ({@code service_id}).
     *
     * @return the MCP service's id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String serviceId() {
        return message.mcpToolCall().serviceId();
    }

    /**
     * Returns the call's id ({@code tool_call_id}).
     *
     * @return the call's id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolCallId() {
        return message.mcpToolCall().toolCallId();
    }

    /**
     * Returns the tool's name ({@code tool_name}).
     *
     * @return the tool's name
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolName() {
        return message.mcpToolCall().toolName();
    }

    /**
     * Returns the tool's description ({@code tool_description}).
     *
     * @return the tool's description
     */
    public Optional<String> toolDescription() {
        return message.mcpToolCall().toolDescription().toOptional();
    }

    /**
     * Returns the parameters passed to the tool ({@code parameters}).
     *
     * @return the parameters passed to the tool; an empty object if none were sent
     */
    public JsonValue parameters() {
        MCPToolCall call = message.mcpToolCall();
        try {
            return JsonValue.object(call.parameters());
        } catch (NoSuchElementException notAnObject) {
            return keptOrEmpty(call.additionalProperties(), "parameters");
        }
    }

    /**
     * Returns when the call was made, ISO 8601 ({@code timestamp}).
     *
     * @return when the call was made, ISO 8601
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String timestamp() {
        return message.mcpToolCall().timestamp();
    }

    /**
     * Returns {@code "loading"}, {@code "awaiting_approval"}, {@code "success"} or {@code "failure"} ({@code state}).
     *
     * @return {@code "loading"}, {@code "awaiting_approval"}, {@code "success"} or {@code "failure"}
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String state() {
        return message.mcpToolCall().stateValue().value();
    }

    /**
     * Returns in the {@code awaiting_approval} state, how long approval may take, in seconds ({@code approval_timeout_secs}).
     *
     * @return in the {@code awaiting_approval} state, how long approval may take, in seconds
     */
    public Optional<Long> approvalTimeoutSecs() {
        return message.mcpToolCall().approvalTimeoutSecs().toOptional();
    }

    /**
     * Returns in the {@code success} state, the content blocks the tool returned ({@code result}).
     *
     * @return in the {@code success} state, the content blocks the tool returned; empty otherwise
     */
    public List<JsonValue> result() {
        List<Map<String, JsonValue>> blocks = message.mcpToolCall().result().orElse(null);
        if (blocks == null) {
            return Collections.emptyList();
        }
        List<JsonValue> out = new ArrayList<>(blocks.size());
        for (Map<String, JsonValue> block : blocks) {
            out.add(JsonValue.object(block));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Returns in the {@code failure} state, what went wrong ({@code error_message}).
     *
     * @return in the {@code failure} state, what went wrong
     */
    public Optional<String> errorMessage() {
        return message.mcpToolCall().errorMessage().toOptional();
    }
}
