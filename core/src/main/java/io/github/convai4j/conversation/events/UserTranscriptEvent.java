package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code user_transcript}: The final transcription of what the user said.
 *
 * <pre>{@code {"type":"user_transcript","user_transcription_event":{"user_transcript":"...","event_id":6}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class UserTranscriptEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "user_transcript";

    private final Payload payload;

    UserTranscriptEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "user_transcription_event");
    }

    /**
     * Returns what the user said ({@code user_transcript}).
     *
     * @return what the user said
     * @throws IllegalStateException if the server left it out
     */
    public String text() {
        return payload.requiredString("user_transcript");
    }

    /**
     * Returns the id of the user's turn ({@code event_id}).
     *
     * @return the id of the user's turn
     * @throws IllegalStateException if the server left it out
     */
    public long eventId() {
        return payload.requiredLong("event_id");
    }
}
