package io.github.convai4j.conversation.events;

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

    private final Payload payload;

    AsrInitiationMetadataEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "asr_initiation_metadata_event");
    }

    /**
     * Returns the metadata object as sent.
     *
     * @return the {@code asr_initiation_metadata_event} object; empty if none was sent
     */
    public JsonValue metadata() {
        return payload.object();
    }
}
