package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code internal_turn_probability}: The probability that the user's turn has ended (internal; not for public use).
 *
 * <pre>{@code {"type":"internal_turn_probability","turn_probability_internal_event":{"turn_probability":0.8}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class InternalTurnProbabilityEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "internal_turn_probability";

    private final Payload payload;

    InternalTurnProbabilityEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "turn_probability_internal_event");
    }

    /**
     * Returns the probability, from 0 to 1 ({@code turn_probability}).
     *
     * @return the probability, from 0 to 1
     * @throws IllegalStateException if the server left it out
     */
    public double probability() {
        return payload.requiredDouble("turn_probability");
    }
}
