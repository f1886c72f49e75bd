package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.GuardrailTriggeredPayload;
import io.github.convai4j.json.JsonValue;

/**
 * {@code guardrail_triggered}: A guardrail was triggered. The message carries nothing but its type.
 *
 * <pre>{@code {"type":"guardrail_triggered"}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class GuardrailTriggeredEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "guardrail_triggered";

    private final GuardrailTriggeredPayload message;

    GuardrailTriggeredEvent(JsonValue raw, GuardrailTriggeredPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link GuardrailTriggeredPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public GuardrailTriggeredPayload payload() {
        return message;
    }
}
