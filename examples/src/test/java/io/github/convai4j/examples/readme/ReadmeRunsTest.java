package io.github.convai4j.examples.readme;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.examples.AvatarImage;
import io.github.convai4j.examples.StdoutCapture;
import io.github.convai4j.models.agents.AgentConfigResponse;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.common.AgentConfig;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.FakeAgentsPlatformExtension;
import io.github.convai4j.testkit.LiveMessage;
import io.github.convai4j.testkit.LiveSession;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs README.md's quickstart and live-conversation classes against the testkit's fake server. */
class ReadmeRunsTest {

    @RegisterExtension
    static final FakeAgentsPlatformExtension FAKE = FakeAgentsPlatformExtension.create();

    @Test
    void theQuickstartRunsAgainstTheFake(FakeAgentsPlatform fake, @TempDir Path dir) throws IOException {
        fake.addAgent("Sales");
        Path avatarPng = Files.write(dir.resolve("avatar.png"), AvatarImage.png(32, 0x336699));
        String printed;
        String agentId;
        try (ConvaiClient client = fakeClient(fake); StdoutCapture capture = new StdoutCapture()) {
            agentId = AgentsQuickstart.run(client, avatarPng);
            printed = capture.text();
        }

        assertThat(printed).contains(agentId + ": Support, prompt: You are a friendly support agent.\n", agentId + " Support\n", " Sales\n");
        assertThat(fake.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /v1/convai/agents/create",
                "GET /v1/convai/agents/" + agentId,
                "PATCH /v1/convai/agents/" + agentId,
                "POST /v1/convai/agents/" + agentId + "/avatar",
                "GET /v1/convai/agents");
        assertThat(fake.requests().get(2).bodyAsString()).contains("\"temperature\":null");
        assertThat(fake.avatar(agentId)).hasValueSatisfying(file -> {
            assertThat(file.filename()).isEqualTo("avatar.png");
            assertThat(file.contentType()).isEqualTo("image/png");
        });
        try (ConvaiClient client = fakeClient(fake)) {
            AgentConfigResponse config = client.agents().get(agentId).conversationConfig().agent();
            assertThat(config.firstMessage().get()).isEqualTo("Hi! How can I help?");
            assertThat(config.prompt().prompt().get()).isEqualTo("You are a patient support agent.");
        }
    }

    @Test
    void theQuickstartsMainNeedsTheApiKeyInTheEnvironment() {
        if (System.getenv(ConvaiClient.API_KEY_ENVIRONMENT_VARIABLE) == null) {
            assertThatThrownBy(() -> AgentsQuickstart.main(new String[] {"avatar.png"}))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("ELEVENLABS_API_KEY");
        }
    }

    /** The agent greets first: open() waits for the greeting, so the reply is the answer to the message. */
    @RepeatedTest(5)
    void theLiveConversationGetsTheReplyToItsMessageWhenTheAgentGreetsFirst(FakeAgentsPlatform fake) {
        String agentId = privateAgentTellingTheTime(fake, "Hello! I can tell the time.");

        String printed = talk(fake, agentId, true);

        assertThat(printed).matches("agent: Hello! I can tell the time\\.\nagent: It is \\d\\d:\\d\\d(:\\d\\d)?\\.\n");
        assertConversationWentOverTheWebSocket(fake);
    }

    /** The agent waits for the user: open() returns at once, and the first response is the reply. */
    @RepeatedTest(5)
    void theLiveConversationGetsTheReplyToItsMessageWhenTheAgentWaitsForTheUser(FakeAgentsPlatform fake) {
        String agentId = privateAgentTellingTheTime(fake, null);

        String printed = talk(fake, agentId, false);

        assertThat(printed).matches("agent: It is \\d\\d:\\d\\d(:\\d\\d)?\\.\n");
        assertConversationWentOverTheWebSocket(fake);
    }

    @Test
    void expectingAGreetingFromAnAgentWithoutOneFailsAtTheOpenTimeoutSayingWhy(FakeAgentsPlatform fake) {
        String agentId = privateAgentTellingTheTime(fake, null);

        try (ConvaiClient client = fakeClient(fake)) {
            assertThatThrownBy(() -> client.liveConversation(agentId).requiresAuth(true)
                    .expectFirstMessage(true).openTimeout(Duration.ofMillis(500)).open())
                    .hasMessageContaining("the agent sent no first message")
                    .hasMessageContaining("without expectFirstMessage(true)");
        }
    }

    private static String privateAgentTellingTheTime(FakeAgentsPlatform fake, String firstMessage) {
        String agentId;
        try (ConvaiClient client = fakeClient(fake)) {
            agentId = client.agents().create(CreateAgentRequest.builder().name("Readme")
                    .conversationConfig(ConversationalConfig.builder()
                            .agent(AgentConfig.builder().firstMessage(firstMessage == null ? "" : firstMessage).build())
                            .build())
                    .build()).agentId();
        }
        fake.clearRequests(); // only what the conversation does is checked
        fake.requireAuth(agentId, true);
        fake.script(agentId, (session, text) -> {
            LiveMessage time = session.sendClientToolCall("get_time", "{}", Duration.ofSeconds(10));
            session.sendAgentResponse("It is " + time.string("result") + ".");
        });
        return agentId;
    }

    private static String talk(FakeAgentsPlatform fake, String agentId, boolean agentGreetsFirst) {
        try (ConvaiClient client = fakeClient(fake); StdoutCapture capture = new StdoutCapture()) {
            TalkToAnAgent.talk(client, agentId, agentGreetsFirst);
            // API calls through HttpClient 5, the WebSocket through the Netty transport found on the class path.
            assertThat(client.context().transport().name()).isEqualTo("httpclient5");
            assertThat(client.webSocketTransport().getClass().getName()).contains(".netty.");
            return capture.text();
        }
    }

    private static void assertConversationWentOverTheWebSocket(FakeAgentsPlatform fake) {
        assertThat(fake.requests("GET", "/v1/convai/conversation/get-signed-url")).hasSize(1);
        LiveSession session = fake.awaitSession(Duration.ofSeconds(10));
        assertThat(session.apiKeySeenOnHandshake()).isFalse();
        assertThat(session.received("user_message")).extracting(m -> m.string("text"))
                .containsExactly("Hi! What time is it?");
        assertThat(session.received("client_tool_result")).hasSize(1);
        assertThat(session.awaitClosed(Duration.ofSeconds(10)).code()).isEqualTo(1000);
    }

    private static ConvaiClient fakeClient(FakeAgentsPlatform fake) {
        return ConvaiClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build();
    }
}
