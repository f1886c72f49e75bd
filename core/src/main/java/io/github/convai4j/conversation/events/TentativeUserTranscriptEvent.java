package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.TentativeUserTranscriptPayload;
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

    private final TentativeUserTranscriptPayload message;

    TentativeUserTranscriptEvent(JsonValue raw, TentativeUserTranscriptPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link TentativeUserTranscriptPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public TentativeUserTranscriptPayload payload() {
        return message;
    }

    /**
     * Returns the text so far ({@code user_transcript}).
     *
     * @return the text so far
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String text() {
        return message.tentativeUserTranscriptionEvent().userTranscript();
    }

    /**
     * Returns the id of the user's turn ({@code event_id}).
     *
     * @return the id of the user's turn
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.tentativeUserTranscriptionEvent().eventId();
    }
}
