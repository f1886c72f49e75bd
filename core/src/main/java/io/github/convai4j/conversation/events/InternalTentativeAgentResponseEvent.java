package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code internal_tentative_agent_response}: A tentative agent response (internal; not for public use).
 *
 * <pre>{@code {"type":"internal_tentative_agent_response","tentative_agent_response_internal_event":{"tentative_agent_response":"..."}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class InternalTentativeAgentResponseEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "internal_tentative_agent_response";

    private final Payload payload;

    InternalTentativeAgentResponseEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "tentative_agent_response_internal_event");
    }

    /**
     * Returns the tentative text ({@code tentative_agent_response}).
     *
     * @return the tentative text
     * @throws IllegalStateException if the server left it out
     */
    public String text() {
        return payload.requiredString("tentative_agent_response");
    }
}
