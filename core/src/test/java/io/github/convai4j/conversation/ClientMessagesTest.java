package io.github.convai4j.conversation;

import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every client message, compared with the shapes of the AsyncAPI and the examples of its docs version. */
class ClientMessagesTest {

    private static void assertJson(String actual, String expected) {
        assertThat(JsonValue.parse(actual)).isEqualTo(JsonValue.parse(expected));
    }

    @Test
    void initiationOfTheDocsExample() {
        Map<String, Object> llm = new LinkedHashMap<>();
        llm.put("temperature", 0.7);
        llm.put("max_tokens", 150);
        ConversationInitiation initiation = ConversationInitiation.builder()
                .prompt("You are a helpful customer support agent named Alexis.")
                .firstMessage("Hi, I'm Alexis from ElevenLabs support. How can I help you today?")
                .language("en")
                .voiceId("21m00Tcm4TlvDq8ikWAM")
                .customLlmExtraBody(llm)
                .dynamicVariable("user_name", "John")
                .dynamicVariable("account_type", "premium")
                .sourceInfo(null, null)
                .build();
        assertJson(ClientMessages.initiation(initiation, "1.2.3"), "{\"type\":\"conversation_initiation_client_data\","
                + "\"conversation_config_override\":{\"agent\":{\"prompt\":{\"prompt\":\"You are a helpful customer support"
                + " agent named Alexis.\"},\"first_message\":\"Hi, I'm Alexis from ElevenLabs support. How can I help you"
                + " today?\",\"language\":\"en\"},\"tts\":{\"voice_id\":\"21m00Tcm4TlvDq8ikWAM\"}},"
                + "\"custom_llm_extra_body\":{\"temperature\":0.7,\"max_tokens\":150},"
                + "\"dynamic_variables\":{\"user_name\":\"John\",\"account_type\":\"premium\"}}");
    }

    @Test
    void initiationWithEverySetting() {
        ConversationInitiation initiation = ConversationInitiation.builder()
                .prompt("p").llm("gpt-4o").firstMessage("").language("pt-br")
                .nativeMcpServerIds(Arrays.asList("m1"))
                .voiceId("v").ttsSpeed(1.1).ttsStability(0.5).ttsSimilarityBoost(0.8)
                .asrKeywords(Arrays.asList("convai4j"))
                .textOnly(true).clientEvents(Arrays.asList("agent_response", "agent_chat_response_part"))
                .dynamicVariable("name", "Ada").dynamicVariable("n", 1).dynamicVariable("ratio", 0.5)
                .dynamicVariable("vip", true)
                .userId("u-1")
                .property("tool_mock_config", JsonValue.parse("{\"mocking_strategy\":\"all\"}"))
                .build();
        assertJson(ClientMessages.initiation(initiation, "1.2.3"), "{\"type\":\"conversation_initiation_client_data\","
                + "\"conversation_config_override\":{"
                + "\"agent\":{\"prompt\":{\"prompt\":\"p\",\"llm\":\"gpt-4o\"},\"first_message\":\"\",\"language\":\"pt-br\","
                + "\"native_mcp_server_ids\":[\"m1\"]},"
                + "\"tts\":{\"voice_id\":\"v\",\"speed\":1.1,\"stability\":0.5,\"similarity_boost\":0.8},"
                + "\"asr\":{\"keywords\":[\"convai4j\"]},"
                + "\"conversation\":{\"text_only\":true,\"client_events\":[\"agent_response\",\"agent_chat_response_part\"]}},"
                + "\"dynamic_variables\":{\"name\":\"Ada\",\"n\":1,\"ratio\":0.5,\"vip\":true},"
                + "\"user_id\":\"u-1\",\"source_info\":{\"source\":\"unknown\",\"version\":\"1.2.3\"},"
                + "\"tool_mock_config\":{\"mocking_strategy\":\"all\"}}");
    }

