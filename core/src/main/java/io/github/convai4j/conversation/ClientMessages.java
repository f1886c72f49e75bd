package io.github.convai4j.conversation;

import io.github.convai4j.conversation.messages.ClientToolResultPayload;
import io.github.convai4j.conversation.messages.ContextualUpdatePayload;
import io.github.convai4j.conversation.messages.ConversationInitiationPayload;
import io.github.convai4j.conversation.messages.MCPToolApprovalResultPayload;
import io.github.convai4j.conversation.messages.MultimodalMessageFileData;
import io.github.convai4j.conversation.messages.MultimodalMessagePayload;
import io.github.convai4j.conversation.messages.PongPayload;
import io.github.convai4j.conversation.messages.SourceInfo;
import io.github.convai4j.conversation.messages.UserActivityPayload;
import io.github.convai4j.conversation.messages.UserAudioPayload;
import io.github.convai4j.conversation.messages.UserFeedbackPayload;
import io.github.convai4j.conversation.messages.UserMessagePayload;
import io.github.convai4j.json.Json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes the client's messages of the live conversation protocol, each a JSON text message, through the models
 * generated from the protocol's AsyncAPI document ({@code io.github.convai4j.conversation.messages}). Checks of
 * the values are the callers' job (the session and {@link ConversationInitiation.Builder}); this only writes.
 */
final class ClientMessages {

    private ClientMessages() {
    }

    /**
     * The initiation as sent: its generated model, with {@code source_info.version} set to {@code libraryVersion}
     * where the source is the default and no version was set.
     */
    static String initiation(ConversationInitiation i, String libraryVersion) {
        ConversationInitiationPayload payload = i.payload();
        SourceInfo info = payload.sourceInfo();
        if (info.version().isAbsent() && ConversationInitiation.DEFAULT_SOURCE.equals(info.source().orElse(null))) {
            payload = payload.toBuilder().sourceInfo(info.toBuilder().version(libraryVersion).build()).build();
        }
        return Json.toJson(ConversationInitiationPayload.codec(), payload);
    }

    /** {@code {"user_audio_chunk":"<base64>"}}: the one message without a {@code type}. */
    static String userAudioChunk(byte[] audio, int offset, int length) {
        ByteBuffer encoded = Base64.getEncoder().encode(ByteBuffer.wrap(audio, offset, length));
        String base64 = new String(encoded.array(), encoded.arrayOffset(), encoded.remaining(), StandardCharsets.US_ASCII);
        return Json.toJson(UserAudioPayload.codec(), UserAudioPayload.builder().userAudioChunk(base64).build());
    }

    static String pong(long eventId) {
        return Json.toJson(PongPayload.codec(), PongPayload.builder().eventId(eventId).build());
    }

    static String userMessage(String text, String richContentId) {
        UserMessagePayload.Builder message = UserMessagePayload.builder().text(text);
        if (richContentId != null) {
            message.richContentId(richContentId);
        }
        return Json.toJson(UserMessagePayload.codec(), message.build());
    }

    static String contextualUpdate(String text, String contextId) {
        ContextualUpdatePayload.Builder update = ContextualUpdatePayload.builder().text(text);
        if (contextId != null) {
            update.contextId(contextId);
        }
        return Json.toJson(ContextualUpdatePayload.codec(), update.build());
    }

    static String userActivity() {
        return Json.toJson(UserActivityPayload.codec(), UserActivityPayload.builder().build());
    }

    /** A {@code null} score clears earlier feedback; it is sent as JSON null. */
    static String feedback(long eventId, FeedbackScore score) {
        return Json.toJson(UserFeedbackPayload.codec(), UserFeedbackPayload.builder().eventId(eventId)
                .score(score == null ? null : io.github.convai4j.conversation.messages.FeedbackScore.of(score.wireValue()))
                .build());
    }

    static String clientToolResult(String toolCallId, String result, boolean isError) {
        return Json.toJson(ClientToolResultPayload.codec(), ClientToolResultPayload.builder().toolCallId(toolCallId)
                .result(result).isError(isError).build());
    }

    static String mcpToolApprovalResult(String toolCallId, boolean approved) {
        return Json.toJson(MCPToolApprovalResultPayload.codec(), MCPToolApprovalResultPayload.builder()
                .toolCallId(toolCallId).isApproved(approved).build());
    }

    /** Text and file are each left out when {@code null}. */
    static String multimodalMessage(String text, String fileId) {
        MultimodalMessagePayload.Builder message = MultimodalMessagePayload.builder();
        if (text != null) {
            message.text(UserMessagePayload.builder().text(text).build());
        }
        if (fileId != null) {
            message.file(MultimodalMessageFileData.builder().fileId(fileId).build());
        }
        return Json.toJson(MultimodalMessagePayload.codec(), message.build());
    }
}
