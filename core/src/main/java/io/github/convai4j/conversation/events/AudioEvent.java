package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.AudioAlignmentData;
import io.github.convai4j.conversation.messages.AudioPayload;
import io.github.convai4j.json.JsonValue;

import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * {@code audio}: A chunk of the agent's speech: raw PCM (16-bit little-endian mono) or μ-law bytes, in the format the
 * {@link ConversationMetadataEvent#agentOutputAudioFormat()} names, without any header.
 *
 * <p>A live session never delivers an audio event whose {@link #eventId()} is at or below the last
 * {@link InterruptionEvent}'s: that speech was interrupted and must not be played.
 *
 * <pre>{@code {"type":"audio","audio_event":{"audio_base_64":"...","event_id":7,"alignment":{...}}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AudioEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "audio";

    private final AudioPayload message;

    AudioEvent(JsonValue raw, AudioPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link AudioPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public AudioPayload payload() {
        return message;
    }

    /**
     * Returns the audio as the server sent it, base64-encoded ({@code audio_base_64}).
     *
     * @return the audio as the server sent it, base64-encoded
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String audioBase64() {
        return message.audioEvent().audioBase64();
    }

    /**
     * Returns the id of the agent turn this audio belongs to ({@code event_id}).
     *
     * @return the id of the agent turn this audio belongs to
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.audioEvent().eventId();
    }

    /**
     * Decodes the audio. Each call decodes again: keep the result.
     *
     * @return the raw audio bytes
     * @throws java.util.NoSuchElementException if the server sent no audio
     * @throws IllegalStateException if the audio is not valid base64
     */
    public byte[] audio() {
        try {
            return Base64.getDecoder().decode(audioBase64());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The server's audio event holds invalid base64: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the timing of each character of the spoken text, if the server sent it.
     *
     * @return the alignment
     */
    public Optional<Alignment> alignment() {
        AudioAlignmentData alignment = message.audioEvent().alignment();
        return alignment.isAbsent() || alignment.isNull() ? Optional.<Alignment>empty()
                : Optional.of(new Alignment(alignment));
    }

    @Override
    public String toString() {
        JsonValue event = raw().get("audio_event");
        JsonValue audio = event == null ? null : event.get("audio_base_64");
        JsonValue id = event == null ? null : event.get("event_id");
        return "AudioEvent[event_id=" + id + ", " + (audio != null && audio.isString()
                ? audio.asString().length() + " base64 chars" : "no audio") + "]";
    }

    /** When each character of the spoken text starts and how long it lasts. Immutable. */
    public static final class Alignment {
        private final AudioAlignmentData data;

        Alignment(AudioAlignmentData data) {
            this.data = data;
        }

        /**
         * Returns the characters ({@code chars}).
         *
         * @return the characters, each a string; empty if none were sent
         */
        public List<String> chars() {
            try {
                return data.chars();
            } catch (NoSuchElementException notSent) {
                return Collections.emptyList();
            }
        }

        /**
         * Returns when each character starts, in milliseconds ({@code char_start_times_ms}).
         *
         * @return one start time per character; empty if none were sent
         */
        public List<Long> charStartTimesMs() {
            try {
                return data.charStartTimesMs();
            } catch (NoSuchElementException notSent) {
                return Collections.emptyList();
            }
        }

        /**
         * Returns how long each character lasts, in milliseconds ({@code char_durations_ms}).
         *
         * @return one duration per character; empty if none were sent
         */
        public List<Long> charDurationsMs() {
            try {
                return data.charDurationsMs();
            } catch (NoSuchElementException notSent) {
                return Collections.emptyList();
            }
        }

        @Override
        public String toString() {
            return "Alignment" + data;
        }
    }
}
