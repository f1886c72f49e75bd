package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.InternalTurnProbabilityPayload;
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

    private final InternalTurnProbabilityPayload message;

    InternalTurnProbabilityEvent(JsonValue raw, InternalTurnProbabilityPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link InternalTurnProbabilityPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public InternalTurnProbabilityPayload payload() {
        return message;
    }

    /**
     * Returns the probability, from 0 to 1 ({@code turn_probability}).
     *
     * @return the probability, from 0 to 1
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public double probability() {
        return message.turnProbabilityInternalEvent().turnProbability();
    }
}
