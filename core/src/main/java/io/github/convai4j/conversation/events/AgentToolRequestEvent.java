package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code agent_tool_request}: The agent has requested a tool (client, webhook or MCP).
 *
 * <pre>{@code {"type":"agent_tool_request","agent_tool_request":{"tool_name":"..","tool_call_id":"..","tool_type":"webhook","event_id":8}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentToolRequestEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_tool_request";

    private final Payload payload;

    AgentToolRequestEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "agent_tool_request");
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
     * Returns the kind of tool, e.g. {@code "client"}, {@code "webhook"} or {@code "mcp"} ({@code tool_type}).
     *
     * @return the kind of tool, e.g. {@code "client"}, {@code "webhook"} or {@code "mcp"}
     * @throws IllegalStateException if the server left it out
     */
    public String toolType() {
        return payload.requiredString("tool_type");
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
