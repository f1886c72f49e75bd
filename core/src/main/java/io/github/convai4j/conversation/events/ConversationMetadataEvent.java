package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code conversation_initiation_metadata}: The first message of a conversation: its id and the audio formats in use.
 *
 * <pre>{@code {"type":"conversation_initiation_metadata","conversation_initiation_metadata_event":{"conversation_id":"conv_...","agent_output_audio_format":"pcm_16000","user_input_audio_format":"pcm_16000"}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ConversationMetadataEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "conversation_initiation_metadata";

    private final Payload payload;

    ConversationMetadataEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "conversation_initiation_metadata_event");
    }

    /**
     * Returns the conversation's id, e.g. for {@code client.conversations()} ({@code conversation_id}).
     *
     * @return the conversation's id, e.g. for {@code client.conversations()}
     * @throws IllegalStateException if the server left it out
     */
    public String conversationId() {
        return payload.requiredString("conversation_id");
    }

    /**
     * Returns the format of {@link AudioEvent}s, e.g. {@code "pcm_16000"} or {@code "ulaw_8000"} ({@code agent_output_audio_format}).
     *
     * @return the format of {@link AudioEvent}s, e.g. {@code "pcm_16000"} or {@code "ulaw_8000"}
     * @throws IllegalStateException if the server left it out
     */
    public String agentOutputAudioFormat() {
        return payload.requiredString("agent_output_audio_format");
    }

    /**
     * Returns the format the server expects user audio in, e.g. {@code "pcm_16000"} ({@code user_input_audio_format}).
     *
     * @return the format the server expects user audio in, e.g. {@code "pcm_16000"}
     * @throws IllegalStateException if the server left it out
     */
    public String userInputAudioFormat() {
        return payload.requiredString("user_input_audio_format");
    }
}
