package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.VADScorePayload;
import io.github.convai4j.json.JsonValue;

/**
 * {@code vad_score}: Voice activity detection: how likely it is that the user is speaking.
 *
 * <pre>{@code {"type":"vad_score","vad_score_event":{"vad_score":0.95}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class VadScoreEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "vad_score";

    private final VADScorePayload message;

    VadScoreEvent(JsonValue raw, VADScorePayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link VADScorePayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public VADScorePayload payload() {
        return message;
    }

    /**
     * Returns the score, from 0 to 1 ({@code vad_score}).
     *
     * @return the score, from 0 to 1
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public double score() {
        return message.vadScoreEvent().vadScore();
    }
}
