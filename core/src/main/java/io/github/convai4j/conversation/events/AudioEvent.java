package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
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

    private final Payload payload;

    AudioEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "audio_event");
    }

    /**
     * Returns the audio as the server sent it, base64-encoded ({@code audio_base_64}).
     *
     * @return the audio as the server sent it, base64-encoded
     * @throws IllegalStateException if the server left it out
     */
    public String audioBase64() {
        return payload.requiredString("audio_base_64");
    }

    /**
     * Returns the id of the agent turn this audio belongs to ({@code event_id}).
     *
     * @return the id of the agent turn this audio belongs to
     * @throws IllegalStateException if the server left it out
     */
    public long eventId() {
        return payload.requiredLong("event_id");
    }

    /**
     * Decodes the audio. Each call decodes again: keep the result.
     *
     * @return the raw audio bytes
     * @throws IllegalStateException if the server sent no audio or it is not valid base64
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
        return payload.optionalValue("alignment").filter(JsonValue::isObject).map(Alignment::new);
    }

    @Override
    public String toString() {
        JsonValue audio = payload.value("audio_base_64");
        JsonValue id = payload.value("event_id");
        return "AudioEvent[event_id=" + id + ", " + (audio != null && audio.isString()
                ? audio.asString().length() + " base64 chars" : "no audio") + "]";
    }

    /** When each character of the spoken text starts and how long it lasts. Immutable. */
    public static final class Alignment {
        private final List<String> chars;
        private final List<Long> startTimesMs;
        private final List<Long> durationsMs;

        Alignment(JsonValue alignment) {
            this.chars = strings(alignment.get("chars"));
            this.startTimesMs = longs(alignment.get("char_start_times_ms"));
            this.durationsMs = longs(alignment.get("char_durations_ms"));
        }

        /**
         * Returns the characters ({@code chars}).
         *
         * @return the characters, each a string; empty if none were sent
         */
        public List<String> chars() {
            return chars;
        }

        /**
         * Returns when each character starts, in milliseconds ({@code char_start_times_ms}).
         *
         * @return one start time per character; empty if none were sent
         */
        public List<Long> charStartTimesMs() {
            return startTimesMs;
        }

        /**
         * Returns how long each character lasts, in milliseconds ({@code char_durations_ms}).
         *
         * @return one duration per character; empty if none were sent
         */
        public List<Long> charDurationsMs() {
            return durationsMs;
        }

        @Override
        public String toString() {
            return "Alignment" + chars;
        }

        private static List<String> strings(JsonValue array) {
            List<String> out = new ArrayList<>();
            if (array != null && array.isArray()) {
                for (JsonValue v : array.asArray()) {
                    out.add(v.isString() ? v.asString() : v.toJson());
                }
            }
            return Collections.unmodifiableList(out);
        }

        private static List<Long> longs(JsonValue array) {
            List<Long> out = new ArrayList<>();
            if (array != null && array.isArray()) {
                for (JsonValue v : array.asArray()) {
                    out.add(v.isNumber() ? v.asNumber().longValue() : null);
                }
            }
            return Collections.unmodifiableList(out);
        }
    }
}
