package io.github.convai4j.webhooks;

import io.github.convai4j.json.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code post_call_audio} event: the whole conversation's audio (MP3), sent when a conversation has ended.
 * Its {@code data} has the agent id, the conversation id and {@code full_audio}, the audio in base64; the
 * audio is never held by this object: it was handed, decoded, to the {@link AudioHandler} while the event was
 * read.
 */
public final class PostCallAudioEvent extends WebhookEvent {

    private final Map<String, JsonValue> data;
    private final boolean hasAudio;
    private final long audioSize;

    PostCallAudioEvent(Long eventTimestamp, Map<String, JsonValue> additionalProperties,
                       Map<String, JsonValue> data, boolean hasAudio, long audioSize) {
        super(EventReader.AUDIO, eventTimestamp, additionalProperties);
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        this.hasAudio = hasAudio;
        this.audioSize = audioSize;
    }

    /**
     * Returns the id of the agent that had the conversation.
     *
     * @return {@code data.agent_id}
     * @throws IllegalStateException if the event has none
     */
    public String agentId() {
        return EventReader.requiredString(data, "agent_id", type());
    }

    /**
     * Returns the conversation's id.
     *
     * @return {@code data.conversation_id}
     * @throws IllegalStateException if the event has none
     */
    public String conversationId() {
        return EventReader.requiredString(data, "conversation_id", type());
    }

    /**
     * Tells whether the event carried audio ({@code data.full_audio} was a string), so that the
     * {@link AudioHandler} was called.
     *
     * @return {@code true} if it did
     */
    public boolean hasAudio() {
        return hasAudio;
    }

    /**
     * Returns the length of the decoded audio.
     *
     * @return the number of bytes, 0 if the event carried none
     */
    public long audioSize() {
        return audioSize;
    }

    /**
     * Returns the members of {@code data} other than {@code full_audio}, in the order received.
     *
     * @return an unmodifiable map
     */
    public Map<String, JsonValue> data() {
        return data;
    }
}
