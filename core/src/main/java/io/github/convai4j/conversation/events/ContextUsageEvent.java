package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.ContextUsagePayload;
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

    private final ContextUsagePayload message;

    ContextUsageEvent(JsonValue raw, ContextUsagePayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link ContextUsagePayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public ContextUsagePayload payload() {
        return message;
    }

    /**
     * Returns the event id ({@code event_id}).
     *
     * @return the event id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.contextUsageEvent().eventId();
    }

    /**
     * Returns the LLM whose context window is reported ({@code model}).
     *
     * @return the LLM whose context window is reported
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String model() {
        return message.contextUsageEvent().model();
    }

    /**
     * Returns the prompt size of the turn's last generation, in tokens ({@code context_tokens}).
     *
     * @return the prompt size of the turn's last generation, in tokens
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long contextTokens() {
        return message.contextUsageEvent().contextTokens();
    }

    /**
     * Returns the model's context window, in tokens ({@code context_limit_tokens}).
     *
     * @return the model's context window, in tokens
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long contextLimitTokens() {
        return message.contextUsageEvent().contextLimitTokens();
    }
}
