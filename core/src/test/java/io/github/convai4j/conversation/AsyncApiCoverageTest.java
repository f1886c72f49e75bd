package io.github.convai4j.conversation;

import io.github.convai4j.testing.NeedsApiDocument;

import io.github.convai4j.conversation.events.ConversationEvent;
import io.github.convai4j.conversation.events.ConversationEvents;
import io.github.convai4j.conversation.events.MalformedMessageEvent;
import io.github.convai4j.conversation.events.UnknownEvent;
import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.convai4j.conversation.AsyncApiDocument.cast;
import static io.github.convai4j.conversation.AsyncApiDocument.list;
import static io.github.convai4j.conversation.AsyncApiDocument.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both directions of the AsyncAPI channel ({@code channels.AgentMessages} in
 * {@code ../shared/spec/elevenlabs-convai-asyncapi.yaml}) against the code: every message the server
 * publishes decodes to an event class of its own, and every message a client may send is one the session
 * writes, with the fields the document requires. A message type added to the document fails here.
 */
@NeedsApiDocument
class AsyncApiCoverageTest {

    private static AsyncApiDocument spec;

    @BeforeAll
    static void readTheDocument() throws IOException {
        spec = AsyncApiDocument.read();
    }

    @Test
    void everyMessageTheServerPublishesDecodesToAnEventClassOfItsOwn() throws ReflectiveOperationException {
        Map<String, Map<String, Object>> payloads = spec.payloads("publish");
        assertThat(payloads).as("the server's messages in the document").hasSizeGreaterThanOrEqualTo(27)
                .containsKeys("AudioClientEvent", "PingEvent", "InterruptionEvent", "ClientToolCallClientEvent",
                        "ErrorClientEvent");

        Map<Class<?>, String> typeOfClass = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> message : payloads.entrySet()) {
            Map<String, Object> payload = message.getValue();
            String type = string(AsyncApiDocument.at(payload, "properties", "type", "const"));
            String minimal = JsonValue.from(sample(payload, 0)).toJson();

            ConversationEvent event = ConversationEvents.decode(minimal);

            assertThat(event).as("%s, the minimal message the document allows: %s", message.getKey(), minimal)
                    .isNotInstanceOf(UnknownEvent.class).isNotInstanceOf(MalformedMessageEvent.class);
            assertThat(event.type()).isEqualTo(type);
            assertThat(event.getClass().getPackage().getName()).isEqualTo("io.github.convai4j.conversation.events");
            assertThat(event.getClass().getField("TYPE").get(null)).as(event.getClass().getSimpleName() + ".TYPE")
                    .isEqualTo(type);
            assertThat(typeOfClass.put(event.getClass(), type)).as("%s also decodes to %s", type,
                    event.getClass().getSimpleName()).isNull();
            assertThat(ConversationEvents.isKnownType(type)).isTrue();
        }
    }

    @Test
    void everyMessageAClientMaySendIsOneTheSessionWritesWithTheRequiredFields() {
        // What the session writes, by message type; the audio chunk has no type and goes by its one field.
        Map<String, String> written = new LinkedHashMap<>();
        written.put("conversation_initiation_client_data", ClientMessages.initiation(ConversationInitiation.empty(), "1.0"));
        written.put("user_audio_chunk", ClientMessages.userAudioChunk(new byte[] {1, 0}, 0, 2));
        written.put("pong", ClientMessages.pong(7));
        written.put("user_message", ClientMessages.userMessage("Hi", null));
        written.put("user_activity", ClientMessages.userActivity());
        written.put("feedback", ClientMessages.feedback(7, FeedbackScore.LIKE));
        written.put("client_tool_result", ClientMessages.clientToolResult("tc_1", "ok", false));
        written.put("mcp_tool_approval_result", ClientMessages.mcpToolApprovalResult("tc_2", true));
        written.put("contextual_update", ClientMessages.contextualUpdate("on the pricing page", null));
        written.put("multimodal_message", ClientMessages.multimodalMessage("see the file", "file_1"));

        Map<String, Map<String, Object>> payloads = spec.payloads("subscribe");
        List<String> specified = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> message : payloads.entrySet()) {
            Map<String, Object> payload = message.getValue();
            Map<String, Object> properties = cast(payload.get("properties"));
            List<Object> required = list(payload.get("required"));
            String key = properties.containsKey("type")
                    ? string(AsyncApiDocument.at(properties, "type", "const")) : string(required.get(0));
            specified.add(key);

            assertThat(written).as("%s (%s) is written by the session", message.getKey(), key).containsKey(key);
            JsonValue sent = JsonValue.parse(written.get(key));
            for (Object name : required) {
                assertThat(sent.get(string(name))).as("%s has its required %s: %s", key, name, sent).isNotNull();
            }
            if (properties.containsKey("type")) {
                assertThat(sent.get("type").asString()).isEqualTo(key);
            }
        }
        assertThat(specified).as("the client's messages in the document").containsExactlyInAnyOrderElementsOf(written.keySet());
    }

    /** The smallest value the schema allows: required properties only, constants where it has them. */
    private static Object sample(Map<String, Object> schema, int depth) {
        Map<String, Object> s = spec.resolve(schema);
        if (s.containsKey("const")) {
            return s.get("const");
        }
        if (s.containsKey("enum")) {
            return list(s.get("enum")).get(0);
        }
        if (s.containsKey("oneOf")) {
            return sample(cast(list(s.get("oneOf")).get(0)), depth);
        }
        if (s.containsKey("allOf")) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object part : list(s.get("allOf"))) {
                Object value = sample(cast(part), depth);
                if (value instanceof Map) {
                    merged.putAll(cast(value));
                }
            }
            return merged;
        }
        String type = s.get("type") instanceof String ? string(s.get("type")) : "object";
        switch (type) {
            case "integer":
                return 1L;
            case "number":
                return 0.5;
            case "boolean":
                return Boolean.TRUE;
            case "array":
                return new ArrayList<>();
            case "string":
                return "x";
            default:
                Map<String, Object> object = new LinkedHashMap<>();
                Map<String, Object> properties = s.get("properties") instanceof Map ? cast(s.get("properties")) : null;
                if (properties != null && depth < 5) {
                    for (Object name : list(s.get("required"))) {
                        Object property = properties.get(string(name));
                        if (property instanceof Map) {
                            object.put(string(name), sample(cast(property), depth + 1));
                        }
                    }
                }
                return object;
        }
    }
}
