package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code agent_chat_response_part}: A streamed piece of the agent's text (text-only mode): a {@code start}, then {@code delta}s, then a
 * {@code stop}. Sent only if enabled in the agent's {@code client_events}.
 *
 * <pre>{@code {"type":"agent_chat_response_part","text_response_part":{"text":"..","type":"delta","event_id":7}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentChatResponsePartEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_chat_response_part";

    private final Payload payload;

    AgentChatResponsePartEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "text_response_part");
    }

    /**
     * Returns the piece of text (empty for start and stop) ({@code text}).
     *
     * @return the piece of text (empty for start and stop)
     * @throws IllegalStateException if the server left it out
     */
    public String text() {
        return payload.requiredString("text");
    }

    /**
     * Returns {@code "start"}, {@code "delta"} or {@code "stop"} ({@code type}).
     *
     * @return {@code "start"}, {@code "delta"} or {@code "stop"}
     * @throws IllegalStateException if the server left it out
     */
    public String partType() {
        return payload.requiredString("type");
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
