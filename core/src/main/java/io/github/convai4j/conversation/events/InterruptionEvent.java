package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code interruption}: The user interrupted the agent: stop playing and discard the agent's buffered audio. A live session
 * drops every later {@link AudioEvent} whose event id is at or below {@link #eventId()}.
 *
 * <pre>{@code {"type":"interruption","interruption_event":{"event_id":7}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class InterruptionEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "interruption";

    private final Payload payload;

    InterruptionEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "interruption_event");
    }

    /**
     * Returns the id of the interrupted agent turn ({@code event_id}).
     *
     * @return the id of the interrupted agent turn
     * @throws IllegalStateException if the server left it out
     */
    public long eventId() {
        return payload.requiredLong("event_id");
    }
}
