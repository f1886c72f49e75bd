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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a test drives: tool calls, interruptions, pings, closes, raw events, scripts; and what is stored after. */
class LiveControlTest {

    static FakeAgentsPlatform server;
    static Http http;

    @BeforeAll
    static void start() {
        server = FakeAgentsPlatform.builder().pingInterval(Duration.ZERO).start();
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
    void aClientToolCallIsAnsweredAndTheResultRecorded() {
        String agentId = server.addAgent("Tools");

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            String callId = session.callClientTool("get_weather", "{\"city\":\"Paris\",\"days\":2}");
            JsonNode call = client.await("client_tool_call").get("client_tool_call");
            assertThat(call.get("tool_name").asText()).isEqualTo("get_weather");
            assertThat(call.get("tool_call_id").asText()).isEqualTo(callId).matches("tool_call_[0-9A-Za-z]{20}");
            assertThat(call.get("parameters").toString()).isEqualTo("{\"city\":\"Paris\",\"days\":2}");
            assertThat(call.get("event_id").asLong()).isPositive();

            client.send("{\"type\":\"client_tool_result\",\"tool_call_id\":\"" + callId
                    + "\",\"result\":\"sunny\",\"is_error\":false}");
            LiveMessage result = session.awaitClientToolResult(callId, WsClient.TIMEOUT);

            assertThat(result.string("result")).isEqualTo("sunny");
            assertThat(result.bool("is_error")).isFalse();
            assertThat(session.received("client_tool_result")).containsExactly(result);
        }
    }

