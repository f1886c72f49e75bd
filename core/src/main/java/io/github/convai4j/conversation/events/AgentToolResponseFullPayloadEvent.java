package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.AgentToolResponseFullPayloadPayload;
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

    private final AgentToolResponseFullPayloadPayload message;

    AgentToolResponseFullPayloadEvent(JsonValue raw, AgentToolResponseFullPayloadPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link AgentToolResponseFullPayloadPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public AgentToolResponseFullPayloadPayload payload() {
        return message;
    }

    /**
     * Returns the tool's name ({@code tool_name}).
     *
     * @return the tool's name
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolName() {
        return message.agentToolResponseFullPayload().toolName();
    }

    /**
     * Returns the call's id ({@code tool_call_id}).
     *
     * @return the call's id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolCallId() {
        return message.agentToolResponseFullPayload().toolCallId();
    }

    /**
     * Returns the kind of tool ({@code tool_type}).
     *
     * @return the kind of tool
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolType() {
        return message.agentToolResponseFullPayload().toolType();
    }

    /**
     * Returns whether the tool failed ({@code is_error}).
     *
     * @return whether the tool failed
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public boolean isError() {
        return message.agentToolResponseFullPayload().isError();
    }

    /**
     * Returns whether the call was blocked ({@code is_blocked}).
     *
     * @return whether the call was blocked; {@code false} if not sent
     */
    public boolean isBlocked() {
        return message.agentToolResponseFullPayload().isBlocked().orElse(false);
    }

    /**
     * Returns whether the tool was called and started running ({@code is_called}).
     *
     * @return whether the tool was called and started running
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public boolean isCalled() {
        return message.agentToolResponseFullPayload().isCalled();
    }

    /**
     * Returns the event id ({@code event_id}).
     *
     * @return the event id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.agentToolResponseFullPayload().eventId();
    }

    /**
     * Returns the tool's result, verbatim ({@code full_tool_result}).
     *
     * @return the tool's result, verbatim
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String fullToolResult() {
        return message.agentToolResponseFullPayload().fullToolResult();
    }

    /**
     * Returns whether the result was cut to fit a size cap ({@code truncated}).
     *
     * @return whether the result was cut to fit a size cap; {@code false} if not sent
     */
    public boolean isTruncated() {
        return message.agentToolResponseFullPayload().truncated().orElse(false);
    }
}
