package io.github.convai4j.conversation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.convai4j.conversation.messages.ClientToolResultPayload;
import io.github.convai4j.conversation.messages.ContextualUpdatePayload;
import io.github.convai4j.conversation.messages.MCPToolApprovalResultPayload;
import io.github.convai4j.conversation.messages.MultimodalMessageFileData;
import io.github.convai4j.conversation.messages.MultimodalMessagePayload;
import io.github.convai4j.conversation.messages.PongPayload;
import io.github.convai4j.conversation.messages.UserActivityPayload;
import io.github.convai4j.conversation.messages.UserAudioPayload;
import io.github.convai4j.conversation.messages.UserFeedbackPayload;
import io.github.convai4j.conversation.messages.UserMessagePayload;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes the client's messages of the live conversation protocol, each a JSON text message, through the models
 * generated from the protocol's AsyncAPI document ({@code io.github.convai4j.conversation.messages}). Checks of
 * the values are the callers' job (the session and {@link ConversationInitiation.Builder}); this only writes.
 */
final class ClientMessages {

    private ClientMessages() {
    }

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static String initiation(ConversationInitiation i, String libraryVersion) {
        return object(g -> {
            g.writeStringField("type", "conversation_initiation_client_data");
            boolean hasAgent = i.prompt != null || i.llm != null || i.firstMessage != null || i.language != null
                    || i.nativeMcpServerIds != null;
            boolean hasTts = i.voiceId != null || i.ttsSpeed != null || i.ttsStability != null
                    || i.ttsSimilarityBoost != null;
            boolean hasAsr = i.asrKeywords != null;
            boolean hasConversation = i.textOnly != null || i.clientEvents != null;
            Map<String, JsonValue> extra = i.extraProperties;
            if ((hasAgent || hasTts || hasAsr || hasConversation) && !extra.containsKey("conversation_config_override")) {
                g.writeObjectFieldStart("conversation_config_override");
                if (hasAgent) {
                    g.writeObjectFieldStart("agent");
                    if (i.prompt != null || i.llm != null) {
                        g.writeObjectFieldStart("prompt");
                        stringField(g, "prompt", i.prompt);
                        stringField(g, "llm", i.llm);
                        g.writeEndObject();
                    }
                    stringField(g, "first_message", i.firstMessage);
                    stringField(g, "language", i.language);
                    stringArray(g, "native_mcp_server_ids", i.nativeMcpServerIds);
                    g.writeEndObject();
                }
                if (hasTts) {
                    g.writeObjectFieldStart("tts");
                    stringField(g, "voice_id", i.voiceId);
                    numberField(g, "speed", i.ttsSpeed);
                    numberField(g, "stability", i.ttsStability);
                    numberField(g, "similarity_boost", i.ttsSimilarityBoost);
                    g.writeEndObject();
                }
                if (hasAsr) {
                    g.writeObjectFieldStart("asr");
                    stringArray(g, "keywords", i.asrKeywords);
                    g.writeEndObject();
                }
                if (hasConversation) {
                    g.writeObjectFieldStart("conversation");
                    if (i.textOnly != null) {
                        g.writeBooleanField("text_only", i.textOnly);
                    }
                    stringArray(g, "client_events", i.clientEvents);
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            if (i.customLlmExtraBody != null && !extra.containsKey("custom_llm_extra_body")) {
                g.writeFieldName("custom_llm_extra_body");
                i.customLlmExtraBody.write(g);
            }
            if (!i.dynamicVariables.isEmpty() && !extra.containsKey("dynamic_variables")) {
                g.writeObjectFieldStart("dynamic_variables");
                for (Map.Entry<String, JsonValue> e : i.dynamicVariables.entrySet()) {
                    g.writeFieldName(e.getKey());
                    e.getValue().write(g);
                }
                g.writeEndObject();
            }
            if (i.userId != null && !extra.containsKey("user_id")) {
                g.writeStringField("user_id", i.userId);
            }
            if (i.source != null && !extra.containsKey("source_info")) {
                g.writeObjectFieldStart("source_info");
                g.writeStringField("source", i.source);
                g.writeStringField("version", i.sourceVersion != null ? i.sourceVersion
                        : ConversationInitiation.DEFAULT_SOURCE.equals(i.source) ? libraryVersion : null);
                g.writeEndObject();
            }
            for (Map.Entry<String, JsonValue> e : extra.entrySet()) {
                g.writeFieldName(e.getKey());
                e.getValue().write(g);
            }
        });
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

    private static String object(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.factory().createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void stringField(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void numberField(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    private static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (String value : values) {
                g.writeString(value);
            }
            g.writeEndArray();
        }
    }
}
