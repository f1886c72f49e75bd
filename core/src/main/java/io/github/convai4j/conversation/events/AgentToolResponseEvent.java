package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.AgentToolResponsePayload;
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

    private final AgentToolResponsePayload message;

    AgentToolResponseEvent(JsonValue raw, AgentToolResponsePayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link AgentToolResponsePayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public AgentToolResponsePayload payload() {
        return message;
    }

    /**
     * Returns the tool's name ({@code tool_name}).
     *
     * @return the tool's name
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolName() {
        return message.agentToolResponse().toolName();
    }

    /**
     * Returns the call's id ({@code tool_call_id}).
     *
     * @return the call's id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolCallId() {
        return message.agentToolResponse().toolCallId();
    }

    /**
     * Returns the kind of tool, e.g. {@code "client"}, {@code "system"} or {@code "mcp"} ({@code tool_type}).
     *
     * @return the kind of tool, e.g. {@code "client"}, {@code "system"} or {@code "mcp"}
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolType() {
        return message.agentToolResponse().toolType();
    }

    /**
     * Returns whether the tool failed ({@code is_error}).
     *
     * @return whether the tool failed
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public boolean isError() {
        return message.agentToolResponse().isError();
    }

    /**
     * Returns whether the tool was called and started running ({@code is_called}).
     *
     * @return whether the tool was called and started running
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public boolean isCalled() {
        return message.agentToolResponse().isCalled();
    }

    /**
     * Returns the event id ({@code event_id}).
     *
     * @return the event id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.agentToolResponse().eventId();
    }
}
