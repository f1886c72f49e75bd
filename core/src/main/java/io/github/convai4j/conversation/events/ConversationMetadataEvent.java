package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.ConversationMetadataPayload;
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

    private final ConversationMetadataPayload message;

    ConversationMetadataEvent(JsonValue raw, ConversationMetadataPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link ConversationMetadataPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public ConversationMetadataPayload payload() {
        return message;
    }

    /**
     * Returns the conversation's id, e.g. for {@code client.conversations()} ({@code conversation_id}).
     *
     * @return the conversation's id, e.g. for {@code client.conversations()}
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String conversationId() {
        return message.conversationInitiationMetadataEvent().conversationId();
    }

    /**
     * Returns the format of {@link AudioEvent}s, e.g. {@code "pcm_16000"} or {@code "ulaw_8000"} ({@code agent_output_audio_format}).
     *
     * @return the format of {@link AudioEvent}s, e.g. {@code "pcm_16000"} or {@code "ulaw_8000"}
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String agentOutputAudioFormat() {
        return message.conversationInitiationMetadataEvent().agentOutputAudioFormat().value();
    }

    /**
     * Returns the format the server expects user audio in, e.g. {@code "pcm_16000"} ({@code user_input_audio_format}).
     *
     * @return the format the server expects user audio in, e.g. {@code "pcm_16000"}
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String userInputAudioFormat() {
        return message.conversationInitiationMetadataEvent().userInputAudioFormat().value();
    }
}
