package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code context_usage}: How much of the LLM's context window the conversation uses, reported after each agent turn.
 *
 * <pre>{@code {"type":"context_usage","context_usage_event":{"event_id":9,"model":"..","context_tokens":1200,"context_limit_tokens":128000}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ContextUsageEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "context_usage";

    private final Payload payload;

    ContextUsageEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "context_usage_event");
    }

    /**
     * Returns the event id ({@code event_id}).
     *
     * @return the event id
     * @throws IllegalStateException if the server left it out
     */
    public long eventId() {
        return payload.requiredLong("event_id");
    }

    /**
     * Returns the LLM whose context window is reported ({@code model}).
     *
     * @return the LLM whose context window is reported
     * @throws IllegalStateException if the server left it out
     */
    public String model() {
        return payload.requiredString("model");
    }

    /**
     * Returns the prompt size of the turn's last generation, in tokens ({@code context_tokens}).
     *
     * @return the prompt size of the turn's last generation, in tokens
     * @throws IllegalStateException if the server left it out
     */
    public long contextTokens() {
        return payload.requiredLong("context_tokens");
    }

    /**
     * Returns the model's context window, in tokens ({@code context_limit_tokens}).
     *
     * @return the model's context window, in tokens
     * @throws IllegalStateException if the server left it out
     */
    public long contextLimitTokens() {
        return payload.requiredLong("context_limit_tokens");
    }
}
