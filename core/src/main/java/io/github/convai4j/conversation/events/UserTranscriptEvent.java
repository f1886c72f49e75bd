package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.UserTranscriptPayload;
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

    private final UserTranscriptPayload message;

    UserTranscriptEvent(JsonValue raw, UserTranscriptPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link UserTranscriptPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public UserTranscriptPayload payload() {
        return message;
    }

    /**
     * Returns what the user said ({@code user_transcript}).
     *
     * @return what the user said
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String text() {
        return message.userTranscriptionEvent().userTranscript();
    }

    /**
     * Returns the id of the user's turn ({@code event_id}).
     *
     * @return the id of the user's turn
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.userTranscriptionEvent().eventId();
    }
}
