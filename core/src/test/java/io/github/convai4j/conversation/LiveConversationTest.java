package io.github.convai4j.conversation;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.Provider;
import io.github.convai4j.errors.PermissionDeniedException;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.internal.StubTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a session connects: public agents, signed URLs fetched with the key or given, and their failures. */
class LiveConversationTest {

    private static final String SIGNED = "ws://127.0.0.1:9/v1/convai/conversation?agent_id=agent_p"
            + "&conversation_signature=SIG_456&token=TOKEN_123";

    private final ScriptedWebSocket server = new ScriptedWebSocket();
    private final StubTransport rest = new StubTransport();

    @AfterEach
    void tearDown() {
        server.shutdown();
    }

    private LiveConversation setup(String agentId) {
        return LiveConversation.create(TestClients.conversations(rest, server), agentId);
    }

    @Test
    void aPrivateAgentFetchesASignedUrlWithTheKeyAndConnectsToItAsReturned() {
        rest.respond(200, "application/json", "{\"signed_url\":\"" + SIGNED + "\"}");
        try (ConversationSession session = setup("agent_p").requiresAuth(true).branchId("br_1").open()) {
            assertThat(rest.sent()).hasSize(1);
            StubTransport.Sent call = rest.sent().get(0);
            assertThat(call.request().method()).isEqualTo(HttpMethod.GET);
            assertThat(call.request().uri().getRawPath()).isEqualTo("/v1/convai/conversation/get-signed-url");
            assertThat(call.request().uri().getRawQuery()).isEqualTo("agent_id=agent_p&branch_id=br_1");
            assertThat(call.request().headers().first("xi-api-key")).isEqualTo(TestClients.API_KEY);

            assertThat(server.request.uri().toString()).startsWith(SIGNED + "&source=unknown&version=");
            assertThat(server.request.headers().names()).extracting(String::toLowerCase).containsExactly("user-agent");
            assertThat(server.request.toString()).doesNotContain(TestClients.API_KEY, "TOKEN_123");
            assertThat(session.toString()).contains("token=<redacted>", "conversation_signature=<redacted>")
                    .doesNotContain("TOKEN_123", "SIG_456");
        }
    }

    @Test
    void theHostFollowsTheClientsProviderAndRegionForPublicAndPrivateAgents() {
        try (ConvaiClient eu = ConvaiClient.builder().apiKey(TestClients.API_KEY)
                .provider(Provider.ELEVENLABS_EU_RESIDENCY).transport(rest).maxRetries(0).build()) {
            try (ConversationSession session = eu.liveConversation("agent_eu").webSocketTransport(server).open()) {
                assertThat(server.request.uri().toString()).startsWith("wss://api.eu.residency.elevenlabs.io"
                        + "/v1/convai/conversation?agent_id=agent_eu&source=unknown&version=");
                assertThat(server.request.headers().names()).extracting(String::toLowerCase).containsExactly("user-agent");
                assertThat(rest.sent()).isEmpty(); // a public agent needs no API call
            }

            ScriptedWebSocket signedServer = new ScriptedWebSocket();
            try {
                rest.respond(200, "application/json", "{\"signed_url\":\"wss://api.eu.residency.elevenlabs.io"
                        + "/v1/convai/conversation?agent_id=agent_eu&conversation_signature=SIG&token=TOK\"}");
                try (ConversationSession session = eu.liveConversation("agent_eu").requiresAuth(true)
                        .webSocketTransport(signedServer).open()) {
                    assertThat(rest.sent()).singleElement().satisfies(call -> assertThat(call.request().uri().toString())
                            .isEqualTo("https://api.eu.residency.elevenlabs.io/v1/convai/conversation/get-signed-url"
                                    + "?agent_id=agent_eu"));
                    assertThat(signedServer.request.uri().getHost()).isEqualTo("api.eu.residency.elevenlabs.io");
                    assertThat(session.conversationId()).isEqualTo("conv_1");
                }
            } finally {
                signedServer.shutdown();
            }
        }
    }

    @Test
    void aSignedUrlFromYourBackendIsUsedWithoutAnApiCall() {
        try (ConversationSession session = setup("agent_p").signedUrl(SIGNED).open()) {
            assertThat(session.conversationId()).isEqualTo("conv_1");
            assertThat(rest.sent()).isEmpty();
            assertThat(server.request.uri().toString()).startsWith(SIGNED + "&source=unknown&version=");
        }
    }

    @Test
    void aFailingSignedUrlRequestFailsTheOpenWithTheApiError() {
        rest.respond(403, "application/json", "{\"detail\":{\"status\":\"missing_permissions\",\"message\":\"No access\"}}");
        assertThatThrownBy(() -> setup("agent_p").requiresAuth(true).open())
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(server.request).isNull();
    }

    @Test
    void aSignedUrlResponseWithoutAUrlIsAClearError() {
        rest.respond(200, "application/json", "{\"token\":\"xyz\"}");
        assertThatThrownBy(() -> setup("agent_p").requiresAuth(true).openTimeout(Duration.ofSeconds(5)).open())
                .isInstanceOf(ConversationException.class).hasMessageContaining("no signed_url")
                .hasMessageNotContaining("xyz");
        assertThat(server.request).isNull();
    }

    @Test
    void badSettingsFailBeforeAnyIo() {
        assertThatThrownBy(() -> setup(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent id is empty");
        assertThatThrownBy(() -> setup("a").signedUrl("https://h/x?token=T0K")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("T0K");
        assertThatThrownBy(() -> setup("a").maxPendingEvents(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> setup("a").openTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> setup("a").clientTool("", call -> "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(rest.sent()).isEmpty();
        assertThat(server.request).isNull();
    }
}
