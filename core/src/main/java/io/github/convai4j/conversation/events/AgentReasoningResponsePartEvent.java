package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code agent_reasoning_response_part}: A streamed piece of the agent's reasoning (experimental): {@code start}, {@code delta}s, {@code stop}.
 *
 * <pre>{@code {"type":"agent_reasoning_response_part","reasoning_response_part":{"text":"..","type":"delta","event_id":"7"}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentReasoningResponsePartEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_reasoning_response_part";

    private final Payload payload;

    AgentReasoningResponsePartEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "reasoning_response_part");
    }

    /**
     * Returns the piece of reasoning (empty for start and stop) ({@code text}).
     *
     * @return the piece of reasoning (empty for start and stop)
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
     * Returns the event id, which the protocol sends as a string here ({@code event_id}).
     *
     * @return the event id, which the protocol sends as a string here
     * @throws IllegalStateException if the server left it out
     */
    public String eventId() {
        return payload.requiredString("event_id");
    }
}
