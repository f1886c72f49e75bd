package io.github.convai4j.webhooks;

import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.conversations.GetConversationResponse;

import java.util.Map;

/**
 * A {@code post_call_transcription} event: sent when a conversation has ended and its analysis is done. Its
 * {@code data} is the conversation in the same shape as {@code GET /v1/convai/conversations/{conversation_id}}
 * returns it (transcript, metadata, analysis, the initiation data with its dynamic variables), read with the
 * same generated model, so members the model does not know are kept in its additional properties.
 */
public final class PostCallTranscriptionEvent extends WebhookEvent {

    private final GetConversationResponse conversation;

    PostCallTranscriptionEvent(Long eventTimestamp, Map<String, JsonValue> additionalProperties,
                               GetConversationResponse conversation) {
        super(EventReader.TRANSCRIPTION, eventTimestamp, additionalProperties);
        this.conversation = conversation;
    }

    /**
     * Returns the conversation.
     *
     * @return the event's {@code data}
     * @throws IllegalStateException if the event has no {@code data} (or a {@code null} one)
     */
    public GetConversationResponse conversation() {
        if (conversation == null) {
            throw missing(type(), "data");
        }
        return conversation;
    }
}
