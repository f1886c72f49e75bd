package io.github.convai4j.conversation;

import io.github.convai4j.json.JsonValue;
import io.github.convai4j.testing.ApiDocument;
import io.github.convai4j.testing.NeedsApiDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.convai4j.conversation.AsyncApiDocument.cast;
import static io.github.convai4j.conversation.AsyncApiDocument.list;
import static io.github.convai4j.conversation.AsyncApiDocument.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every value convai4j sends on the conversation WebSocket is one the API documents list: the initiation
 * message (defaults, and every setting used), every other client message, and the conversation URL's
 * {@code source}, checked against each {@code enum} and {@code const} of the AsyncAPI payload schemas and
 * against the OpenAPI's closed {@code ConversationInitiationSource} list. A value the contract does not know
 * (such as the {@code java_sdk} source convai4j once sent) fails here before a strict server refuses it.
 */
@NeedsApiDocument
class ContractValuesTest {

    private static AsyncApiDocument asyncApi;
    private static List<String> sources;
    private static String sourceDefault;

    @BeforeAll
    static void readTheDocuments() throws IOException {
        asyncApi = AsyncApiDocument.read();
        JsonValue openApi = JsonValue.parse(new String(Files.readAllBytes(
                ApiDocument.dir().resolve("elevenlabs-convai-openapi.json")), StandardCharsets.UTF_8));
        JsonValue source = openApi.get("components").get("schemas").get("ConversationInitiationSource");
        sources = new ArrayList<>();
        for (JsonValue value : source.get("enum").asArray()) {
            sources.add(value.asString());
        }
        sourceDefault = source.get("default").asString();
    }

    @Test
    void theDefaultSourceIsTheContractsOwnDefault() {
        assertThat(sourceDefault).isEqualTo("unknown");
        assertThat(ConversationInitiation.DEFAULT_SOURCE).isEqualTo(sourceDefault);
        assertThat(sources).contains(ConversationInitiation.DEFAULT_SOURCE).doesNotContain("java_sdk");
    }

    @Test
    void theInitiationMessageUsesOnlyListedValues() {
        String version = LibraryVersion.get();
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("default", ClientMessages.initiation(ConversationInitiation.empty(), version));
        sent.put("every setting", ClientMessages.initiation(ConversationInitiation.builder()
                .prompt("You are terse.").llm("gemini-2.0-flash").firstMessage("Hi {{name}}").language("no")
                .nativeMcpServerIds(Arrays.asList("mcp_1")).voiceId("voice_1").ttsSpeed(1.1).ttsStability(0.5)
                .ttsSimilarityBoost(0.7).asrKeywords(Arrays.asList("parcel")).textOnly(true)
                .clientEvents(Arrays.asList("agent_response", "client_tool_call", "ping"))
                .dynamicVariable("name", "Ada").dynamicVariable("n", 3).dynamicVariable("x", 0.5)
                .dynamicVariable("ok", true).userId("user-1")
                .customLlmExtraBody(JsonValue.parse("{\"temperature\":0.2}"))
                .build(), version));
        sent.put("a listed source of the caller's", ClientMessages.initiation(ConversationInitiation.builder()
                .sourceInfo("android_sdk", "1.2.3").build(), version));

        Map<String, Object> schema = asyncApi.payloads("subscribe").get("ConversationInitiationClientToOrchestratorEvent");
        assertThat(schema).as("the initiation's payload schema").isNotNull();
        for (Map.Entry<String, String> message : sent.entrySet()) {
            JsonValue json = JsonValue.parse(message.getValue());
            List<String> problems = new ArrayList<>();
            check(json, schema, "", problems);
            assertThat(problems).as("%s: %s", message.getKey(), message.getValue()).isEmpty();
            JsonValue source = json.get("source_info");
            if (source != null) {
                assertThat(sources).as("source_info.source of %s", message.getKey())
                        .contains(source.get("source").asString());
                assertThat(source.get("version").asString().length()).isLessThanOrEqualTo(50);
            }
        }
        assertThat(JsonValue.parse(sent.get("default")).get("source_info").get("source").asString()).isEqualTo("unknown");
    }

