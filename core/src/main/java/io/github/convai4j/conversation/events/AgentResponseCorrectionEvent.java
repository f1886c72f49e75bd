package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code agent_response_correction}: Corrects an earlier {@link AgentResponseEvent} after an interruption: the text the user actually heard.
 *
 * <pre>{@code {"type":"agent_response_correction","agent_response_correction_event":{"original_agent_response":"...","corrected_agent_response":"...","event_id":7}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentResponseCorrectionEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_response_correction";

    private final Payload payload;

    AgentResponseCorrectionEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "agent_response_correction_event");
    }

    /**
     * Returns the text the agent first sent ({@code original_agent_response}).
     *
     * @return the text the agent first sent
     * @throws IllegalStateException if the server left it out
     */
    public String originalText() {
        return payload.requiredString("original_agent_response");
    }

    /**
     * Returns the text as it was actually spoken ({@code corrected_agent_response}).
     *
     * @return the text as it was actually spoken
     * @throws IllegalStateException if the server left it out
     */
    public String correctedText() {
        return payload.requiredString("corrected_agent_response");
    }

    /**
     * Returns the id of the corrected turn ({@code event_id}).
     *
     * @return the id of the corrected turn
     * @throws IllegalStateException if the server left it out
     */
    public long eventId() {
        return payload.requiredLong("event_id");
    }
}
