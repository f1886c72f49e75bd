package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.InterruptionPayload;
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

    private final InterruptionPayload message;

    InterruptionEvent(JsonValue raw, InterruptionPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link InterruptionPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public InterruptionPayload payload() {
        return message;
    }

    /**
     * Returns the id of the interrupted agent turn ({@code event_id}).
     *
     * @return the id of the interrupted agent turn
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.interruptionEvent().eventId();
    }
}