    @Test
    void emptyInitiationStillNamesTheSource() {
        assertJson(ClientMessages.initiation(ConversationInitiation.empty(), "9.9"),
                "{\"type\":\"conversation_initiation_client_data\",\"source_info\":{\"source\":\"unknown\",\"version\":\"9.9\"}}");
    }

    @Test
    void aPropertyReplacesWhatTheBuilderWouldWrite() {
        ConversationInitiation initiation = ConversationInitiation.builder().userId("a")
                .property("user_id", JsonValue.NULL).build();
        JsonValue json = JsonValue.parse(ClientMessages.initiation(initiation, "1"));
        assertThat(json.get("user_id")).isEqualTo(JsonValue.NULL);
        assertThat(json.asObject().keySet()).containsOnlyOnce("user_id");
    }

    @Test
    void userAudioChunkIsBase64WithoutType() {
        byte[] pcm = {0, 1, 2, 3, 4, (byte) 0xff};
        assertJson(ClientMessages.userAudioChunk(pcm, 0, pcm.length),
                "{\"user_audio_chunk\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}");
        assertJson(ClientMessages.userAudioChunk(pcm, 2, 2),
                "{\"user_audio_chunk\":\"" + Base64.getEncoder().encodeToString(new byte[] {2, 3}) + "\"}");
    }

    @Test
    void theOtherMessages() {
        assertJson(ClientMessages.pong(12345), "{\"type\":\"pong\",\"event_id\":12345}");
        assertJson(ClientMessages.userMessage("I would like to upgrade my account", null),
                "{\"type\":\"user_message\",\"text\":\"I would like to upgrade my account\"}");
        assertJson(ClientMessages.userMessage("Buy", "rc_1"),
                "{\"type\":\"user_message\",\"text\":\"Buy\",\"rich_content_id\":\"rc_1\"}");
        assertJson(ClientMessages.contextualUpdate("User is viewing the pricing page", null),
                "{\"type\":\"contextual_update\",\"text\":\"User is viewing the pricing page\"}");
        assertJson(ClientMessages.contextualUpdate("page", "page-key"),
                "{\"type\":\"contextual_update\",\"text\":\"page\",\"context_id\":\"page-key\"}");
        assertJson(ClientMessages.userActivity(), "{\"type\":\"user_activity\"}");
        assertJson(ClientMessages.feedback(42, FeedbackScore.LIKE), "{\"type\":\"feedback\",\"score\":\"like\",\"event_id\":42}");
        assertJson(ClientMessages.feedback(42, FeedbackScore.DISLIKE), "{\"type\":\"feedback\",\"score\":\"dislike\",\"event_id\":42}");
        assertJson(ClientMessages.feedback(42, null), "{\"type\":\"feedback\",\"score\":null,\"event_id\":42}");
        assertJson(ClientMessages.clientToolResult("tool_call_123", "Account is active and in good standing", false),
                "{\"type\":\"client_tool_result\",\"tool_call_id\":\"tool_call_123\",\"result\":\"Account is active and in"
                        + " good standing\",\"is_error\":false}");
        assertJson(ClientMessages.mcpToolApprovalResult("m1", true),
                "{\"type\":\"mcp_tool_approval_result\",\"tool_call_id\":\"m1\",\"is_approved\":true}");
        assertJson(ClientMessages.multimodalMessage("see file", "file_1"),
                "{\"type\":\"multimodal_message\",\"text\":{\"type\":\"user_message\",\"text\":\"see file\"},"
                        + "\"file\":{\"type\":\"file_input\",\"file_id\":\"file_1\"}}");
        assertJson(ClientMessages.multimodalMessage(null, "file_1"),
                "{\"type\":\"multimodal_message\",\"file\":{\"type\":\"file_input\",\"file_id\":\"file_1\"}}");
    }

    @Test
    void textIsEscaped() {
        assertThat(JsonValue.parse(ClientMessages.userMessage("quote \" and \\ and\nnewline and ü", null)).get("text")
                .asString()).isEqualTo("quote \" and \\ and\nnewline and ü");
    }
}