    @Test
    void sendClientToolCallBlocksUntilTheResultAndSeesErrors() throws Exception {
        String agentId = server.addAgent("Tools");

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            ExecutorService test = Executors.newSingleThreadExecutor();
            try {
                Future<LiveMessage> result = test.submit(() ->
                        session.sendClientToolCall("unknown_tool", "{}", WsClient.TIMEOUT));
                String id = client.await("client_tool_call").at("/client_tool_call/tool_call_id").asText();
                assertThat(result.isDone()).isFalse();

                client.send("{\"type\":\"client_tool_result\",\"tool_call_id\":\"" + id
                        + "\",\"result\":\"Tool 'unknown_tool' is not registered\",\"is_error\":true}");

                LiveMessage answer = result.get(10, TimeUnit.SECONDS);
                assertThat(answer.bool("is_error")).isTrue();
                assertThat(answer.string("result")).contains("not registered");
            } finally {
                test.shutdownNow();
            }
        }
    }

    @Test
    void waitingForAToolResultFailsClearlyOnTimeoutAndWhenTheSessionEnds() {
        String agentId = server.addAgent("Tools");

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            String id = session.callClientTool("slow", "{}");

            assertThatThrownBy(() -> session.awaitClientToolResult(id, Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no client_tool_result for " + id);
            client.close(1000, "bye");
            assertThatThrownBy(() -> session.awaitClientToolResult(id, WsClient.TIMEOUT))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("ended (1000 bye (by the client))");
        }
    }

    @Test
    void toolCallParametersMustBeAJsonObject() {
        String agentId = server.addAgent("Tools");

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);

            assertThatThrownBy(() -> session.callClientTool("t", "[1]"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
            assertThatThrownBy(() -> session.callClientTool("t", "{oops"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> session.callClientTool(" ", "{}"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aScriptCanCallAToolWhenTheUserAsksAndAnswerWithItsResult() {
        String agentId = server.addAgent("Weather");
        server.script(agentId, (session, text) -> {
            if (text.contains("weather")) {
                LiveMessage result = session.sendClientToolCall("get_weather", "{\"city\":\"Paris\"}",
                        WsClient.TIMEOUT);
                session.sendAgentResponse("It is " + result.string("result") + " in Paris.");
            } else {
                session.sendAgentResponse("Ask me about the weather.");
            }
        });

        try (WsClient client = WsClient.started(server, agentId)) {
            client.send("{\"type\":\"user_message\",\"text\":\"hello\"}");
            assertThat(client.await("agent_response").at("/agent_response_event/agent_response").asText())
                    .isEqualTo("Ask me about the weather.");
            client.send("{\"type\":\"user_message\",\"text\":\"what is the weather?\"}");
            String id = client.await("client_tool_call").at("/client_tool_call/tool_call_id").asText();
            client.send("{\"type\":\"client_tool_result\",\"tool_call_id\":\"" + id
                    + "\",\"result\":\"sunny\",\"is_error\":false}");

            assertThat(client.await("agent_response").at("/agent_response_event/agent_response").asText())
                    .isEqualTo("It is sunny in Paris.");
        }
    }

    @Test
    void aFailingScriptEndsTheSessionWith1011() {
        String agentId = server.addAgent("Broken");
        server.script(agentId, (session, text) -> {
            throw new IllegalStateException("script bug");
        });

        try (WsClient client = WsClient.started(server, agentId)) {
            client.send("{\"type\":\"user_message\",\"text\":\"hi\"}");

            assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(1011, "unknown_websocket_crash"));
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            assertThat(session.scriptFailure()).hasMessage("script bug");
            assertThat(client.await("error").at("/error_event/message").asText()).contains("script bug");
        }
    }

    @Test
    void eventsSentFromManyThreadsAtOnceGoOutNumberedInOrderAndAsRecorded() throws Exception {
        String agentId = server.addAgent("Chatty");
        int threads = 4;
        int rounds = 25;

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            long before = session.interrupt(); // the last event_id given out so far
            client.await("interruption");
            ExecutorService senders = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Long>>> returned = new ArrayList<>();
            try {
                for (int t = 0; t < threads; t++) {
                    returned.add(senders.submit(() -> {
                        go.await();
                        List<Long> ids = new ArrayList<>();
                        for (int i = 0; i < rounds; i++) {
                            ids.add(session.sendAgentResponse("ok")); // and its two audio events
                            ids.add(session.sendAudio(new byte[] {1, 0}));
                            ids.add(session.sendPing());
                        }
                        return ids;
                    }));
                }
                go.countDown();
                Set<Long> ids = new HashSet<>();
                for (Future<List<Long>> result : returned) {
                    ids.addAll(result.get(30, TimeUnit.SECONDS));
                }
                assertThat(ids).hasSize(threads * rounds * 3);
            } finally {
                senders.shutdownNow();
            }

            List<String> sent = new ArrayList<>();
            for (LiveMessage message : session.sent()) {
                sent.add(message.raw());
            }
            long deadline = System.nanoTime() + WsClient.TIMEOUT.toNanos();
            while (client.texts().size() < sent.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(client.texts()).containsExactlyElementsOf(sent); // the wire order is the recorded order

            List<Long> onTheWire = new ArrayList<>();
            for (String text : client.texts()) {
                JsonNode message = Http.JSON.readTree(text);
                JsonNode eventId = message.path(message.path("type").asText() + "_event").path("event_id");
                if (eventId.isIntegralNumber() && eventId.asLong() > before) {
                    onTheWire.add(eventId.asLong());
                }
            }
            List<Long> expected = new ArrayList<>();
            for (long id = before + 1; id <= before + threads * rounds * 5L; id++) {
                expected.add(id);
            }
            assertThat(onTheWire).containsExactlyElementsOf(expected); // every id once, none skipped, ascending
        }
    }

    @Test
    void anInterruptionNamesTheLastEventAndLaterAudioHasHigherIds() {
        String agentId = server.addAgent("Talker");

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            session.sendAgentResponse("A long answer");
            long lastAudio = 0;
            for (int i = 0; i < 3; i++) {
                lastAudio = client.await("audio").at("/audio_event/event_id").asLong();
            }

            long interruption = session.interrupt();
            session.sendAudio(new byte[] {1, 0}, lastAudio); // a stale chunk still in flight: clients drop it
            long fresh = session.sendAudio(new byte[] {2, 0});

            assertThat(interruption).isEqualTo(lastAudio);
            assertThat(client.await("interruption").at("/interruption_event/event_id").asLong()).isEqualTo(lastAudio);
            assertThat(client.await("audio").at("/audio_event/event_id").asLong()).isEqualTo(lastAudio);
            assertThat(client.await("audio").at("/audio_event/event_id").asLong()).isEqualTo(fresh)
                    .isGreaterThan(interruption);
            assertThat(session.sent()).extracting(LiveMessage::type).containsSubsequence("agent_response", "audio",
                    "interruption", "audio", "audio");
        }
    }

    @Test
    void aPingIsAnsweredAndTheNextPingCarriesTheRoundTrip() {
        String agentId = server.addAgent("Pinger");

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            long first = session.sendPing();
            JsonNode ping = client.await("ping").get("ping_event");
            assertThat(ping.get("event_id").asLong()).isEqualTo(first);
            assertThat(ping.get("ping_ms").isNull()).isTrue();
            LiveMessage pong = session.awaitMessage("pong", WsClient.TIMEOUT);
            assertThat(pong.number("event_id").longValue()).isEqualTo(first);

            long second = session.sendPing();

            JsonNode next = client.await("ping").get("ping_event");
            assertThat(next.get("event_id").asLong()).isEqualTo(second).isGreaterThan(first);
            assertThat(next.get("ping_ms").isIntegralNumber()).isTrue();
            assertThat(next.get("ping_ms").asLong()).isBetween(0L, 10_000L);
        }
    }

    @Test
    void pingsComePeriodicallyAndAMissingPongCloses1002() {
        try (FakeAgentsPlatform pinging = FakeAgentsPlatform.builder().pingInterval(Duration.ofMillis(100))
                .pongTimeout(Duration.ofSeconds(3)).start()) {
            String agentId = pinging.addAgent("Pinger");
            try (WsClient answering = WsClient.started(pinging, agentId)) {
                LiveSession session = pinging.awaitSession(WsClient.TIMEOUT);
                for (int i = 0; i < 4; i++) {
                    session.awaitMessage("pong", WsClient.TIMEOUT);
                }
                assertThat(session.isOpen()).isTrue();

                WsClient silent = WsClient.started(pinging, agentId).autoPong(false);
                LiveSession unanswered = pinging.awaitSession(WsClient.TIMEOUT);

                assertThat(silent.awaitClose()).isEqualTo(new WsClient.Close(1002, "transport_receive_timeout"));
                assertThat(silent.await("error").at("/error_event/message").asText()).startsWith("No pong for ping");
                assertThat(unanswered.awaitClosed(WsClient.TIMEOUT).code()).isEqualTo(1002);
                assertThat(session.isOpen()).isTrue();
                assertThat(answering.all("ping").size()).isGreaterThanOrEqualTo(4);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "1000, max_duration_exceeded",
        "1002, llm_timeout",
        "1008, override_error",
        "1011, unknown_websocket_crash",
        "4000, custom",
    })
    void closeWithErrorSendsTheErrorEventThenTheCodeWithTheErrorTypeAsReason(int code, String errorType) {
        String agentId = server.addAgent("Closer");

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);

            session.closeWithError(code, errorType, "Closing for the test");

            assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(code, errorType));
            JsonNode error = client.await("error").get("error_event");
            assertThat(error.get("code").asInt()).isEqualTo(code);
            assertThat(error.get("error_type").asText()).isEqualTo(errorType);
            assertThat(error.get("message").asText()).isEqualTo("Closing for the test");
            LiveSession.Closure closure = session.awaitClosed(WsClient.TIMEOUT);
            assertThat(closure.code()).isEqualTo(code);
            assertThat(closure.reason()).isEqualTo(errorType);
            assertThat(closure.byServer()).isTrue();
            assertThat(session.isOpen()).isFalse();
            assertThatThrownBy(() -> session.sendAgentResponse("too late"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "1000, ''",
        "1000, agent ended the call",
        "1002, llm_error",
        "1008, invalid_message",
        "1011, unknown_websocket_crash",
    })
    void closeSendsOnlyTheCloseFrame(int code, String reason) {
        String agentId = server.addAgent("Closer");

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);

            session.close(code, reason);
            session.close(4999, "ignored: already closing");

            assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(code, reason));
            assertThat(client.types()).containsExactly("conversation_initiation_metadata");
        }
    }

    @Test
    void closeRejectsCodesAndReasonsThatCannotBeSent() {
        String agentId = server.addAgent("Closer");

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);

            assertThatThrownBy(() -> session.close(1006, "")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1006");
            assertThatThrownBy(() -> session.close(999, "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> session.close(1000, "x".repeat(124)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("123 bytes");
            assertThatThrownBy(() -> session.closeWithError(1008, null, "m"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(session.isOpen()).isTrue();
        }
    }

    @Test
    void aClientCloseIsAnsweredWithTheSameCodeAndRecorded() {
        String agentId = server.addAgent("Closer");

        try (WsClient client = WsClient.started(server, agentId)) {
            client.close(1000, "user hung up");

            assertThat(client.awaitClose().code()).isEqualTo(1000);
            LiveSession.Closure closure = server.awaitSession(WsClient.TIMEOUT).awaitClosed(WsClient.TIMEOUT);
            assertThat(closure.code()).isEqualTo(1000);
            assertThat(closure.reason()).isEqualTo("user hung up");
            assertThat(closure.byServer()).isFalse();
        }
    }

    @Test
    void rawMessagesGoOutVerbatimUnknownTypesIncluded() {
        String agentId = server.addAgent("Raw");
        String unknown = "{\"type\":\"brand_new_event\",\"brand_new_event\":{\"x\":1}}";

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            session.sendRaw(unknown);
            session.sendRaw("{\"type\":\"vad_score\",\"vad_score_event\":{\"vad_score\":0.95}}");
            session.sendRaw("not json at all");
            session.sendAgentResponse("still talking");

            assertThat(client.await("agent_response")).isNotNull();
            assertThat(client.texts()).contains(unknown, "not json at all");
            assertThat(client.await("brand_new_event").at("/brand_new_event/x").asInt()).isEqualTo(1);
            assertThat(client.await("vad_score").at("/vad_score_event/vad_score").asDouble()).isEqualTo(0.95);
            assertThat(session.sent()).extracting(LiveMessage::raw).contains(unknown, "not json at all");
            assertThat(session.sent().get(3).isJson()).isFalse();
            assertThat(session.isOpen()).isTrue();
        }
    }

    @Test
    void theEndedConversationIsStoredWithItsTranscript() {
        String agentId = server.addAgent("Support");
        http.patchJson("/v1/convai/agents/" + agentId,
                "{\"conversation_config\":{\"agent\":{\"first_message\":\"How can I help?\"}}}");
        LiveSession session;
        try (WsClient client = WsClient.connect(server, agentId)) {
            client.send("{\"type\":\"conversation_initiation_client_data\",\"user_id\":\"user-42\"}");
            client.await("conversation_initiation_metadata");
            client.send("{\"type\":\"user_message\",\"text\":\"Where is my order?\"}");
            client.await("agent_response");
            client.await("agent_response");
            session = server.awaitSession(WsClient.TIMEOUT);
            assertThat(http.get("/v1/convai/conversations/" + session.conversationId()).status())
                    .as("not stored while open").isEqualTo(404);
            session.close(1000, "");
            client.awaitClose();
            session.awaitClosed(WsClient.TIMEOUT);
        }

        JsonNode conversation = http.get("/v1/convai/conversations/" + session.conversationId()).json();
        assertThat(conversation.get("agent_id").asText()).isEqualTo(agentId);
        assertThat(conversation.get("status").asText()).isEqualTo("done");
        assertThat(conversation.get("user_id").asText()).isEqualTo("user-42");
        assertThat(conversation.at("/metadata/termination_reason").asText())
                .isEqualTo("Agent ended the conversation: 1000");
        JsonNode transcript = conversation.get("transcript");
        assertThat(transcript).hasSize(3);
        assertThat(transcript.at("/0/role").asText()).isEqualTo("agent");
        assertThat(transcript.at("/0/message").asText()).isEqualTo("How can I help?");
        assertThat(transcript.at("/1/role").asText()).isEqualTo("user");
        assertThat(transcript.at("/1/message").asText()).isEqualTo("Where is my order?");
        assertThat(transcript.at("/2/message").asText()).isEqualTo("You said: Where is my order?");
        JsonNode listed = http.get("/v1/convai/conversations?agent_id=" + agentId).json().get("conversations");
        assertThat(listed).hasSize(1);
        assertThat(listed.at("/0/conversation_id").asText()).isEqualTo(session.conversationId());
        assertThat(listed.at("/0/message_count").asInt()).isEqualTo(3);
    }

    @Test
    void anErrorEndIsStoredAsFailedAndAnUnstartedSessionNotAtAll() {
        String agentId = server.addAgent("Support");
        LiveSession failed;
        try (WsClient client = WsClient.started(server, agentId)) {
            failed = server.awaitSession(WsClient.TIMEOUT);
            failed.closeWithError(1002, "llm_timeout", "The LLM took too long");
            failed.awaitClosed(WsClient.TIMEOUT);
        }
        LiveSession unstarted;
        try (WsClient client = WsClient.connect(server, agentId)) {
            unstarted = server.awaitSession(WsClient.TIMEOUT);
            client.close(1000, "");
            unstarted.awaitClosed(WsClient.TIMEOUT);
        }

        JsonNode conversation = http.get("/v1/convai/conversations/" + failed.conversationId()).json();
        assertThat(conversation.get("status").asText()).isEqualTo("failed");
        assertThat(conversation.at("/analysis/call_successful").asText()).isEqualTo("failure");
        assertThat(conversation.at("/metadata/termination_reason").asText()).endsWith("1002 llm_timeout");
        assertThat(http.get("/v1/convai/conversations/" + unstarted.conversationId()).status()).isEqualTo(404);
    }

    @Test
    void resetClosesOpenSessionsWith1001AndForgetsThem() {
        String agentId = server.addAgent("Support");
        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);

            server.reset();

            assertThat(client.awaitClose()).isEqualTo(new WsClient.Close(1001, "fake server reset"));
            assertThat(session.awaitClosed(WsClient.TIMEOUT).code()).isEqualTo(1001);
            assertThat(server.sessions()).isEmpty();
            assertThat(http.get("/v1/convai/conversations").json().get("conversations")).isEmpty();
        }
    }

    @Test
    void awaitingASessionOrAMessageThatDoesNotComeFailsClearly() {
        assertThatThrownBy(() -> server.awaitSession(Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no WebSocket session");
        String agentId = server.addAgent("Quiet");
        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);

            assertThatThrownBy(() -> session.awaitMessage("user_message", Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no further 'user_message'")
                    .hasMessageContaining("[conversation_initiation_client_data]");
        }
    }

    @Test
    void concurrentSessionsAreIndependent() throws Exception {
        String agentId = server.addAgent("Busy");
        int sessions = 6;
        ExecutorService clients = Executors.newFixedThreadPool(sessions);
        try {
            List<Callable<String>> conversations = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                int n = i;
                conversations.add(() -> {
                    try (WsClient client = WsClient.started(server, agentId)) {
                        String id = client.all("conversation_initiation_metadata").get(0)
                                .at("/conversation_initiation_metadata_event/conversation_id").asText();
                        for (int turn = 0; turn < 3; turn++) {
                            client.send("{\"type\":\"user_message\",\"text\":\"client " + n + " turn " + turn + "\"}");
                            String answer = client.await("agent_response").at("/agent_response_event/agent_response")
                                    .asText();
                            assertThat(answer).isEqualTo("You said: client " + n + " turn " + turn);
                        }
                        client.close(1000, "");
                        client.awaitClose();
                        return id;
                    }
                });
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> result : clients.invokeAll(conversations, 60, TimeUnit.SECONDS)) {
                ids.add(result.get());
            }

            assertThat(ids).hasSize(sessions);
            assertThat(server.sessions()).hasSize(sessions);
            for (LiveSession session : server.sessions()) {
                session.awaitClosed(WsClient.TIMEOUT);
                assertThat(session.received("user_message")).hasSize(3);
            }
            assertThat(http.get("/v1/convai/conversations?agent_id=" + agentId).json().get("conversations"))
                    .hasSize(sessions);
        } finally {
            clients.shutdownNow();
        }
    }
}
