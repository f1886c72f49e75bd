package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code agent_tool_response}: A tool the agent called has finished.
 *
 * <pre>{@code {"type":"agent_tool_response","agent_tool_response":{"tool_name":"..","tool_call_id":"..","tool_type":"..","is_error":false,"is_called":true,"event_id":8}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentToolResponseEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_tool_response";

    private final Payload payload;

    AgentToolResponseEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "agent_tool_response");
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
     * Returns the kind of tool, e.g. {@code "client"}, {@code "system"} or {@code "mcp"} ({@code tool_type}).
     *
     * @return the kind of tool, e.g. {@code "client"}, {@code "system"} or {@code "mcp"}
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
}