    @Test
    void everyOtherClientMessageUsesOnlyListedValues() {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("UserAudio", ClientMessages.userAudioChunk(new byte[] {1, 0}, 0, 2));
        sent.put("PongClientToOrchestratorEvent", ClientMessages.pong(7));
        sent.put("UserMessageClientToOrchestratorEvent", ClientMessages.userMessage("Hi", "rc_1"));
        sent.put("UserActivityClientToOrchestratorEvent", ClientMessages.userActivity());
        sent.put("UserFeedbackClientToOrchestratorEvent", ClientMessages.feedback(7, FeedbackScore.LIKE));
        sent.put("UserFeedbackClientToOrchestratorEvent (dislike)", ClientMessages.feedback(7, FeedbackScore.DISLIKE));
        sent.put("ClientToolResultClientToOrchestratorEvent", ClientMessages.clientToolResult("tc_1", "ok", false));
        sent.put("MCPToolApprovalResultClientToOrchestratorEvent", ClientMessages.mcpToolApprovalResult("tc_2", true));
        sent.put("ContextualUpdateClientToOrchestratorEvent", ClientMessages.contextualUpdate("pricing page", "ctx"));
        sent.put("MultimodalMessageClientToOrchestratorEvent", ClientMessages.multimodalMessage("see", "file_1"));

        Map<String, Map<String, Object>> payloads = asyncApi.payloads("subscribe");
        for (Map.Entry<String, String> message : sent.entrySet()) {
            String name = message.getKey().replaceAll(" \\(.*\\)$", "");
            assertThat(payloads).as("the document's client messages").containsKey(name);
            List<String> problems = new ArrayList<>();
            check(JsonValue.parse(message.getValue()), payloads.get(name), "", problems);
            assertThat(problems).as("%s: %s", message.getKey(), message.getValue()).isEmpty();
        }
    }

    @Test
    void theConversationUrlNamesAListedSource() {
        URI url = ConversationUrls.publicAgent(URI.create("https://api.elevenlabs.io"), "agent_1", null, null, "1.0");
        String source = url.getQuery().replaceAll(".*(?:^|&)source=([^&]*).*", "$1");
        assertThat(sources).contains(source);
        assertThat(ConversationUrls.signed("wss://h/p?token=t", "1.0").getQuery()).contains("source=" + source);
    }

    @Test
    void aSourceTheContractDoesNotListIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> ConversationInitiation.builder().sourceInfo("java_sdk", "1.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'java_sdk'")
                .hasMessageContaining("ConversationInitiationSource");
        assertThatThrownBy(() -> ConversationInitiation.builder().sourceInfo("unknown", "v".repeat(51)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 50");
        for (String listed : sources) {
            assertThat(ConversationInitiation.builder().sourceInfo(listed, "1.0").build()).isNotNull();
        }
    }

    /** Collects the values of {@code value} that an {@code enum} or {@code const} of {@code schema} refuses. */
    private static void check(JsonValue value, Map<String, Object> schema, String path, List<String> problems) {
        Map<String, Object> s = asyncApi.resolve(schema);
        if (value == null || value.isNull()) {
            return;
        }
        if (s.containsKey("const") && !(value.isString() && value.asString().equals(string(s.get("const"))))) {
            problems.add(path + " is " + value + ", the document's const is " + s.get("const"));
        }
        if (s.containsKey("enum") && !(value.isString() && list(s.get("enum")).contains(value.asString()))) {
            problems.add(path + " is " + value + ", not one of " + s.get("enum"));
        }
        for (Object part : list(s.get("allOf"))) {
            check(value, cast(part), path, problems);
        }
        for (String combinator : new String[] {"oneOf", "anyOf"}) {
            List<Object> alternatives = list(s.get(combinator));
            if (!alternatives.isEmpty()) {
                boolean fits = false;
                for (Object alternative : alternatives) {
                    List<String> own = new ArrayList<>();
                    check(value, cast(alternative), path, own);
                    fits |= own.isEmpty();
                }
                if (!fits) {
                    problems.add(path + " is " + value + ", which fits none of the " + combinator + " alternatives");
                }
            }
        }
        if (value.isObject() && s.get("properties") instanceof Map) {
            Map<String, Object> properties = cast(s.get("properties"));
            for (Map.Entry<String, JsonValue> member : value.asObject().entrySet()) {
                Object property = properties.get(member.getKey());
                if (property instanceof Map) {
                    check(member.getValue(), cast(property), path + "." + member.getKey(), problems);
                }
            }
        }
        if (value.isArray() && s.get("items") instanceof Map) {
            List<JsonValue> items = value.asArray();
            for (int i = 0; i < items.size(); i++) {
                check(items.get(i), cast(s.get("items")), path + "[" + i + "]", problems);
            }
        }
    }
}
