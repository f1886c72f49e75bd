package io.github.convai4j.conversation.events;

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

    private final Payload payload;

    AgentResponseEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "agent_response_event");
    }

    /**
     * Returns the agent's text ({@code agent_response}).
     *
     * @return the agent's text
     * @throws IllegalStateException if the server left it out
     */
    public String text() {
        return payload.requiredString("agent_response");
    }

    /**
     * Returns the id of the agent's turn ({@code event_id}).
     *
     * @return the id of the agent's turn
     * @throws IllegalStateException if the server left it out
     */
    public long eventId() {
        return payload.requiredLong("event_id");
    }
}
