package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;
import io.github.convai4j.testing.ApiDocument;
import io.github.convai4j.testing.NeedsApiDocument;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationEventsTest {

    private static <T extends ConversationEvent> T decode(String json, Class<T> type) {
        ConversationEvent event = ConversationEvents.decode(json);
        assertThat(event).isInstanceOf(type);
        assertThat(event.raw()).isEqualTo(JsonValue.parse(json));
        return type.cast(event);
    }

    @Test
    @NeedsApiDocument
    void everyServerEventTypeOfTheAsyncApiHasItsOwnClass() throws IOException {
        String spec = new String(Files.readAllBytes(specFile()), StandardCharsets.UTF_8);
        // The ClientEvent enum lists the server's event types; "error" is the ErrorPayload's const.
        int start = spec.indexOf("    ClientEvent:");
        String block = spec.substring(start, spec.indexOf("description:", start));
        Set<String> types = new LinkedHashSet<>();
        Matcher m = Pattern.compile("- ([a-z_]+)").matcher(block);
        while (m.find()) {
            types.add(m.group(1));
        }
        types.add("error");
        assertThat(types).hasSize(27);
        for (String type : types) {
            assertThat(ConversationEvents.isKnownType(type)).as(type).isTrue();
        }
        // Every server payload's const is one of them: a new server event would show up here.
        Matcher consts = Pattern.compile("const: ([a-z_]+)").matcher(spec);
        Set<String> clientTypes = Set.of("pong", "user_message", "user_activity", "feedback", "client_tool_result",
                "mcp_tool_approval_result", "contextual_update", "conversation_initiation_client_data",
                "multimodal_message", "file_input", "loading", "awaiting_approval", "success", "failure");
        while (consts.find()) {
            String c = consts.group(1);
            assertThat(types.contains(c) || clientTypes.contains(c)).as("const " + c + " is known").isTrue();
        }
    }

    static Path specFile() {
        return ApiDocument.dir().resolve("elevenlabs-convai-asyncapi.yaml");
    }

    @Test
    void audioDecodesItsBytesAndAlignment() {
        byte[] pcm = {1, 2, 3, 4};
        String b64 = Base64.getEncoder().encodeToString(pcm);
        AudioEvent audio = decode("{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"" + b64 + "\",\"event_id\":7,"
                + "\"alignment\":{\"chars\":[\"H\",\"i\"],\"char_start_times_ms\":[0,50],\"char_durations_ms\":[50,40]}}}",
                AudioEvent.class);
        assertThat(audio.type()).isEqualTo("audio");
        assertThat(audio.audio()).containsExactly(1, 2, 3, 4);
        assertThat(audio.audioBase64()).isEqualTo(b64);
        assertThat(audio.eventId()).isEqualTo(7);
        assertThat(audio.alignment()).hasValueSatisfying(a -> {
            assertThat(a.chars()).containsExactly("H", "i");
            assertThat(a.charStartTimesMs()).containsExactly(0L, 50L);
            assertThat(a.charDurationsMs()).containsExactly(50L, 40L);
        });
        assertThat(audio.toString()).contains("event_id=7").doesNotContain(b64);
    }

    @Test
    void audioFromTheDocsExampleHasNoAlignment() {
        AudioEvent audio = decode("{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"base64EncodedAudioResponse==\","
                + "\"event_id\":1}}", AudioEvent.class);
        assertThat(audio.alignment()).isEmpty();
        assertThat(audio.eventId()).isEqualTo(1);
    }

    @Test
    void transcriptsAndResponses() {
        assertThat(decode("{\"type\":\"user_transcript\",\"user_transcription_event\":{\"user_transcript\":\"I need help\","
                + "\"event_id\":6}}", UserTranscriptEvent.class).text()).isEqualTo("I need help");
        TentativeUserTranscriptEvent tentative = decode("{\"type\":\"tentative_user_transcript\","
                + "\"tentative_user_transcription_event\":{\"user_transcript\":\"I ne\",\"event_id\":6}}",
                TentativeUserTranscriptEvent.class);
        assertThat(tentative.text()).isEqualTo("I ne");
        assertThat(tentative.eventId()).isEqualTo(6);
        AgentResponseEvent response = decode("{\"type\":\"agent_response\",\"agent_response_event\":{\"agent_response\":"
                + "\"Happy to help\",\"event_id\":7}}", AgentResponseEvent.class);
        assertThat(response.text()).isEqualTo("Happy to help");
        assertThat(response.eventId()).isEqualTo(7);
        AgentResponseCorrectionEvent correction = decode("{\"type\":\"agent_response_correction\","
                + "\"agent_response_correction_event\":{\"original_agent_response\":\"Happy to help you with\","
                + "\"corrected_agent_response\":\"Happy to\",\"event_id\":7}}", AgentResponseCorrectionEvent.class);
        assertThat(correction.originalText()).isEqualTo("Happy to help you with");
        assertThat(correction.correctedText()).isEqualTo("Happy to");
        assertThat(correction.eventId()).isEqualTo(7);
        assertThat(decode("{\"type\":\"internal_tentative_agent_response\",\"tentative_agent_response_internal_event\":"
                + "{\"tentative_agent_response\":\"I'd be happy\"}}", InternalTentativeAgentResponseEvent.class).text())
                .isEqualTo("I'd be happy");
    }

    @Test
    void streamedParts() {
        AgentChatResponsePartEvent part = decode("{\"type\":\"agent_chat_response_part\",\"text_response_part\":"
                + "{\"text\":\"Hel\",\"type\":\"delta\",\"event_id\":7}}", AgentChatResponsePartEvent.class);
        assertThat(part.type()).isEqualTo("agent_chat_response_part");
        assertThat(part.partType()).isEqualTo("delta");
        assertThat(part.text()).isEqualTo("Hel");
        assertThat(part.eventId()).isEqualTo(7);
        AgentReasoningResponsePartEvent reasoning = decode("{\"type\":\"agent_reasoning_response_part\","
                + "\"reasoning_response_part\":{\"text\":\"\",\"type\":\"start\",\"event_id\":\"7\"}}",
                AgentReasoningResponsePartEvent.class);
        assertThat(reasoning.partType()).isEqualTo("start");
        assertThat(reasoning.eventId()).isEqualTo("7");
    }

    @Test
    void interruptionPingAndMetadata() {
        assertThat(decode("{\"type\":\"interruption\",\"interruption_event\":{\"event_id\":7}}", InterruptionEvent.class)
                .eventId()).isEqualTo(7);
        PingEvent ping = decode("{\"type\":\"ping\",\"ping_event\":{\"event_id\":12345,\"ping_ms\":50}}", PingEvent.class);
        assertThat(ping.eventId()).isEqualTo(12345);
        assertThat(ping.pingMs()).contains(50L);
        assertThat(decode("{\"type\":\"ping\",\"ping_event\":{\"event_id\":1,\"ping_ms\":null}}", PingEvent.class).pingMs())
                .isEmpty();
        ConversationMetadataEvent metadata = decode("{\"type\":\"conversation_initiation_metadata\","
                + "\"conversation_initiation_metadata_event\":{\"conversation_id\":\"conv_123456789\","
                + "\"agent_output_audio_format\":\"pcm_16000\",\"user_input_audio_format\":\"ulaw_8000\"}}",
                ConversationMetadataEvent.class);
        assertThat(metadata.conversationId()).isEqualTo("conv_123456789");
        assertThat(metadata.agentOutputAudioFormat()).isEqualTo("pcm_16000");
        assertThat(metadata.userInputAudioFormat()).isEqualTo("ulaw_8000");
    }

    @Test
    void tools() {
        ClientToolCallEvent call = decode("{\"type\":\"client_tool_call\",\"client_tool_call\":{\"tool_name\":"
                + "\"check_account_status\",\"tool_call_id\":\"tool_call_123\",\"parameters\":{\"user_id\":\"user_123\"},"
                + "\"event_id\":8}}", ClientToolCallEvent.class);
        assertThat(call.toolName()).isEqualTo("check_account_status");
        assertThat(call.toolCallId()).isEqualTo("tool_call_123");
        assertThat(call.parameters().get("user_id").asString()).isEqualTo("user_123");
        assertThat(call.eventId()).isEqualTo(8);

        AgentToolRequestEvent request = decode("{\"type\":\"agent_tool_request\",\"agent_tool_request\":{\"tool_name\":"
                + "\"lookup\",\"tool_call_id\":\"t1\",\"tool_type\":\"webhook\",\"event_id\":8}}", AgentToolRequestEvent.class);
        assertThat(request.toolType()).isEqualTo("webhook");
        AgentToolResponseEvent response = decode("{\"type\":\"agent_tool_response\",\"agent_tool_response\":{\"tool_name\":"
                + "\"lookup\",\"tool_call_id\":\"t1\",\"tool_type\":\"webhook\",\"is_error\":false,\"is_called\":true,"
                + "\"event_id\":8}}", AgentToolResponseEvent.class);
        assertThat(response.isError()).isFalse();
        assertThat(response.isCalled()).isTrue();
        AgentToolResponseFullPayloadEvent full = decode("{\"type\":\"agent_tool_response_full_payload\","
                + "\"agent_tool_response_full_payload\":{\"tool_name\":\"lookup\",\"tool_call_id\":\"t1\",\"tool_type\":"
                + "\"webhook\",\"is_error\":true,\"is_called\":true,\"event_id\":8,\"full_tool_result\":\"{\\\"a\\\":1}\","
                + "\"truncated\":true}}", AgentToolResponseFullPayloadEvent.class);
        assertThat(full.fullToolResult()).isEqualTo("{\"a\":1}");
        assertThat(full.isTruncated()).isTrue();
        assertThat(full.isBlocked()).isFalse(); // the spec's default when absent

        McpToolCallEvent mcp = decode("{\"type\":\"mcp_tool_call\",\"mcp_tool_call\":{\"service_id\":\"s\",\"tool_call_id\":"
                + "\"m1\",\"tool_name\":\"search\",\"parameters\":{\"q\":\"x\"},\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"state\":\"awaiting_approval\",\"approval_timeout_secs\":300}}", McpToolCallEvent.class);
        assertThat(mcp.state()).isEqualTo("awaiting_approval");
        assertThat(mcp.approvalTimeoutSecs()).contains(300L);
        assertThat(mcp.result()).isEmpty();
        assertThat(mcp.toolDescription()).isEmpty();
        McpToolCallEvent done = decode("{\"type\":\"mcp_tool_call\",\"mcp_tool_call\":{\"service_id\":\"s\",\"tool_call_id\":"
                + "\"m1\",\"tool_name\":\"search\",\"parameters\":{},\"timestamp\":\"t\",\"state\":\"success\",\"result\":"
                + "[{\"type\":\"text\",\"text\":\"found\"}]}}", McpToolCallEvent.class);
        assertThat(done.result()).hasSize(1);
        assertThat(done.result().get(0).get("text").asString()).isEqualTo("found");

        McpConnectionStatusEvent status = decode("{\"type\":\"mcp_connection_status\",\"mcp_connection_status\":"
                + "{\"integrations\":[{\"integration_id\":\"i1\",\"integration_type\":\"mcp_server\",\"is_connected\":true,"
                + "\"tool_count\":3}]}}", McpConnectionStatusEvent.class);
        List<McpConnectionStatusEvent.Integration> integrations = status.integrations();
        assertThat(integrations).hasSize(1);
        assertThat(integrations.get(0).integrationId()).isEqualTo("i1");
        assertThat(integrations.get(0).integrationType()).isEqualTo("mcp_server");
        assertThat(integrations.get(0).isConnected()).isTrue();
        assertThat(integrations.get(0).toolCount()).isEqualTo(3);
    }

    @Test
    void scoresUsageAndContent() {
        assertThat(decode("{\"type\":\"vad_score\",\"vad_score_event\":{\"vad_score\":0.95}}", VadScoreEvent.class).score())
                .isEqualTo(0.95);
        assertThat(decode("{\"type\":\"internal_turn_probability\",\"turn_probability_internal_event\":"
                + "{\"turn_probability\":0.8}}", InternalTurnProbabilityEvent.class).probability()).isEqualTo(0.8);
        ContextUsageEvent usage = decode("{\"type\":\"context_usage\",\"context_usage_event\":{\"event_id\":9,\"model\":"
                + "\"gpt-4o\",\"context_tokens\":1200,\"context_limit_tokens\":128000}}", ContextUsageEvent.class);
        assertThat(usage.model()).isEqualTo("gpt-4o");
        assertThat(usage.contextTokens()).isEqualTo(1200);
        assertThat(usage.contextLimitTokens()).isEqualTo(128000);
        RichContentEvent rich = decode("{\"type\":\"rich_content\",\"rich_content\":{\"rich_content_id\":\"r1\","
                + "\"component\":\"item_card\",\"props\":{\"title\":\"Shoe\"},\"event_id\":9}}", RichContentEvent.class);
        assertThat(rich.component()).isEqualTo("item_card");
        assertThat(rich.props().get("title").asString()).isEqualTo("Shoe");
        assertThat(decode("{\"type\":\"asr_initiation_metadata\",\"asr_initiation_metadata_event\":{\"model\":\"m\"}}",
                AsrInitiationMetadataEvent.class).metadata().get("model").asString()).isEqualTo("m");
        AgentTypingEvent typing = decode("{\"type\":\"agent_typing\",\"agent_typing_event\":{\"is_typing\":true,"
                + "\"duration_ms\":null}}", AgentTypingEvent.class);
        assertThat(typing.isTyping()).isTrue();
        assertThat(typing.durationMs()).isEmpty();
        decode("{\"type\":\"guardrail_triggered\"}", GuardrailTriggeredEvent.class);
        decode("{\"type\":\"external_agent_connected\",\"external_agent_connected_event\":{}}",
                ExternalAgentConnectedEvent.class);
        decode("{\"type\":\"external_agent_disconnected\"}", ExternalAgentDisconnectedEvent.class);
    }

    @Test
    void errorEvent() {
        ErrorEvent error = decode("{\"type\":\"error\",\"error_event\":{\"code\":1008,\"message\":\"Missing variable\","
                + "\"error_type\":\"missing_dynamic_variable\",\"reason\":\"missing\",\"debug_message\":null,"
                + "\"details\":{\"variable\":\"user_name\"}}}", ErrorEvent.class);
        assertThat(error.code()).isEqualTo(1008);
        assertThat(error.message()).contains("Missing variable");
        assertThat(error.errorType()).contains("missing_dynamic_variable");
        assertThat(error.reason()).contains("missing");
        assertThat(error.debugMessage()).isEmpty();
        assertThat(error.details()).hasValueSatisfying(d -> assertThat(d.get("variable").asString()).isEqualTo("user_name"));
    }

    @Test
    void unknownTypeIsKeptRawNeverAnError() {
        String json = "{\"type\":\"brand_new_event\",\"brand_new_event\":{\"x\":[1,2]},\"extra\":true}";
        ConversationEvent event = ConversationEvents.decode(json);
        assertThat(event).isInstanceOf(UnknownEvent.class);
        assertThat(event.type()).isEqualTo("brand_new_event");
        assertThat(event.raw()).isEqualTo(JsonValue.parse(json));
    }

    @Test
    void unreadableMessagesBecomeMalformedEvents() {
        assertMalformed("not json", "", "not valid JSON");
        assertMalformed("[1,2]", "", "not a JSON object");
        assertMalformed("{\"agent_response_event\":{}}", "", "no \"type\"");
        assertMalformed("{\"type\":42}", "", "no \"type\"");
        assertMalformed("{\"type\":\"audio\"}", "audio", "no \"audio_event\" object");
        assertMalformed("{\"type\":\"agent_response\",\"agent_response_event\":\"text\"}", "agent_response",
                "no \"agent_response_event\" object");
        // The session could not act on these: no pong, no drop, no result.
        // The problem is the generated model's: it names the model and the property.
        assertMalformed("{\"type\":\"ping\",\"ping_event\":{}}", "ping", "PingData.event_id");
        assertMalformed("{\"type\":\"interruption\",\"interruption_event\":{\"event_id\":\"soon\"}}", "interruption",
                "InterruptionData.event_id");
        assertMalformed("{\"type\":\"client_tool_call\",\"client_tool_call\":{\"tool_name\":\"x\"}}", "client_tool_call",
                "ClientToolCallData.tool_call_id");
    }

    private static void assertMalformed(String text, String type, String problem) {
        ConversationEvent event = ConversationEvents.decode(text);
        assertThat(event).isInstanceOf(MalformedMessageEvent.class);
        MalformedMessageEvent malformed = (MalformedMessageEvent) event;
        assertThat(malformed.type()).isEqualTo(type);
        assertThat(malformed.text()).isEqualTo(text);
        assertThat(malformed.problem()).contains(problem);
    }

    @Test
    void missingRequiredFieldIsReportedByItsAccessorNamingIt() {
        AgentResponseEvent response = decode("{\"type\":\"agent_response\",\"agent_response_event\":{\"event_id\":3}}",
                AgentResponseEvent.class);
        assertThat(response.eventId()).isEqualTo(3);
        assertThatThrownBy(response::text).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("AgentResponseData.agent_response");
        ClientToolCallEvent call = decode("{\"type\":\"client_tool_call\",\"client_tool_call\":{\"tool_call_id\":\"t\"}}",
                ClientToolCallEvent.class);
        assertThat(call.parameters().isObject()).isTrue();
        assertThatThrownBy(call::eventId).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("ClientToolCallData.event_id");
        assertThatThrownBy(call::toolName).hasMessageContaining("tool_name");
    }

    @Test
    void aValueOfAnotherJsonTypeIsKeptInThePayloadAsTheRestModelsKeepIt() {
        AgentResponseEvent wrong = decode("{\"type\":\"agent_response\",\"agent_response_event\":{\"agent_response\":"
                + "\"x\",\"event_id\":{\"n\":1}}}", AgentResponseEvent.class);
        assertThat(wrong.text()).isEqualTo("x");
        assertThatThrownBy(wrong::eventId).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("AgentResponseData.event_id").hasMessageContaining("additionalProperties()");
        assertThat(wrong.payload().agentResponseEvent().additionalProperties().get("event_id"))
                .isEqualTo(JsonValue.parse("{\"n\":1}"));
        // An event id the session needs, as a string: it cannot act on it, so the message is malformed.
        assertMalformed("{\"type\":\"interruption\",\"interruption_event\":{\"event_id\":\"12\"}}", "interruption",
                "InterruptionData.event_id");
    }

    @Test
    void unknownPropertiesAreKeptInTheGeneratedPayload() {
        AgentResponseEvent response = decode("{\"type\":\"agent_response\",\"agent_response_event\":{\"agent_response\":"
                + "\"Hi\",\"event_id\":7,\"confidence\":0.9},\"trace\":\"t1\"}", AgentResponseEvent.class);
        assertThat(response.payload().additionalProperties()).containsEntry("trace", JsonValue.of("t1"));
        assertThat(response.payload().agentResponseEvent().additionalProperties())
                .containsEntry("confidence", JsonValue.of(0.9));
        ConversationMetadataEvent metadata = decode("{\"type\":\"conversation_initiation_metadata\","
                + "\"conversation_initiation_metadata_event\":{\"conversation_id\":\"c\","
                + "\"agent_output_audio_format\":\"opus_48000\",\"user_input_audio_format\":\"pcm_16000\"}}",
                ConversationMetadataEvent.class);
        assertThat(metadata.agentOutputAudioFormat()).as("an open enum keeps a value it does not know")
                .isEqualTo("opus_48000");
        assertThat(ConversationEvents.isKnownType("agent_response")).isTrue();
        assertThat(ConversationEvents.isKnownType("brand_new_event")).isFalse();
    }

    @Test
    void toStringCutsLongMessages() {
        String longText = "x".repeat(5000);
        ConversationEvent event = ConversationEvents.decode("{\"type\":\"agent_response\",\"agent_response_event\":"
                + "{\"agent_response\":\"" + longText + "\",\"event_id\":1}}");
        assertThat(event.toString()).startsWith("AgentResponseEvent{").hasSizeLessThan(400);
    }
}
