package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.AgentResponsePayload;
import io.github.convai4j.json.JsonValue;

/**
 * {@code agent_response}: The agent's complete text for one turn (also sent in voice mode, alongside the audio).
 *
 * <pre>{@code {"type":"agent_response","agent_response_event":{"agent_response":"...","event_id":7}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentResponseEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_response";

    private final AgentResponsePayload message;

    AgentResponseEvent(JsonValue raw, AgentResponsePayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link AgentResponsePayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public AgentResponsePayload payload() {
        return message;
    }

    /**
     * Returns the agent's text ({@code agent_response}).
     *
     * @return the agent's text
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String text() {
        return message.agentResponseEvent().agentResponse();
    }

    /**
     * Returns the id of the agent's turn ({@code event_id}).
     *
     * @return the id of the agent's turn
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.agentResponseEvent().eventId();
    }
}
