package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.ASRInitiationMetadataPayload;
import io.github.convai4j.json.JsonValue;

/**
 * {@code asr_initiation_metadata}: Speech recognition is initialised.
 *
 * <pre>{@code {"type":"asr_initiation_metadata","asr_initiation_metadata_event":{}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AsrInitiationMetadataEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "asr_initiation_metadata";

    private final ASRInitiationMetadataPayload message;

    AsrInitiationMetadataEvent(JsonValue raw, ASRInitiationMetadataPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link ASRInitiationMetadataPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public ASRInitiationMetadataPayload payload() {
        return message;
    }

    /**
     * Returns the metadata object as sent.
     *
     * @return the {@code asr_initiation_metadata_event} object; empty if none was sent
     */
    public JsonValue metadata() {
        return JsonValue.object(message.asrInitiationMetadataEvent());
    }
}
