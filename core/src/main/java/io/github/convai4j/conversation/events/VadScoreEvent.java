package io.github.convai4j.conversation.events;

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

    private final Payload payload;

    VadScoreEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "vad_score_event");
    }

    /**
     * Returns the score, from 0 to 1 ({@code vad_score}).
     *
     * @return the score, from 0 to 1
     * @throws IllegalStateException if the server left it out
     */
    public double score() {
        return payload.requiredDouble("vad_score");
    }
}
