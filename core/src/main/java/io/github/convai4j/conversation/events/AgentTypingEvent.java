package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

import java.util.Optional;

/**
 * {@code agent_typing}: Whether an external (human) agent is typing.
 *
 * <pre>{@code {"type":"agent_typing","agent_typing_event":{"is_typing":true,"duration_ms":null}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentTypingEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_typing";

    private final Payload payload;

    AgentTypingEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "agent_typing_event");
    }

    /**
     * Returns whether the agent is typing ({@code is_typing}).
     *
     * @return whether the agent is typing
     * @throws IllegalStateException if the server left it out
     */
    public boolean isTyping() {
        return payload.requiredBoolean("is_typing");
    }

    /**
     * Returns after how many milliseconds to clear the typing state by itself ({@code duration_ms}).
     *
     * @return after how many milliseconds to clear the typing state by itself
     */
    public Optional<Long> durationMs() {
        return payload.optionalLong("duration_ms");
    }
}
