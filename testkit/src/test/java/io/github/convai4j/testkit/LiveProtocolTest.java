package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the fake does by itself: initiation, answers with audio, transcripts, recorded events, violations. */
class LiveProtocolTest {

    static FakeAgentsPlatform server;
    static Http http;

    @BeforeAll
    static void start() {
        server = FakeAgentsPlatform.builder().pingInterval(Duration.ZERO).audioBytesPerTranscript(8000).start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void initiationIsAnsweredWithMetadataAndTheFirstMessageWithDynamicVariables() {
        String agentId = server.addAgent("Greeter");
        http.patchJson("/v1/convai/agents/" + agentId,
                "{\"conversation_config\":{\"agent\":{\"first_message\":\"Hello {{user_name}}, I am {{ system__agent_id }}.\"}}}");

        try (WsClient client = WsClient.connect(server, agentId)) {
            client.send("{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"user_name\":\"Ada\"},"
                    + "\"user_id\":\"user-7\"}");

            JsonNode metadata = client.await("conversation_initiation_metadata");
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            assertThat(metadata.at("/conversation_initiation_metadata_event/conversation_id").asText())
                    .isEqualTo(session.conversationId()).matches("conv_[0-9a-z]{28}");
            assertThat(metadata.at("/conversation_initiation_metadata_event/agent_output_audio_format").asText())
                    .isEqualTo("pcm_16000");
            assertThat(metadata.at("/conversation_initiation_metadata_event/user_input_audio_format").asText())
                    .isEqualTo("pcm_16000");
            assertThat(client.types().get(0)).isEqualTo("conversation_initiation_metadata");
            JsonNode first = client.await("agent_response");
            assertThat(first.at("/agent_response_event/agent_response").asText())
                    .isEqualTo("Hello Ada, I am " + agentId + ".");
            assertThat(session.awaitMessage("conversation_initiation_client_data", WsClient.TIMEOUT)
                    .string("dynamic_variables", "user_name")).isEqualTo("Ada");
        }
    }

    @Test
    void anOverriddenFirstMessageWins() {
        String agentId = server.addAgent("Greeter");

        try (WsClient client = WsClient.connect(server, agentId)) {
            client.send("{\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":"
                    + "{\"agent\":{\"first_message\":\"Overridden hello\"}}}");

            assertThat(client.await("agent_response").at("/agent_response_event/agent_response").asText())
                    .isEqualTo("Overridden hello");
        }
    }

    @Test
    void aFirstMessageNeedingAMissingDynamicVariableCloses1008() {
        String agentId = server.addAgent("Greeter");
        http.patchJson("/v1/convai/agents/" + agentId,
                "{\"conversation_config\":{\"agent\":{\"first_message\":\"Hi {{user_name}}\"}}}");

        try (WsClient client = WsClient.connect(server, agentId)) {
            client.send("{\"type\":\"conversation_initiation_client_data\"}");

            assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(1008, "missing_dynamic_variable"));
            assertThat(client.await("error").at("/error_event/message").asText()).contains("user_name");
            assertThat(client.all("conversation_initiation_metadata")).isEmpty();
        }
    }

