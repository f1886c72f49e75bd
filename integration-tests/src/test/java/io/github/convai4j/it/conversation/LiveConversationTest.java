package io.github.convai4j.it.conversation;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationClosedException;
import io.github.convai4j.conversation.ConversationEnd;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationListener;
import io.github.convai4j.conversation.ConversationRefusedException;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.conversation.FeedbackScore;
import io.github.convai4j.conversation.events.AgentResponseEvent;
import io.github.convai4j.conversation.events.AudioEvent;
import io.github.convai4j.conversation.events.ConversationEvent;
import io.github.convai4j.conversation.events.InterruptionEvent;
import io.github.convai4j.conversation.events.MalformedMessageEvent;
import io.github.convai4j.conversation.events.PingEvent;
import io.github.convai4j.conversation.events.UnknownEvent;
import io.github.convai4j.conversation.events.UserTranscriptEvent;
import io.github.convai4j.it.LogCapture;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.LiveMessage;
import io.github.convai4j.testkit.LiveSession;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Live conversations against the testkit's fake agent, over each transport that has a WebSocket: Netty's, and
 * the JDK transport's ({@code java.net.http.WebSocket}). Real sockets, the real protocol, the fake checking what
 * the client sends; every test runs once per transport.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"netty", "jdk"})
class LiveConversationTest {

    @Parameter
    String transportName;

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ConversationInitiation TEXT_ONLY = ConversationInitiation.builder().textOnly(true).build();

    private FakeAgentsPlatform server;
    private ConvaiClient client;
    private String agentId;

    @BeforeEach
    void start() {
        server = FakeAgentsPlatform.builder().pingInterval(Duration.ofMillis(200)).start();
        client = ConvaiClient.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl()).transportName(transportName).build();
        agentId = server.addAgent("Support");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** Collects the events a listener gets, for tests that wait for a given one. */
    static final class Collector implements ConversationListener {
        final BlockingQueue<ConversationEvent> events = new LinkedBlockingQueue<>();
        final List<ConversationEvent> all = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        volatile ConversationEnd end;

        @Override
        public void onEvent(ConversationSession session, ConversationEvent event) {
            threads.add(Thread.currentThread());
            all.add(event);
            events.add(event);
        }

        @Override
        public void onEnd(ConversationSession session, ConversationEnd conversationEnd) {
            end = conversationEnd;
        }

