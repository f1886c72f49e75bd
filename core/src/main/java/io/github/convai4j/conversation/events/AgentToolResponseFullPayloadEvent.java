package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code agent_tool_response_full_payload}: A tool the agent called has finished, with the tool's whole result.
 *
 * <pre>{@code {"type":"agent_tool_response_full_payload","agent_tool_response_full_payload":{...,"full_tool_result":"...","truncated":false,"is_blocked":false}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentToolResponseFullPayloadEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_tool_response_full_payload";

    private final Payload payload;

    AgentToolResponseFullPayloadEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "agent_tool_response_full_payload");
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
     * Returns the call's id ({@code tool_call_id}).
     *
     * @return the call's id
     * @throws IllegalStateException if the server left it out
     */
    public String toolCallId() {
        return payload.requiredString("tool_call_id");
    }

    /**
     * Returns the kind of tool ({@code tool_type}).
     *
     * @return the kind of tool
     * @throws IllegalStateException if the server left it out
     */
    public String toolType() {
        return payload.requiredString("tool_type");
    }

    /**
     * Returns whether the tool failed ({@code is_error}).
     *
     * @return whether the tool failed
     * @throws IllegalStateException if the server left it out
     */
    public boolean isError() {
        return payload.requiredBoolean("is_error");
    }

    /**
     * Returns whether the call was blocked ({@code is_blocked}).
     *
     * @return whether the call was blocked; {@code false} if not sent
     */
    public boolean isBlocked() {
        return payload.booleanOr("is_blocked", false);
    }

    /**
     * Returns whether the tool was called and started running ({@code is_called}).
     *
     * @return whether the tool was called and started running
     * @throws IllegalStateException if the server left it out
     */
    public boolean isCalled() {
        return payload.requiredBoolean("is_called");
    }

    /**
     * Returns the event id ({@code event_id}).
     *
     * @return the event id
     * @throws IllegalStateException if the server left it out
     */
    public long eventId() {
        return payload.requiredLong("event_id");
    }

    /**
     * Returns the tool's result, verbatim ({@code full_tool_result}).
     *
     * @return the tool's result, verbatim
     * @throws IllegalStateException if the server left it out
     */
    public String fullToolResult() {
        return payload.requiredString("full_tool_result");
    }

    /**
     * Returns whether the result was cut to fit a size cap ({@code truncated}).
     *
     * @return whether the result was cut to fit a size cap; {@code false} if not sent
     */
    public boolean isTruncated() {
        return payload.booleanOr("truncated", false);
    }
}
