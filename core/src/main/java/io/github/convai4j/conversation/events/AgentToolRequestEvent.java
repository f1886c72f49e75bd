package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.AgentToolRequestPayload;
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

    private final AgentToolRequestPayload message;

    AgentToolRequestEvent(JsonValue raw, AgentToolRequestPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link AgentToolRequestPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public AgentToolRequestPayload payload() {
        return message;
    }

    /**
     * Returns the tool's name ({@code tool_name}).
     *
     * @return the tool's name
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolName() {
        return message.agentToolRequest().toolName();
    }

    /**
     * Returns the call's id ({@code tool_call_id}).
     *
     * @return the call's id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolCallId() {
        return message.agentToolRequest().toolCallId();
    }

    /**
     * Returns the kind of tool, e.g. {@code "client"}, {@code "webhook"} or {@code "mcp"} ({@code tool_type}).
     *
     * @return the kind of tool, e.g. {@code "client"}, {@code "webhook"} or {@code "mcp"}
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolType() {
        return message.agentToolRequest().toolType();
    }

    /**
     * Returns the event id ({@code event_id}).
     *
     * @return the event id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.agentToolRequest().eventId();
    }
}