        <T extends ConversationEvent> T await(Class<T> type) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<ConversationEvent> skipped = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                ConversationEvent event = events.poll(50, TimeUnit.MILLISECONDS);
                if (type.isInstance(event)) {
                    return type.cast(event);
                }
                if (event != null) {
                    skipped.add(event);
                }
            }
            throw new AssertionError("No " + type.getSimpleName() + " within " + WAIT + "; got " + skipped);
        }
    }

    @Test
    void aFullTextConversation() {
        ConversationInitiation initiation = ConversationInitiation.builder().textOnly(true)
                .firstMessage("Hi {{user_name}}, how can I help?")
                .dynamicVariable("user_name", "Ada").userId("user-42").build();
        try (ConversationSession session = client.liveConversation(agentId).initiation(initiation).open()) {
            LiveSession fake = server.awaitSession(WAIT);
            assertThat(session.conversationId()).isEqualTo(fake.conversationId());
            assertThat(session.awaitAgentResponse(WAIT)).isEqualTo("Hi Ada, how can I help?");
            assertThat(session.sendAndAwaitReply("Where is my order?", WAIT)).isEqualTo("You said: Where is my order?");
            assertThat(session.sendAndAwaitReply("Thanks!", WAIT)).isEqualTo("You said: Thanks!");

            LiveMessage first = fake.received().get(0);
            assertThat(first.type()).isEqualTo("conversation_initiation_client_data");
            assertThat(first.string("dynamic_variables", "user_name")).isEqualTo("Ada");
            assertThat(first.string("user_id")).isEqualTo("user-42");
            assertThat(first.string("source_info", "source")).isEqualTo("unknown");
            assertThat(fake.received("user_message")).extracting(m -> m.string("text"))
                    .containsExactly("Where is my order?", "Thanks!");
            assertThat(fake.handshake().queryParameter("source")).isEqualTo("unknown");
            assertThat(fake.handshake().queryParameter("version")).isNotBlank();

            session.close();
            LiveSession.Closure closure = fake.awaitClosed(WAIT);
            assertThat(closure.code()).isEqualTo(1000);
            assertThat(closure.reason()).isEqualTo("User ended conversation"); // as the official client closes
            assertThat(closure.byServer()).isFalse();
            assertThat(session.ended().join().kind()).isEqualTo(ConversationEnd.Kind.CLOSED_BY_CLIENT);
        }
    }

    @Test
    void aClientToolRoundTripAndAnUnknownToolAnsweredWithAnError() throws Exception {
        server.script(agentId, (fake, text) -> {
            LiveMessage result = fake.sendClientToolCall("get_weather", "{\"city\":\"Paris\"}", WAIT);
            fake.sendAgentResponse("It is " + result.string("result") + " in Paris.");
        });
        List<String> toolThreads = new CopyOnWriteArrayList<>();
        try (ConversationSession session = client.liveConversation(agentId).initiation(TEXT_ONLY)
                .clientTool("get_weather", call -> {
                    toolThreads.add(Thread.currentThread().getName());
                    return "sunny, " + call.parameters().get("city").asString().length() + " letters";
                })
                .open()) {
            assertThat(session.sendAndAwaitReply("Weather?", WAIT)).isEqualTo("It is sunny, 5 letters in Paris.");
            // The handler ran on the session's tool pool, not on the transport's I/O thread.
            assertThat(toolThreads).singleElement().satisfies(name -> assertThat(name)
                    .startsWith("convai4j-conversation-tool-").doesNotContain(transportName));

            LiveSession fake = server.awaitSession(WAIT);
            LiveMessage unknown = fake.sendClientToolCall("open_the_pod_bay_doors", "{}", WAIT);
            assertThat(unknown.bool("is_error")).isTrue();
            assertThat(unknown.string("result"))
                    .isEqualTo("Client tool with name open_the_pod_bay_doors is not defined on client");
            assertThat(fake.received("client_tool_result")).hasSize(2);
            assertThat(fake.received("client_tool_result").get(0).bool("is_error")).isFalse();
        }
    }

    /** Takes events with the blocking {@code nextEvent} until one of {@code type} comes. */
    static <T extends ConversationEvent> T next(ConversationSession session, Class<T> type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ConversationEvent> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            ConversationEvent event = session.nextEvent(Duration.ofMillis(100));
            if (type.isInstance(event)) {
                return type.cast(event);
            }
            if (event != null) {
                skipped.add(event);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " within " + WAIT + "; got " + skipped);
    }

    @Test
    void everyClientMessageReachesTheFakeAgentWellFormedAndEventsAreTakenOneByOne() throws Exception {
        ConversationInitiation initiation = ConversationInitiation.builder().textOnly(true)
                .prompt("You are terse.").llm("gemini-2.0-flash").firstMessage("Hello {{user_name}}!").language("en")
                .voiceId("voice_1").asrKeywords(List.of("parcel")).dynamicVariable("user_name", "Ada")
                .dynamicVariable("vip", true).userId("user-7").customLlmExtraBody(Map.of("temperature", 0.2)).build();
        try (ConversationSession session = client.liveConversation(agentId).initiation(initiation).open()) {
            LiveSession fake = server.awaitSession(WAIT);
            AgentResponseEvent greeting = next(session, AgentResponseEvent.class);
            assertThat(greeting.text()).isEqualTo("Hello Ada!");

            session.sendContextualUpdate("User is on the pricing page", "page").get(5, TimeUnit.SECONDS);
            session.sendUserActivity().get(5, TimeUnit.SECONDS);
            session.sendFeedback(greeting.eventId(), FeedbackScore.LIKE).get(5, TimeUnit.SECONDS);
            session.sendMcpToolApprovalResult("mcp_call_1", false).get(5, TimeUnit.SECONDS);
            session.sendUserMessage("Buy the first one", "rc_1").get(5, TimeUnit.SECONDS);
            session.sendMultimodalMessage("What is in this photo?", "file_1").get(5, TimeUnit.SECONDS);

            // The fake answers user turns in order, so both answers mean it has handled every message before them.
            assertThat(next(session, AgentResponseEvent.class).text()).isEqualTo("You said: Buy the first one");
            assertThat(next(session, AgentResponseEvent.class).text()).isEqualTo("You said: What is in this photo?");
            assertThat(fake.isOpen()).as("the fake closes with 1008 on a malformed message").isTrue();
            assertThat(session.isOpen()).isTrue();

            assertThat(fake.received()).extracting(LiveMessage::type).filteredOn(type -> !type.equals("pong")).containsExactly(
                    "conversation_initiation_client_data", "contextual_update", "user_activity", "feedback",
                    "mcp_tool_approval_result", "user_message", "multimodal_message");
            LiveMessage first = fake.received().get(0);
            assertThat(first.string("conversation_config_override", "agent", "prompt", "prompt")).isEqualTo("You are terse.");
            assertThat(first.string("conversation_config_override", "agent", "prompt", "llm")).isEqualTo("gemini-2.0-flash");
            assertThat(first.string("conversation_config_override", "agent", "language")).isEqualTo("en");
            assertThat(first.string("conversation_config_override", "tts", "voice_id")).isEqualTo("voice_1");
            assertThat(first.value("conversation_config_override", "asr", "keywords")).isEqualTo(List.of("parcel"));
            assertThat(first.bool("conversation_config_override", "conversation", "text_only")).isTrue();
            assertThat(first.number("custom_llm_extra_body", "temperature").doubleValue()).isEqualTo(0.2);
            assertThat(first.bool("dynamic_variables", "vip")).isTrue();
            assertThat(first.string("user_id")).isEqualTo("user-7");
            LiveMessage update = fake.received("contextual_update").get(0);
            assertThat(update.string("text")).isEqualTo("User is on the pricing page");
            assertThat(update.string("context_id")).isEqualTo("page");
            LiveMessage feedback = fake.received("feedback").get(0);
            assertThat(feedback.string("score")).isEqualTo("like");
            assertThat(feedback.number("event_id").longValue()).isEqualTo(greeting.eventId());
            LiveMessage approval = fake.received("mcp_tool_approval_result").get(0);
            assertThat(approval.string("tool_call_id")).isEqualTo("mcp_call_1");
            assertThat(approval.bool("is_approved")).isFalse();
            assertThat(fake.received("user_message").get(0).string("rich_content_id")).isEqualTo("rc_1");
            LiveMessage multimodal = fake.received("multimodal_message").get(0);
            assertThat(multimodal.string("text", "type")).isEqualTo("user_message");
            assertThat(multimodal.string("text", "text")).isEqualTo("What is in this photo?");
            assertThat(multimodal.string("file", "type")).isEqualTo("file_input");
            assertThat(multimodal.string("file", "file_id")).isEqualTo("file_1");
        }
    }

    @Test
    void everyPingIsAnsweredWithItsPong() throws Exception {
        Collector collector = new Collector();
        try (ConversationSession session = client.liveConversation(agentId).initiation(TEXT_ONLY).open(collector)) {
            LiveSession fake = server.awaitSession(WAIT);
            long id = fake.sendPing();
            PingEvent ping;
            do {
                ping = collector.await(PingEvent.class);
            } while (ping.eventId() != id);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (fake.received("pong").stream().noneMatch(m -> m.number("event_id").longValue() == id)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(fake.received("pong")).extracting(m -> m.number("event_id").longValue()).contains(id);
            Thread.sleep(700); // several periodic pings (every 200 ms), each answered, or the fake would close
            assertThat(fake.received("pong").size()).isGreaterThanOrEqualTo(3);
            assertThat(session.isOpen()).isTrue();
            assertThat(fake.isOpen()).isTrue();
            assertThat(collector.threads).allSatisfy(t -> assertThat(t.getName()).startsWith("convai4j-conversation-events-"));
        }
    }

    @Test
    void audioCutOffByAnInterruptionIsNotDelivered() throws Exception {
        Collector collector = new Collector();
        try (ConversationSession session = client.liveConversation(agentId).open(collector)) {
            LiveSession fake = server.awaitSession(WAIT);
            long played = fake.sendAudio(new byte[] {1, 0, 2, 0});
            assertThat(collector.await(AudioEvent.class).eventId()).isEqualTo(played);

            long cutOff = fake.sendAudio(new byte[] {3, 0});
            long interruption = fake.interrupt();
            fake.sendAudio(new byte[] {4, 0}, interruption);      // late audio of the interrupted turn
            fake.sendAudio(new byte[] {5, 0}, played);            // older still
            long next = fake.sendAudio(new byte[] {6, 0});        // the next turn
            fake.sendRaw("{\"type\":\"test_marker\"}");

            assertThat(collector.await(InterruptionEvent.class).eventId()).isEqualTo(interruption);
            collector.await(UnknownEvent.class);
            // Audio sent before the interruption may have been delivered before it arrived (the application
            // flushes it on the interruption); after it, only the next turn's audio comes through.
            List<Long> afterInterruption = new ArrayList<>();
            boolean interrupted = false;
            for (ConversationEvent e : collector.all) {
                interrupted |= e instanceof InterruptionEvent;
                if (interrupted && e instanceof AudioEvent) {
                    afterInterruption.add(((AudioEvent) e).eventId());
                }
            }
            assertThat(interruption).isEqualTo(cutOff);
            assertThat(afterInterruption).containsExactly(next);
            assertThat(session.droppedEvents()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void handshakeHeadersComeFromTheClientAndTheConversationAndNeverReachApiCalls() {
        server.requireAuth(agentId, true);
        LogCapture.start();
        List<LogCapture.Event> logs;
        try (ConvaiClient withOrigin = ConvaiClient.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl())
                .transportName(transportName)
                .conversationHeader("Origin", "https://shop.example")
                .conversationHeader("X-Partner-Token", "partner-secret-1")
                .conversationHeader("Authorization", "Bearer handshake-secret-2")
                .build();
                ConversationSession session = withOrigin.liveConversation(agentId).requiresAuth(true)
                        .initiation(TEXT_ONLY)
                        .header("X-Partner-Token", "partner-secret-3")   // replaces the client's
                        .header("User-Agent", "my-kiosk/1.0")            // replaces the library's
                        .open()) {
            assertThat(session.sendAndAwaitReply("Hello", WAIT)).isEqualTo("You said: Hello");
            LiveSession fake = server.awaitSession(WAIT);
            RecordedRequest handshake = fake.handshake();
            assertThat(handshake.header("Origin")).isEqualTo("https://shop.example");
            assertThat(handshake.headers().get("x-partner-token")).containsExactly("partner-secret-3");
            assertThat(handshake.header("Authorization")).isEqualTo("Bearer handshake-secret-2");
            assertThat(handshake.headers().get("user-agent")).containsExactly("my-kiosk/1.0");
            assertThat(fake.apiKeySeenOnHandshake()).isFalse();

            // The API call that fetched the signed URL carried none of them.
            RecordedRequest signed = server.requests("GET", "/v1/convai/conversation/get-signed-url").get(0);
            assertThat(signed.headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("origin")
                    || h.equalsIgnoreCase("x-partner-token") || h.equalsIgnoreCase("authorization"));
            assertThat(withOrigin.options().toString()).contains("Origin").doesNotContain("handshake-secret-2");
        } finally {
            logs = LogCapture.stop();
        }
        assertThat(logs).allSatisfy(e -> assertThat(e.text()).doesNotContain("handshake-secret-2"));
    }

    @Test
    void aHandshakeHeaderThatCannotBeSentIsRefusedBeforeAnyIo() {
        assertThatThrownBy(() -> client.liveConversation(agentId).header("Origin", "https://a.example\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.liveConversation(agentId).header("Sec-WebSocket-Key", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handshake writes it itself");
        assertThatThrownBy(() -> client.liveConversation(agentId).header("Host", "evil.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConvaiClient.builder().conversationHeader("Upgrade", "h2c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationHeader");
        assertThatThrownBy(() -> ConvaiClient.builder().conversationHeader("Origin", "https://a.example\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.sessions()).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aPrivateAgentIsOpenedWithASignedUrlAndTheKeyNeverTravelsOnTheSocket() {
        server.requireAuth(agentId, true);
        assertThatThrownBy(() -> client.liveConversation(agentId).initiation(TEXT_ONLY).open())
                .isInstanceOf(ConversationRefusedException.class).hasMessageContaining("HTTP 403")
                .hasMessageContaining("requiresAuth(true)");

        LogCapture.start();
        String token;
        List<LogCapture.Event> logs;
        try (ConversationSession session = client.liveConversation(agentId).requiresAuth(true).initiation(TEXT_ONLY)
                .open()) {
            assertThat(session.sendAndAwaitReply("Hello", WAIT)).isEqualTo("You said: Hello");
            LiveSession fake = server.awaitSession(WAIT);
            assertThat(fake.apiKeySeenOnHandshake()).isFalse();
            assertThat(fake.handshakeHeaders().keySet()).noneMatch(h -> h.equalsIgnoreCase("xi-api-key")
                    || h.equalsIgnoreCase("authorization") || h.equalsIgnoreCase("x-api-key"));
            token = fake.handshake().queryParameter("token");
            assertThat(token).isNotBlank();
            assertThat(session.toString()).contains("token=<redacted>").doesNotContain(token);

            assertThat(fake.handshake().path() + "?" + fake.handshake().query()).doesNotContain(server.apiKey());
            assertThat(fake.handshakeHeaders().values()).allSatisfy(values -> assertThat(values)
                    .noneMatch(v -> v.contains(server.apiKey())));
            assertThat(fake.received()).isNotEmpty().noneMatch(m -> m.raw().contains(server.apiKey()));

            List<RecordedRequest> signed = server.requests("GET", "/v1/convai/conversation/get-signed-url");
            assertThat(signed).hasSize(1);
            assertThat(signed.get(0).queryParameter("agent_id")).isEqualTo(agentId);
            assertThat(signed.get(0).header("xi-api-key")).isEqualTo(server.apiKey()); // the key's one trip
        } finally {
            logs = LogCapture.stop();
        }
        assertThat(logs).anySatisfy(e -> assertThat(e.logger()).isEqualTo("io.github.convai4j.conversation"));
        assertThat(logs).allSatisfy(e -> assertThat(e.text()).doesNotContain(server.apiKey()).doesNotContain(token));
    }

    @Test
    void unknownAndMalformedEventsAreToleratedAndTheConversationGoesOn() throws Exception {
        Collector collector = new Collector();
        try (ConversationSession session = client.liveConversation(agentId).initiation(TEXT_ONLY).open(collector)) {
            LiveSession fake = server.awaitSession(WAIT);
            fake.sendRaw("{\"type\":\"some_future_event\",\"some_future_event\":{\"answer\":42}}");
            fake.sendRaw("this is not JSON");
            UnknownEvent unknown = collector.await(UnknownEvent.class);
            assertThat(unknown.type()).isEqualTo("some_future_event");
            assertThat(unknown.raw().get("some_future_event").get("answer").asNumber().intValue()).isEqualTo(42);
            assertThat(collector.await(MalformedMessageEvent.class).text()).isEqualTo("this is not JSON");
            assertThat(session.sendAndAwaitReply("Still there?", WAIT)).isEqualTo("You said: Still there?");
            assertThat(collector.await(AgentResponseEvent.class).text()).isEqualTo("You said: Still there?");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "1000, max_duration_exceeded, false, NORMAL",
            "1002, llm_timeout, true, OPERATIONAL_ERROR",
            "1008, override_error, true, INPUT_ERROR",
            "1011, unknown_websocket_crash, true, INTERNAL_ERROR"})
    void eachCloseCodeIsMappedWithItsErrorType(int code, String errorType, boolean withErrorEvent, ConversationEnd.Kind kind)
            throws Exception {
        Collector collector = new Collector();
        try (ConversationSession session = client.liveConversation(agentId).initiation(TEXT_ONLY).open(collector)) {
            LiveSession fake = server.awaitSession(WAIT);
            if (withErrorEvent) {
                fake.closeWithError(code, errorType, "It went wrong: " + errorType);
            } else {
                fake.close(code, errorType);
            }
            ConversationEnd end = session.ended().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(end.kind()).isEqualTo(kind);
            assertThat(end.closeCode()).isEqualTo(code);
            assertThat(end.errorType()).contains(errorType);
            assertThat(end.errorEvent().isPresent()).isEqualTo(withErrorEvent);
            if (withErrorEvent) {
                assertThat(end.errorEvent().get().message()).contains("It went wrong: " + errorType);
            }
            assertThat(collector.end).isSameAs(end);
            assertThatThrownBy(() -> session.sendUserMessage("hello?")).isInstanceOf(ConversationClosedException.class);
        }
    }

    @Test
    void aServerGoingAwayEndsTheConversationWithItsCode() throws Exception {
        try (ConversationSession session = client.liveConversation(agentId).initiation(TEXT_ONLY).open()) {
            server.close();
            ConversationEnd end = session.ended().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            // The fake sends 1001 and drops its connections right away: the close frame may or may not arrive.
            assertThat(end).satisfiesAnyOf(
                    e -> assertThat(e.kind() + " " + e.closeCode()).isEqualTo("OTHER 1001"),
                    e -> assertThat(e.kind() + " " + e.closeCode()).isEqualTo("CONNECTION_LOST 1006"));
            assertThat(end.isNormal()).isFalse();
            assertThatThrownBy(() -> session.sendUserMessage("anyone?")).isInstanceOf(ConversationClosedException.class);
        }
    }

    @Test
    void theAsyncClientOpensWithoutBlockingAndCompletesOffTheIoThread() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> completedOn = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CompletableFuture<ConversationSession> opening = client.async().liveConversation(agentId)
                .initiation(TEXT_ONLY).openAsync();
        String caller = Thread.currentThread().getName();
        try (ConversationSession session = opening.whenComplete((s, e) -> completedOn.set(Thread.currentThread().getName()))
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            assertThat(completedOn.get()).satisfiesAnyOf(
                    name -> assertThat(name).startsWith("convai4j-async-"),
                    name -> assertThat(name).isEqualTo(caller));
            assertThat(session.sendAndAwaitReply("async?", WAIT)).isEqualTo("You said: async?");
        }
    }

    @Test
    void aConversationTheServerRefusesToStartFailsTheOpenWithItsErrorType() {
        ConversationInitiation needsVariable = ConversationInitiation.builder().textOnly(true)
                .firstMessage("Hello {{user_name}}").build();
        assertThatThrownBy(() -> client.liveConversation(agentId).initiation(needsVariable).open())
                .isInstanceOf(ConversationClosedException.class)
                .satisfies(e -> {
                    ConversationEnd end = ((ConversationClosedException) e).end();
                    assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.INPUT_ERROR);
                    assertThat(end.errorType()).contains("missing_dynamic_variable");
                });
    }

    @Test
    void userAudioIsSentInChunksAndTranscribed() throws Exception {
        server.close();
        server = FakeAgentsPlatform.builder().audioBytesPerTranscript(16_000).start();
        client.close();
        client = ConvaiClient.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl()).transportName(transportName).build();
        agentId = server.addAgent("Voice");
        Collector collector = new Collector();
        try (ConversationSession session = client.liveConversation(agentId).open(collector)) {
            byte[] halfASecond = new byte[16_000];
            for (byte[] chunk : io.github.convai4j.conversation.AudioChunker.pcm16(halfASecond, 16_000).split()) {
                session.sendUserAudio(chunk).get(5, TimeUnit.SECONDS);
            }
            assertThat(collector.await(UserTranscriptEvent.class).text()).isEqualTo("[user audio: 16000 bytes]");
            assertThat(server.awaitSession(WAIT).userAudioBytes()).isEqualTo(16_000);
            assertThat(collector.await(AgentResponseEvent.class).text()).isEqualTo("You said: [user audio: 16000 bytes]");
            assertThat(collector.await(AudioEvent.class).audio()).isNotEmpty();
        }
    }
}
