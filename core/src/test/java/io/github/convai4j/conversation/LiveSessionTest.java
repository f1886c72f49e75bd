package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.AgentResponseEvent;
import io.github.convai4j.conversation.events.AudioEvent;
import io.github.convai4j.conversation.events.ClientToolCallEvent;
import io.github.convai4j.conversation.events.ConversationEvent;
import io.github.convai4j.conversation.events.ConversationMetadataEvent;
import io.github.convai4j.conversation.events.InterruptionEvent;
import io.github.convai4j.conversation.events.MalformedMessageEvent;
import io.github.convai4j.conversation.events.PingEvent;
import io.github.convai4j.conversation.events.UnknownEvent;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session's own logic, driven through the WebSocket SPI by an in-memory peer (no network). */
class LiveSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ScriptedWebSocket server = new ScriptedWebSocket();
    private final List<ConversationSession> sessions = new ArrayList<>();

    @AfterEach
    void tearDown() {
        for (ConversationSession session : sessions) {
            session.close();
        }
        server.shutdown();
    }

    private LiveConversation setup() {
        return LiveConversation.create(TestClients.conversations(server), "agent_1");
    }

    private ConversationSession open(LiveConversation setup) {
        ConversationSession session = setup.open();
        sessions.add(session);
        return session;
    }

    private ConversationSession open(LiveConversation setup, ConversationListener listener) {
        ConversationSession session = setup.open(listener);
        sessions.add(session);
        return session;
    }

    private static String agentResponse(String text, int eventId) {
        return "{\"type\":\"agent_response\",\"agent_response_event\":{\"agent_response\":\"" + text + "\",\"event_id\":"
                + eventId + "}}";
    }

    private static String audio(int eventId) {
        return "{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"" + Base64.getEncoder().encodeToString(new byte[] {
                (byte) eventId, 0}) + "\",\"event_id\":" + eventId + "}}";
    }

    private static String toolCall(String id, String name, String parameters) {
        return "{\"type\":\"client_tool_call\",\"client_tool_call\":{\"tool_name\":\"" + name + "\",\"tool_call_id\":\""
                + id + "\",\"parameters\":" + parameters + ",\"event_id\":5}}";
    }

    private static List<ConversationEvent> drain(ConversationSession session) {
        List<ConversationEvent> events = new ArrayList<>();
        ConversationEvent event;
        while ((event = session.nextEvent(Duration.ofMillis(200))) != null) {
            events.add(event);
        }
        return events;
    }

    @Test
    void opensAPublicAgentWithTheInitiationAsTheFirstMessageAndNoKeyOnTheSocket() {
        ConversationSession session = open(setup().initiation(ConversationInitiation.builder()
                .dynamicVariable("user_name", "Ada").textOnly(true).build()));

        assertThat(session.conversationId()).isEqualTo("conv_1");
        assertThat(session.metadata().agentOutputAudioFormat()).isEqualTo("pcm_16000");
        assertThat(server.request.uri().toString()).startsWith(
                "ws://127.0.0.1:1/v1/convai/conversation?agent_id=agent_1&source=unknown&version=");
        assertThat(server.request.headers().names()).extracting(n -> n.toLowerCase()).containsExactly("user-agent");
        assertThat(server.request.toString()).doesNotContain(TestClients.API_KEY);
        JsonValue first = JsonValue.parse(server.sent.get(0));
        assertThat(first.get("type").asString()).isEqualTo("conversation_initiation_client_data");
        assertThat(first.get("dynamic_variables").get("user_name").asString()).isEqualTo("Ada");
        assertThat(first.get("conversation_config_override").get("conversation").get("text_only")).isEqualTo(JsonValue.TRUE);
        assertThat(first.get("source_info").get("source").asString()).isEqualTo("unknown");
        assertThat(session.isOpen()).isTrue();
        assertThat(session.toString()).contains("conv_1", "open");
        // The metadata is also delivered as the first event.
        assertThat(session.nextEvent(WAIT)).isInstanceOf(ConversationMetadataEvent.class);
    }

    @Test
    void everyPingIsAnsweredWithItsPongEvenIfNobodyConsumesEvents() throws Exception {
        ConversationSession session = open(setup());
        server.serverSends("{\"type\":\"ping\",\"ping_event\":{\"event_id\":41,\"ping_ms\":null}}");
        server.serverSends("{\"type\":\"ping\",\"ping_event\":{\"event_id\":42,\"ping_ms\":50}}");
        server.settle();
        assertThat(server.sentOfType("pong")).containsExactly(JsonValue.parse("{\"type\":\"pong\",\"event_id\":41}"),
                JsonValue.parse("{\"type\":\"pong\",\"event_id\":42}"));
        List<ConversationEvent> events = drain(session);
        assertThat(events).filteredOn(e -> e instanceof PingEvent).hasSize(2);
    }

    @Test
    void audioAtOrBelowTheLastInterruptionIsDropped() throws Exception {
        ConversationSession session = open(setup());
        assertThat(session.nextEvent(WAIT)).isInstanceOf(ConversationMetadataEvent.class);
        server.serverSends(audio(1));
        assertThat(session.nextEvent(WAIT)).isInstanceOf(AudioEvent.class); // played before the interruption
        server.serverSends(audio(2));       // queued, then cut off by the interruption before it is taken
        server.serverSends("{\"type\":\"interruption\",\"interruption_event\":{\"event_id\":2}}");
        server.serverSends(audio(2));       // arrives late, still cut off
        server.serverSends(audio(1));       // older still
        server.serverSends(audio(3));       // the next turn
        server.settle();

        List<ConversationEvent> events = drain(session);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(InterruptionEvent.class);
        assertThat(((AudioEvent) events.get(1)).eventId()).isEqualTo(3);
        assertThat(session.droppedEvents()).isEqualTo(3);
    }

    @Test
    void listenerGetsEveryEventInOrderOffTheIoThreadAndTheEndLast() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        ConversationSession session = open(setup(), new ConversationListener() {
            @Override
            public void onEvent(ConversationSession s, ConversationEvent event) {
                threads.add(Thread.currentThread());
                seen.add(event.type());
                if (event instanceof AgentResponseEvent && ((AgentResponseEvent) event).text().equals("boom")) {
                    throw new IllegalStateException("a listener bug must not end the session");
                }
            }

            @Override
            public void onEnd(ConversationSession s, ConversationEnd end) {
                seen.add("end:" + end.kind() + ":" + end.errorType().orElse(""));
                ended.countDown();
            }
        });
        for (int i = 0; i < 50; i++) {
            server.serverSends(agentResponse(i == 10 ? "boom" : "r" + i, i));
        }
        server.serverSends("{\"type\":\"brand_new_event\",\"x\":1}");
        server.serverSends("{not json");
        server.serverSends(agentResponse("after", 99));
        server.serverCloses(1000, "max_duration_exceeded");

        ConversationEnd end = session.ended().get(5, TimeUnit.SECONDS);
        assertThat(ended.getCount()).isZero(); // onEnd ran before the future completed
        assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.NORMAL);
        assertThat(end.errorType()).contains("max_duration_exceeded");
        assertThat(seen.get(0)).isEqualTo("conversation_initiation_metadata");
        assertThat(seen.subList(1, 51)).containsOnly("agent_response");
        assertThat(seen.subList(51, seen.size())).containsExactly("brand_new_event", "", "agent_response",
                "end:NORMAL:max_duration_exceeded");
        assertThat(threads).doesNotContain(server.ioThread);
        assertThat(threads.stream().distinct().count()).isEqualTo(1);
        assertThat(threads.get(0).getName()).startsWith("convai4j-conversation-events-");
        assertThatThrownBy(() -> session.nextEvent(WAIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listener");
    }

    @Test
    void unknownAndMalformedMessagesAreDeliveredAndTheSessionGoesOn() throws Exception {
        ConversationSession session = open(setup());
        session.nextEvent(WAIT);
        server.serverSends("{\"type\":\"brand_new_event\",\"brand_new_event\":{\"a\":1}}");
        server.serverSends("garbage");
        server.serverSends(agentResponse("still here", 1));
        List<ConversationEvent> events = drain(session);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOf(UnknownEvent.class);
        assertThat(events.get(0).raw().get("brand_new_event").get("a")).isEqualTo(JsonValue.of(1));
        assertThat(events.get(1)).isInstanceOf(MalformedMessageEvent.class);
        assertThat(((AgentResponseEvent) events.get(2)).text()).isEqualTo("still here");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void toolCallsGetExactlyOneResultEach() throws Exception {
        CountDownLatch slowInterrupted = new CountDownLatch(1);
        ConversationSession session = open(setup()
                .clientTool("get_weather", call -> "sunny in " + call.parameters().get("city").asString())
                .clientTool("as_json", call -> java.util.Collections.singletonMap("n", 3))
                .clientTool("fails", call -> {
                    throw new IllegalArgumentException("db password=hunter2 rejected");
                })
                .clientTool("declines", call -> {
                    throw new ClientToolException("no such account");
                })
                .clientTool("returns_nothing", call -> null)
                .clientTool("slow", call -> {
                    try {
                        Thread.sleep(10_000);
                        return "too late";
                    } catch (InterruptedException e) {
                        slowInterrupted.countDown();
                        throw e;
                    }
                })
                .toolTimeout(Duration.ofMillis(300)));
        server.serverSends(toolCall("t1", "get_weather", "{\"city\":\"Oslo\"}"));
        server.serverSends(toolCall("t2", "nope", "{}"));
        server.serverSends(toolCall("t3", "fails", "{}"));
        server.serverSends(toolCall("t4", "slow", "{}"));
        server.serverSends(toolCall("t5", "as_json", "{}"));
        server.serverSends(toolCall("t6", "declines", "{}"));
        server.serverSends(toolCall("t7", "returns_nothing", "{}"));
        server.serverSends(toolCall("t1", "get_weather", "{\"city\":\"Rome\"}")); // a repeat: ignored

        assertThat(server.awaitSent(m -> isResultFor(m, "t1"), WAIT)).isEqualTo(JsonValue.parse(
                "{\"type\":\"client_tool_result\",\"tool_call_id\":\"t1\",\"result\":\"sunny in Oslo\",\"is_error\":false}"));
        JsonValue unknown = server.awaitSent(m -> isResultFor(m, "t2"), WAIT);
        assertThat(unknown.get("is_error")).isEqualTo(JsonValue.TRUE);
        // As the official client words it, and without naming the tools this client has.
        assertThat(unknown.get("result").asString()).isEqualTo("Client tool with name nope is not defined on client");
        JsonValue failed = server.awaitSent(m -> isResultFor(m, "t3"), WAIT);
        assertThat(failed.get("is_error")).isEqualTo(JsonValue.TRUE);
        assertThat(failed.get("result").asString()).isEqualTo("Client tool execution failed.");
        JsonValue slow = server.awaitSent(m -> isResultFor(m, "t4"), WAIT);
        assertThat(slow.get("is_error")).isEqualTo(JsonValue.TRUE);
        assertThat(slow.get("result").asString()).isEqualTo("Client tool execution failed.");
        JsonValue declined = server.awaitSent(m -> isResultFor(m, "t6"), WAIT);
        assertThat(declined.get("is_error")).isEqualTo(JsonValue.TRUE);
        assertThat(declined.get("result").asString()).isEqualTo("Client tool execution failed: no such account");
        JsonValue nothing = server.awaitSent(m -> isResultFor(m, "t7"), WAIT);
        assertThat(nothing.get("is_error")).isEqualTo(JsonValue.FALSE);
        assertThat(nothing.get("result").asString()).isEqualTo("Client tool execution successful.");
        assertThat(slowInterrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(server.awaitSent(m -> isResultFor(m, "t5"), WAIT).get("result").asString()).isEqualTo("{\"n\":3}");

        Thread.sleep(200); // a second answer, if any, would be sent by now
        server.settle();
        for (String id : new String[] {"t1", "t2", "t3", "t4", "t5", "t6", "t7"}) {
            assertThat(server.sentOfType("client_tool_result")).filteredOn(m -> isResultFor(m, id)).as(id).hasSize(1);
        }
        assertThatThrownBy(() -> session.sendClientToolResult("t1", "again", false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already been answered");
        // The events are delivered too.
        assertThat(drain(session)).filteredOn(e -> e instanceof ClientToolCallEvent).hasSize(8);
    }

    private static boolean isResultFor(JsonValue message, String id) {
        return ScriptedWebSocket.ofType("client_tool_result").test(message)
                && message.get("tool_call_id").asString().equals(id);
    }

    @Test
    void unknownToolsCanBeLeftToTheApplication() throws Exception {
        ConversationSession session = open(setup().answerUnknownClientTools(false));
        server.serverSends(toolCall("t9", "ui_action", "{}"));
        List<ConversationEvent> events = drain(session);
        ClientToolCallEvent call = (ClientToolCallEvent) events.get(events.size() - 1);
        assertThat(server.sentOfType("client_tool_result")).isEmpty();
        session.sendClientToolResult(call.toolCallId(), "done", false).get(5, TimeUnit.SECONDS);
        assertThat(server.sentOfType("client_tool_result")).containsExactly(JsonValue.parse(
                "{\"type\":\"client_tool_result\",\"tool_call_id\":\"t9\",\"result\":\"done\",\"is_error\":false}"));
        assertThatThrownBy(() -> session.sendClientToolResult("t9", "twice", true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sendAndAwaitReplyPairsRepliesWithMessages() throws Exception {
        ConversationSession session = open(setup());
        server.serverSends(agentResponse("Hello, I am the agent", 1)); // a first message, before any question
        server.settle();
        assertThat(session.awaitAgentResponse(WAIT)).isEqualTo("Hello, I am the agent");

        CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> session.sendAndAwaitReply("What is 2+2?", WAIT));
        server.awaitSent(m -> ScriptedWebSocket.ofType("user_message").test(m)
                && m.get("text").asString().equals("What is 2+2?"), WAIT);
        server.serverSends("{\"type\":\"agent_response_correction\",\"agent_response_correction_event\":"
                + "{\"original_agent_response\":\"Hello, I am the agent\",\"corrected_agent_response\":\"Hello\","
                + "\"event_id\":1}}");
        server.serverSends(agentResponse("Four.", 2));
        assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("Four.");

        // A response that nobody waited for is not taken for the next reply.
        server.serverSends(agentResponse("By the way...", 3));
        server.settle();
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> session.sendAndAwaitReply("And 3+3?", WAIT));
        server.awaitSent(m -> m.toString().contains("And 3+3?"), WAIT);
        server.serverSends(agentResponse("Six.", 4));
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("Six.");
    }

    @Test
    void sendAndAwaitReplyTimesOutAndFailsWhenTheConversationEnds() throws Exception {
        ConversationSession session = open(setup());
        assertThatThrownBy(() -> session.sendAndAwaitReply("anyone?", Duration.ofMillis(100)))
                .isInstanceOf(ConvaiTimeoutException.class).hasMessageContaining("no reply to the user_message within 100 ms")
                .satisfies(e -> assertThat(((ConvaiTimeoutException) e).kind()).isEqualTo(ConvaiTimeoutException.Kind.READ));
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> session.sendAndAwaitReply("hello?", WAIT));
        server.awaitSent(m -> m.toString().contains("hello?"), WAIT);
        server.serverCloses(1002, "llm_timeout");
        assertThat(waiting).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(ConversationClosedException.class)
                .satisfies(e -> assertThat(((ConversationClosedException) e).end().errorType()).contains("llm_timeout"));
        assertThatThrownBy(() -> session.sendUserMessage("late")).isInstanceOf(ConversationClosedException.class)
                .hasMessageContaining("OPERATIONAL_ERROR");
    }

    @Test
    void queueModeEndsWithAClosedExceptionAfterTheLastEvent() throws Exception {
        ConversationSession session = open(setup());
        server.serverSends("{\"type\":\"error\",\"error_event\":{\"code\":1008,\"message\":\"Variable user_name is"
                + " missing\",\"error_type\":\"missing_dynamic_variable\"}}");
        server.serverCloses(1008, "Policy violation");
        ConversationEnd end = session.ended().get(5, TimeUnit.SECONDS);
        assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.INPUT_ERROR);
        assertThat(end.errorType()).contains("missing_dynamic_variable");
        assertThat(session.nextEvent(WAIT)).isInstanceOf(ConversationMetadataEvent.class);
        assertThat(session.nextEvent(WAIT).type()).isEqualTo("error");
        assertThatThrownBy(() -> session.nextEvent(WAIT)).isInstanceOf(ConversationClosedException.class)
                .satisfies(e -> assertThat(((ConversationClosedException) e).end()).isSameAs(end));
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void closeSendsNormalClosureAndEndsAsClosedByClient() throws Exception {
        ConversationSession session = open(setup());
        session.close();
        assertThat(server.closeCodesSent).containsExactly(1000);
        ConversationEnd end = session.ended().getNow(null);
        assertThat(end).isNotNull();
        assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.CLOSED_BY_CLIENT);
        assertThat(end.isNormal()).isTrue();
        session.close(); // idempotent
        assertThat(server.closeCodesSent).hasSize(1);
        assertThatThrownBy(() -> session.sendUserActivity()).isInstanceOf(ConversationClosedException.class);
    }

    @Test
    void closeFromTheListenerDoesNotDeadlock() throws Exception {
        AtomicReference<ConversationEnd> seenEnd = new AtomicReference<>();
        ConversationSession session = open(setup(), new ConversationListener() {
            @Override
            public void onEvent(ConversationSession s, ConversationEvent event) {
                if (event instanceof AgentResponseEvent) {
                    s.close();
                }
            }

            @Override
            public void onEnd(ConversationSession s, ConversationEnd end) {
                seenEnd.set(end);
            }
        });
        server.serverSends(agentResponse("Goodbye", 1));
        assertThat(session.ended().get(5, TimeUnit.SECONDS).kind()).isEqualTo(ConversationEnd.Kind.CLOSED_BY_CLIENT);
        assertThat(seenEnd.get()).isNotNull();
    }

    @Test
    void sendsAreCheckedBeforeAnythingIsSent() throws Exception {
        ConversationSession session = open(setup());
        int before = server.sent.size();
        assertThatThrownBy(() -> session.sendUserMessage(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.sendUserAudio(new byte[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pcm_16000").hasMessageContaining("even");
        assertThatThrownBy(() -> session.sendUserAudio(new byte[0])).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> session.sendUserAudio(new byte[4], 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> session.sendFeedback(-1, FeedbackScore.LIKE)).hasMessageContaining("negative");
        assertThatThrownBy(() -> session.sendMultimodalMessage(null, null)).hasMessageContaining("text, a file id");
        assertThatThrownBy(() -> session.sendAndAwaitReply("x", Duration.ZERO)).hasMessageContaining("positive");
        server.settle();
        assertThat(server.sent).hasSize(before);

        session.sendUserAudio(new byte[] {1, 2, 3, 4}).get(5, TimeUnit.SECONDS);
        session.sendContextualUpdate("User is on the pricing page", "page").get(5, TimeUnit.SECONDS);
        session.sendUserActivity().get(5, TimeUnit.SECONDS);
        session.sendFeedback(7, null).get(5, TimeUnit.SECONDS);
        session.sendMcpToolApprovalResult("m1", false).get(5, TimeUnit.SECONDS);
        session.sendMultimodalMessage("look", "file_1").get(5, TimeUnit.SECONDS);
        List<JsonValue> sent = server.sentJson();
        assertThat(sent.subList(before, sent.size())).containsExactly(
                JsonValue.parse("{\"user_audio_chunk\":\"AQIDBA==\"}"),
                JsonValue.parse("{\"type\":\"contextual_update\",\"text\":\"User is on the pricing page\",\"context_id\":\"page\"}"),
                JsonValue.parse("{\"type\":\"user_activity\"}"),
                JsonValue.parse("{\"type\":\"feedback\",\"event_id\":7,\"score\":null}"),
                JsonValue.parse("{\"type\":\"mcp_tool_approval_result\",\"tool_call_id\":\"m1\",\"is_approved\":false}"),
                JsonValue.parse("{\"type\":\"multimodal_message\",\"text\":{\"type\":\"user_message\",\"text\":\"look\"},"
                        + "\"file\":{\"type\":\"file_input\",\"file_id\":\"file_1\"}}"));
    }

    @Test
    void aFullQueueDropsTransientEventsFirstThenTheOldest() throws Exception {
        ConversationSession session = open(setup().maxPendingEvents(3));
        // The metadata event waits in the queue too: [metadata]
        server.serverSends(audio(1));                 // [metadata, audio1]
        server.serverSends(agentResponse("r1", 1));   // [metadata, audio1, r1]
        server.serverSends(agentResponse("r2", 2));   // full: the audio goes -> [metadata, r1, r2]
        server.serverSends(audio(2));                 // full, transient: dropped itself
        server.serverSends(agentResponse("r3", 3));   // full, no transient: the oldest goes -> [r1, r2, r3]
        server.settle();
        List<ConversationEvent> events = drain(session);
        assertThat(events).extracting(e -> ((AgentResponseEvent) e).text()).containsExactly("r1", "r2", "r3");
        assertThat(session.droppedEvents()).isEqualTo(3);
    }

    @Test
    void aCloseBeforeTheMetadataFailsTheOpeningWithTheEnd() throws Exception {
        server.answerInitiationWithMetadata = false;
        CompletableFuture<ConversationSession> opening = setup().openAsync();
        server.awaitSent(ScriptedWebSocket.ofType("conversation_initiation_client_data"), WAIT);
        server.serverCloses(1008, "override_error");
        assertThatThrownBy(opening::join).hasCauseInstanceOf(ConversationClosedException.class)
                .satisfies(e -> {
                    ConversationEnd end = ((ConversationClosedException) e.getCause()).end();
                    assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.INPUT_ERROR);
                    assertThat(end.closeCode()).isEqualTo(1008);
                    assertThat(end.errorType()).contains("override_error");
                });
    }

    @Test
    void theOpenTimeoutGivesUpAndClosesTheSocket() throws Exception {
        server.answerInitiationWithMetadata = false;
        long start = System.nanoTime();
        assertThatThrownBy(() -> setup().openTimeout(Duration.ofMillis(300)).open())
                .isInstanceOf(ConvaiTimeoutException.class).hasMessageContaining("did not start within 300 ms")
                .satisfies(e -> assertThat(((ConvaiTimeoutException) e).kind()).isEqualTo(ConvaiTimeoutException.Kind.DEADLINE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(10); // the abandoned socket is aborted right after the failure is reported
        }
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void aRefusedHandshakeSaysWhatToDo() {
        ScriptedWebSocket refusing = ScriptedWebSocket.refusing(403, "{\"detail\":\"agent requires auth, token=abc\"}");
        try {
            assertThatThrownBy(() -> LiveConversation.create(TestClients.conversations(refusing), "agent_private").open())
                    .isInstanceOf(ConversationRefusedException.class)
                    .hasMessageContaining("HTTP 403").hasMessageContaining("requiresAuth(true)")
                    .hasMessageNotContaining("token=abc")
                    .satisfies(e -> assertThat(((ConversationRefusedException) e).statusCode()).isEqualTo(403));
        } finally {
            refusing.shutdown();
        }
    }
}
