package io.github.convai4j.conversation.events;

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

    GuardrailTriggeredEvent(JsonValue raw) {
        super(TYPE, raw);
    }
}
