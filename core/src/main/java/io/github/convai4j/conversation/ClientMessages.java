package io.github.convai4j.conversation;

import com.fasterxml.jackson.core.JsonGenerator;
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
 * Writes the client's messages of the live conversation protocol, each a JSON text message. Checks of the
 * values are the callers' job (the session and {@link ConversationInitiation.Builder}); this only writes.
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
        StringBuilder sb = new StringBuilder(base64.length() + 24);
        return sb.append("{\"user_audio_chunk\":\"").append(base64).append("\"}").toString();
    }

    static String pong(long eventId) {
        return object(g -> {
            g.writeStringField("type", "pong");
            g.writeNumberField("event_id", eventId);
        });
    }

    static String userMessage(String text, String richContentId) {
        return object(g -> {
            g.writeStringField("type", "user_message");
            g.writeStringField("text", text);
            stringField(g, "rich_content_id", richContentId);
        });
    }

    static String contextualUpdate(String text, String contextId) {
        return object(g -> {
            g.writeStringField("type", "contextual_update");
            g.writeStringField("text", text);
            stringField(g, "context_id", contextId);
        });
    }

    static String userActivity() {
        return "{\"type\":\"user_activity\"}";
    }

    /** A {@code null} score clears earlier feedback; it is sent as JSON null. */
    static String feedback(long eventId, FeedbackScore score) {
        return object(g -> {
            g.writeStringField("type", "feedback");
            g.writeNumberField("event_id", eventId);
            if (score == null) {
                g.writeNullField("score");
            } else {
                g.writeStringField("score", score.wireValue());
            }
        });
    }

    static String clientToolResult(String toolCallId, String result, boolean isError) {
        return object(g -> {
            g.writeStringField("type", "client_tool_result");
            g.writeStringField("tool_call_id", toolCallId);
            g.writeStringField("result", result);
            g.writeBooleanField("is_error", isError);
        });
    }

    static String mcpToolApprovalResult(String toolCallId, boolean approved) {
        return object(g -> {
            g.writeStringField("type", "mcp_tool_approval_result");
            g.writeStringField("tool_call_id", toolCallId);
            g.writeBooleanField("is_approved", approved);
        });
    }

    /** Text and file are each left out when {@code null}. */
    static String multimodalMessage(String text, String fileId) {
        return object(g -> {
            g.writeStringField("type", "multimodal_message");
            if (text != null) {
                g.writeObjectFieldStart("text");
                g.writeStringField("type", "user_message");
                g.writeStringField("text", text);
                g.writeEndObject();
            }
            if (fileId != null) {
                g.writeObjectFieldStart("file");
                g.writeStringField("type", "file_input");
                g.writeStringField("file_id", fileId);
                g.writeEndObject();
            }
        });
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