    @Test
    void aMessageBeforeTheInitiationCloses1008InvalidMessage() {
        String agentId = server.addAgent("Strict");

        try (WsClient client = WsClient.connect(server, agentId)) {
            client.send("{\"type\":\"user_message\",\"text\":\"too early\"}");

            assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(1008, "invalid_message"));
            JsonNode error = client.await("error").get("error_event");
            assertThat(error.get("code").asInt()).isEqualTo(1008);
            assertThat(error.get("error_type").asText()).isEqualTo("invalid_message");
            assertThat(error.get("message").asText()).contains("conversation_initiation_client_data");
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            LiveSession.Closure closure = session.awaitClosed(WsClient.TIMEOUT);
            assertThat(closure.code()).isEqualTo(1008);
            assertThat(closure.byServer()).isTrue();
            assertThat(session.received()).extracting(LiveMessage::type).containsExactly("user_message");
        }
    }

    /** Values the API documents do not list end the session as a strict server would: 1008 value_error. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an unlisted source               | {\"type\":\"conversation_initiation_client_data\",\"source_info\":{\"source\":\"java_sdk\"}} | source_info.source 'java_sdk'",
        "a source that is not a string    | {\"type\":\"conversation_initiation_client_data\",\"source_info\":{\"source\":7}} | source_info.source 7",
        "a version over 50 characters     | {\"type\":\"conversation_initiation_client_data\",\"source_info\":{\"source\":\"unknown\",\"version\":\"123456789012345678901234567890123456789012345678901\"}} | source_info.version",
        "an unlisted language             | {\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":{\"agent\":{\"language\":\"xx\"}}} | agent.language 'xx'",
        "an unlisted client event         | {\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":{\"conversation\":{\"client_events\":[\"audio\",\"everything\"]}}} | client_events[] 'everything'",
        "an unlisted mocking strategy     | {\"type\":\"conversation_initiation_client_data\",\"tool_mock_config\":{\"mocking_strategy\":\"some\"}} | tool_mock_config.mocking_strategy 'some'",
        "an unlisted fallback strategy    | {\"type\":\"conversation_initiation_client_data\",\"tool_mock_config\":{\"fallback_strategy\":\"ignore\"}} | tool_mock_config.fallback_strategy 'ignore'",
    })
    void anInitiationWithAValueTheDocumentsDoNotListCloses1008ValueError(String name, String message, String problem) {
        String agentId = server.addAgent("Strict");

        try (WsClient client = WsClient.connect(server, agentId)) {
            client.send(message);

            assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(1008, "value_error"));
            assertThat(client.await("error").at("/error_event/message").asText()).contains(problem);
            assertThat(client.all("conversation_initiation_metadata")).isEmpty();
        }
    }

    @Test
    void aUrlNamingAnUnlistedSourceCloses1008ValueErrorAtTheInitiation() {
        String agentId = server.addAgent("Strict");

        try (WsClient client = WsClient.connect("ws://127.0.0.1:" + server.port() + "/v1/convai/conversation?agent_id="
                + agentId + "&source=java_sdk&version=1.0", Map.of())) {
            client.send("{\"type\":\"conversation_initiation_client_data\"}");

            assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(1008, "value_error"));
            assertThat(client.await("error").at("/error_event/message").asText())
                    .contains("the URL's source parameter 'java_sdk'");
        }
        try (WsClient client = WsClient.connect("ws://127.0.0.1:" + server.port() + "/v1/convai/conversation?agent_id="
                + agentId + "&source=unknown&version=1.0", Map.of())) {
            client.send("{\"type\":\"conversation_initiation_client_data\",\"source_info\":{\"source\":\"unknown\"}}");
            assertThat(client.await("conversation_initiation_metadata")).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON                 | {\"type\":                                      | invalid_message",
        "not an object                  | [1,2]                                            | invalid_message",
        "no type                        | {\"text\":\"hi\"}                                | invalid_message",
        "unknown type                   | {\"type\":\"user_mesage\",\"text\":\"typo\"}     | invalid_message",
        "pong without event_id          | {\"type\":\"pong\"}                              | missing_fields",
        "tool result without is_error   | {\"type\":\"client_tool_result\",\"tool_call_id\":\"t\",\"result\":\"r\"} | missing_fields",
        "contextual update without text | {\"type\":\"contextual_update\"}                 | missing_fields",
        "feedback with a numeric score  | {\"type\":\"feedback\",\"event_id\":1,\"score\":5} | value_error",
        "feedback with an unlisted score | {\"type\":\"feedback\",\"event_id\":1,\"score\":\"meh\"} | value_error",
        "audio that is not base64       | {\"user_audio_chunk\":\"***\"}                   | value_error",
        "user_message text a number     | {\"type\":\"user_message\",\"text\":42}          | value_error",
    })
    void aViolationAfterTheStartCloses1008WithItsErrorType(String name, String message, String errorType) {
        String agentId = server.addAgent("Strict");

        try (WsClient client = WsClient.started(server, agentId)) {
            client.send(message);

            assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(1008, errorType));
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            assertThat(session.awaitClosed(WsClient.TIMEOUT).reason()).isEqualTo(errorType);
            assertThat(session.received()).last().extracting(LiveMessage::raw).isEqualTo(message);
        }
    }

    @Test
    void aUserMessageIsAnsweredWithAnAgentResponseAndAudio() {
        String agentId = server.addAgent("Echo");

        try (WsClient client = WsClient.started(server, agentId)) {
            client.send("{\"type\":\"user_message\",\"text\":\"Hi there\"}");

            JsonNode response = client.await("agent_response");
            assertThat(response.at("/agent_response_event/agent_response").asText()).isEqualTo("You said: Hi there");
            long responseId = response.at("/agent_response_event/event_id").asLong();
            List<JsonNode> audio = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                audio.add(client.await("audio"));
            }
            long previous = responseId;
            StringBuilder spoken = new StringBuilder();
            int pcmBytes = 0;
            for (JsonNode event : audio) {
                JsonNode body = event.get("audio_event");
                assertThat(body.get("event_id").asLong()).isGreaterThan(previous);
                previous = body.get("event_id").asLong();
                byte[] pcm = Base64.getDecoder().decode(body.get("audio_base_64").asText());
                int chars = body.at("/alignment/chars").size();
                assertThat(pcm.length).isEqualTo(chars * 20 * 16 * 2); // 20 ms a character, 16 kHz, 16 bit
                assertThat(body.at("/alignment/char_start_times_ms").size()).isEqualTo(chars);
                body.at("/alignment/chars").forEach(c -> spoken.append(c.asText()));
                pcmBytes += pcm.length;
            }
            assertThat(spoken.toString()).isEqualTo("You said: Hi there");
            assertThat(pcmBytes).isEqualTo("You said: Hi there".length() * 640);
            assertThat(client.all("audio")).hasSize(3);
        }
    }

    @Test
    void aTextOnlyConversationGetsNoAudio() {
        String agentId = server.addAgent("Texter");

        try (WsClient client = WsClient.connect(server, agentId)) {
            client.send("{\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":"
                    + "{\"conversation\":{\"text_only\":true}}}");
            client.await("conversation_initiation_metadata");
            client.send("{\"type\":\"user_message\",\"text\":\"one\"}");
            client.await("agent_response");
            client.send("{\"type\":\"user_message\",\"text\":\"two\"}");
            client.await("agent_response");

            assertThat(client.types()).containsExactly("conversation_initiation_metadata", "agent_response",
                    "agent_response");
        }
    }

    @Test
    void anAgentWithUlawOutputSpeaksUlawAt8kHz() {
        String agentId = server.addAgent("Phone");
        http.patchJson("/v1/convai/agents/" + agentId,
                "{\"conversation_config\":{\"tts\":{\"agent_output_audio_format\":\"ulaw_8000\"}}}");

        try (WsClient client = WsClient.started(server, agentId)) {
            client.send("{\"type\":\"user_message\",\"text\":\"x\"}");

            JsonNode audio = client.await("audio").get("audio_event");
            assertThat(Base64.getDecoder().decode(audio.get("audio_base_64").asText()))
                    .hasSize("You said: x".length() / 3 * 20 * 8); // one byte a sample, first third of the text
            assertThat(client.all("conversation_initiation_metadata").get(0)
                    .at("/conversation_initiation_metadata_event/agent_output_audio_format").asText())
                    .isEqualTo("ulaw_8000");
        }
    }

    @Test
    void userAudioIsCountedAndTranscribedEveryConfiguredNumberOfBytes() {
        String agentId = server.addAgent("Listener");
        String chunk = Base64.getEncoder().encodeToString(new byte[3000]);

        try (WsClient client = WsClient.started(server, agentId)) {
            for (int i = 0; i < 3; i++) {
                client.send("{\"user_audio_chunk\":\"" + chunk + "\"}");
            }
            JsonNode transcript = client.await("user_transcript");
            JsonNode reply = client.await("agent_response");
            client.send("{\"user_audio_chunk\":\"" + chunk + "\"}");

            assertThat(transcript.at("/user_transcription_event/user_transcript").asText())
                    .isEqualTo("[user audio: 9000 bytes]");
            assertThat(transcript.at("/user_transcription_event/event_id").asLong()).isPositive();
            assertThat(reply.at("/agent_response_event/agent_response").asText())
                    .isEqualTo("You said: [user audio: 9000 bytes]");
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            session.awaitMessage(LiveMessage.USER_AUDIO_CHUNK, WsClient.TIMEOUT);
            session.awaitMessage(LiveMessage.USER_AUDIO_CHUNK, WsClient.TIMEOUT);
            session.awaitMessage(LiveMessage.USER_AUDIO_CHUNK, WsClient.TIMEOUT);
            session.awaitMessage(LiveMessage.USER_AUDIO_CHUNK, WsClient.TIMEOUT);
            assertThat(session.userAudioBytes()).isEqualTo(12000);
            assertThat(client.all("user_transcript")).hasSize(1);
        }
    }

    @Test
    void otherClientEventsAreRecordedWithoutAnswer() {
        String agentId = server.addAgent("Quiet");

        try (WsClient client = WsClient.started(server, agentId)) {
            client.send("{\"type\":\"contextual_update\",\"text\":\"User is on the pricing page\",\"context_id\":\"page\"}");
            client.send("{\"type\":\"user_activity\"}");
            client.send("{\"type\":\"feedback\",\"score\":\"like\",\"event_id\":1}");
            client.send("{\"type\":\"feedback\",\"score\":null,\"event_id\":1}");
            client.send("{\"type\":\"mcp_tool_approval_result\",\"tool_call_id\":\"mcp_1\",\"is_approved\":false}");
            client.send("{\"type\":\"multimodal_message\",\"file\":{\"type\":\"file_input\",\"file_id\":\"file_1\"}}");
            client.send("{\"type\":\"conversation_initiation_client_data\"}");
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            session.awaitMessage("conversation_initiation_client_data", WsClient.TIMEOUT);
            LiveMessage repeated = session.awaitMessage("conversation_initiation_client_data", WsClient.TIMEOUT);

            assertThat(repeated.raw()).isEqualTo("{\"type\":\"conversation_initiation_client_data\"}");
            assertThat(session.received()).extracting(LiveMessage::type).containsExactly(
                    "conversation_initiation_client_data", "contextual_update", "user_activity", "feedback", "feedback",
                    "mcp_tool_approval_result", "multimodal_message", "conversation_initiation_client_data");
            assertThat(session.received("contextual_update").get(0).string("context_id")).isEqualTo("page");
            assertThat(session.received("feedback").get(1).has("score")).isTrue();
            assertThat(session.received("feedback").get(1).string("score")).isNull();
            assertThat(session.received("mcp_tool_approval_result").get(0).bool("is_approved")).isFalse();
            assertThat(session.received("multimodal_message").get(0).string("file", "file_id")).isEqualTo("file_1");
            assertThat(session.isOpen()).isTrue();
            assertThat(client.types()).containsExactly("conversation_initiation_metadata");
        }
    }

    @Test
    void aMultimodalMessageWithTextIsAUserTurn() {
        String agentId = server.addAgent("Eyes");

        try (WsClient client = WsClient.started(server, agentId)) {
            client.send("{\"type\":\"multimodal_message\",\"text\":{\"type\":\"user_message\",\"text\":\"see file\"},"
                    + "\"file\":{\"type\":\"file_input\",\"file_id\":\"file_1\"}}");

            assertThat(client.await("agent_response").at("/agent_response_event/agent_response").asText())
                    .isEqualTo("You said: see file");
        }
    }

    @Test
    void aMessageInSeveralFramesArrivesWhole() {
        String agentId = server.addAgent("Echo");

        try (WsClient client = WsClient.started(server, agentId)) {
            client.sendFragmented("{\"type\":\"user_message\",", "\"text\":\"in two frames\"}");

            assertThat(client.await("agent_response").at("/agent_response_event/agent_response").asText())
                    .isEqualTo("You said: in two frames");
        }
    }

    @Test
    void webSocketPingFramesAreAnsweredWithPongFrames() {
        String agentId = server.addAgent("Echo");

        try (WsClient client = WsClient.started(server, agentId)) {
            assertThat(client.pingFrame(new byte[] {7, 8, 9})).containsExactly(7, 8, 9);
            assertThat(server.awaitSession(WsClient.TIMEOUT).isOpen()).isTrue();
        }
    }

    @Test
    void builderRejectsSettingsThatMakeNoSense() {
        FakeAgentsPlatform.Builder builder = FakeAgentsPlatform.builder();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.pingInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pingInterval");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.pongTimeout(null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.signedUrlTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signedUrlTtl");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.audioBytesPerTranscript(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBinaryFrameCloses1008() throws Exception {
        String agentId = server.addAgent("Strict");
        java.net.http.WebSocket[] socket = new java.net.http.WebSocket[1];
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        socket[0] = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + server.port()
                        + "/v1/convai/conversation?agent_id=" + agentId), new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws,
                                                                                  int code, String reason) {
                                closed.complete(code);
                                return null;
                            }
                        }).join();

        socket[0].sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();

        assertThat(closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(server.awaitSession(WsClient.TIMEOUT).awaitClosed(WsClient.TIMEOUT).reason())
                .isEqualTo("invalid_message");
    }
}
