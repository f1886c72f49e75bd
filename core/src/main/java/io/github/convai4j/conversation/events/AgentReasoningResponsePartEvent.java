package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.AgentReasoningResponsePartPayload;
import io.github.convai4j.json.JsonValue;

/**
 * {@code agent_reasoning_response_part}: A streamed piece of the agent's reasoning (experimental): {@code start}, {@code delta}s, {@code stop}.
 *
 * <pre>{@code {"type":"agent_reasoning_response_part","reasoning_response_part":{"text":"..","type":"delta","event_id":"7"}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentReasoningResponsePartEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_reasoning_response_part";

    private final AgentReasoningResponsePartPayload message;

    AgentReasoningResponsePartEvent(JsonValue raw, AgentReasoningResponsePartPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link AgentReasoningResponsePartPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public AgentReasoningResponsePartPayload payload() {
        return message;
    }

    /**
     * Returns the piece of reasoning (empty for start and stop) ({@code text}).
     *
     * @return the piece of reasoning (empty for start and stop)
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String text() {
        return message.reasoningResponsePart().text();
    }

    /**
     * Returns {@code "start"}, {@code "delta"} or {@code "stop"} ({@code type}).
     *
     * @return {@code "start"}, {@code "delta"} or {@code "stop"}
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String partType() {
        return message.reasoningResponsePart().type().value();
    }

    /**
     * Returns the event id, which the protocol sends as a string here ({@code event_id}).
     *
     * @return the event id, which the protocol sends as a string here
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String eventId() {
        return message.reasoningResponsePart().eventId();
    }
}
