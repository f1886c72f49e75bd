package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code tentative_user_transcript}: A transcription of the user's speech while they are still speaking; it may still change.
 *
 * <pre>{@code {"type":"tentative_user_transcript","tentative_user_transcription_event":{"user_transcript":"...","event_id":6}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TentativeUserTranscriptEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "tentative_user_transcript";

    private final Payload payload;

    TentativeUserTranscriptEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "tentative_user_transcription_event");
    }

    /**
     * Returns the text so far ({@code user_transcript}).
     *
     * @return the text so far
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
