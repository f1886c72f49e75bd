package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The WebSocket's admission: signed URLs, private and public agents, refusals, and what the handshake carried. */
class LiveAuthTest {

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

    private static String signedUrl(String agentId) {
        Http.Response response = http.get("/v1/convai/conversation/get-signed-url?agent_id=" + agentId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("signed_url").asText();
    }

    @Test
    void signedUrlPointsAtThisServersWebSocketWithAFreshToken() {
        String agentId = server.addAgent("Private");

        String first = signedUrl(agentId);
        String second = signedUrl(agentId);

        URI uri = URI.create(first);
        assertThat(uri.getScheme()).isEqualTo("ws");
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(uri.getPort()).isEqualTo(server.port());
        assertThat(uri.getPath()).isEqualTo("/v1/convai/conversation");
        assertThat(uri.getQuery()).matches("agent_id=" + agentId + "&token=[0-9A-Za-z]{40}");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void signedUrlNeedsTheApiKeyAndAnExistingAgent() {
        assertThat(http.anonymous().get("/v1/convai/conversation/get-signed-url?agent_id=x").status())
                .isEqualTo(401);

        Http.Response unknown = http.get("/v1/convai/conversation/get-signed-url?agent_id=agent_nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/detail/status").asText()).isEqualTo("agent_not_found");

        Http.Response missing = http.get("/v1/convai/conversation/get-signed-url");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().at("/detail/0/loc").toString()).isEqualTo("[\"query\",\"agent_id\"]");
    }

    @Test
    void privateAgentConnectsWithASignedUrlAndTheKeyNeverTravelsOnTheSocket() {
        String agentId = server.addAgent("Private");
        server.requireAuth(agentId, true);

        try (WsClient client = WsClient.connect(signedUrl(agentId) + "&source=unknown&version=0.1.0", Map.of(),
                "convai")) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);

            assertThat(session.agentId()).isEqualTo(agentId);
            assertThat(session.apiKeySeenOnHandshake()).isFalse();
            assertThat(session.handshakeHeaders()).doesNotContainKeys("xi-api-key", "x-api-key", "authorization");
            assertThat(session.handshake().queryParameter("source")).isEqualTo("unknown");
            assertThat(session.subprotocol()).isEqualTo("convai");
            assertThat(client.subprotocol()).isEqualTo("convai");
            assertThat(session.toString()).doesNotContain(session.handshake().queryParameter("token"));
        }
    }

    @Test
    void aSignedUrlOpensOneConversationOnly() {
        String agentId = server.addAgent("Private");
        server.requireAuth(agentId, true);
        String url = signedUrl(agentId);
        WsClient.connect(url, Map.of()).close();

        WebSocketHandshakeException refused = WsClient.refusal(url, Map.of());

        assertThat(refused.getResponse().statusCode()).isEqualTo(403);
        String target = URI.create(url).getRawPath() + "?" + URI.create(url).getRawQuery();
        Http.Response body = WsClient.rawUpgrade(server, target, Map.of());
        assertThat(body.status()).isEqualTo(403);
        assertThat(body.json().at("/detail/status").asText()).isEqualTo("invalid_token");
        assertThat(body.json().at("/detail/message").asText()).contains("used already");
    }

    @Test
    void anExpiredSignedUrlIsRefused() throws Exception {
        try (FakeAgentsPlatform shortLived = FakeAgentsPlatform.builder().signedUrlTtl(Duration.ofMillis(50))
                .pingInterval(Duration.ZERO).start()) {
            String agentId = shortLived.addAgent("Private");
            shortLived.requireAuth(agentId, true);
            String url = new Http(shortLived).get("/v1/convai/conversation/get-signed-url?agent_id=" + agentId)
                    .json().get("signed_url").asText();
            Thread.sleep(200);

            Http.Response response = WsClient.rawUpgrade(shortLived,
                    URI.create(url).getRawPath() + "?" + URI.create(url).getRawQuery(), Map.of());

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().at("/detail/status").asText()).isEqualTo("token_expired");
            assertThat(shortLived.sessions()).isEmpty();
        }
    }

    @Test
    void aPrivateAgentWithoutATokenIsRefusedWith403AndTheErrorBody() {
        String agentId = server.addAgent("Private");
        http.patchJson("/v1/convai/agents/" + agentId, "{\"platform_settings\":{\"auth\":{\"enable_auth\":true}}}");

        Http.Response response = WsClient.rawUpgrade(server, "/v1/convai/conversation?agent_id=" + agentId,
                Map.of("xi-api-key", server.apiKey()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.header("request-id")).hasSize(20);
        JsonNode detail = response.json().get("detail");
        assertThat(detail.get("status").asText()).isEqualTo("authorization_required");
        assertThat(detail.get("message").asText()).contains("get-signed-url");
        assertThat(server.sessions()).isEmpty();
        assertThat(server.lastRequest().path()).isEqualTo("/v1/convai/conversation");
    }

    @Test
    void aTokenOfAnotherAgentIsRefused() {
        String mine = server.addAgent("Mine");
        String other = server.addAgent("Other");
        server.requireAuth(mine, true);
        String token = URI.create(signedUrl(other)).getQuery().replaceFirst(".*token=", "");

        Http.Response response = WsClient.rawUpgrade(server,
                "/v1/convai/conversation?agent_id=" + mine + "&token=" + token, Map.of());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().at("/detail/status").asText()).isEqualTo("invalid_token");
    }

    @Test
    void aPublicAgentConnectsWithItsIdAlone() {
        String agentId = server.addAgent("Public");

        try (WsClient client = WsClient.started(server, agentId)) {
            LiveSession session = server.awaitSession(WsClient.TIMEOUT);
            assertThat(session.agentId()).isEqualTo(agentId);
            assertThat(session.subprotocol()).isNull();
            assertThat(session.isOpen()).isTrue();
        }
    }

    @Test
    void anAgentMadePublicAgainNeedsNoToken() {
        String agentId = server.addAgent("Toggled");
        server.requireAuth(agentId, true);
        server.requireAuth(agentId, false);

        WsClient.connect(server, agentId).close();

        assertThat(server.awaitSession(WsClient.TIMEOUT).agentId()).isEqualTo(agentId);
    }

    @Test
    void anUnknownAgentIsRefusedWith404() {
        WebSocketHandshakeException refused = WsClient.refusal(
                "ws://127.0.0.1:" + server.port() + "/v1/convai/conversation?agent_id=agent_nope", Map.of());
        assertThat(refused.getResponse().statusCode()).isEqualTo(404);

        Http.Response body = WsClient.rawUpgrade(server, "/v1/convai/conversation?agent_id=agent_nope", Map.of());
        assertThat(body.json().at("/detail/status").asText()).isEqualTo("agent_not_found");
    }

    @Test
    void aMissingAgentIdOrAnotherPathIsRefused() {
        Http.Response noAgent = WsClient.rawUpgrade(server, "/v1/convai/conversation", Map.of());
        assertThat(noAgent.status()).isEqualTo(422);
        assertThat(noAgent.json().at("/detail/0/type").asText()).isEqualTo("missing");

        Http.Response elsewhere = WsClient.rawUpgrade(server, "/v1/convai/agents", Map.of());
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.json().get("detail").asText()).isEqualTo("Not Found");
    }

    @Test
    void plainHttpOnTheWebSocketPathIsNotFound() {
        Http.Response response = http.get("/v1/convai/conversation?agent_id=" + server.addAgent("A"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asText()).isEqualTo("Not Found");
    }

    @Test
    void handshakeHeadersAreRecordedAndAKeyOnTheSocketIsNoticed() {
        String agentId = server.addAgent("Public");

        WsClient.connect("ws://127.0.0.1:" + server.port() + "/v1/convai/conversation?agent_id=" + agentId,
                Map.of("xi-api-key", server.apiKey(), "User-Agent", "my-client/1.0")).close();
        LiveSession leaky = server.awaitSession(WsClient.TIMEOUT);
        WsClient.connect("ws://127.0.0.1:" + server.port() + "/v1/convai/conversation?agent_id=" + agentId,
                Map.of(), "convai", "bearer." + server.apiKey()).close();
        LiveSession viaSubprotocol = server.awaitSession(WsClient.TIMEOUT);
        WsClient.connect(server, agentId).close();
        LiveSession clean = server.awaitSession(WsClient.TIMEOUT);

        assertThat(leaky.handshakeHeaders().get("XI-API-KEY")).containsExactly(server.apiKey());
        assertThat(leaky.handshakeHeaders().get("user-agent")).containsExactly("my-client/1.0");
        assertThat(leaky.apiKeySeenOnHandshake()).isTrue();
        assertThat(viaSubprotocol.apiKeySeenOnHandshake()).isTrue();
        assertThat(viaSubprotocol.subprotocol()).isEqualTo("convai");
        assertThat(clean.apiKeySeenOnHandshake()).isFalse();
        assertThat(clean.handshakeHeaders()).containsKeys("sec-websocket-key", "upgrade");
    }

    @Test
    void requireAuthAndScriptNeedAnExistingAgent() {
        assertThatThrownBy(() -> server.requireAuth("agent_typo", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent_typo");
        assertThatThrownBy(() -> server.script("agent_typo", ConversationScript.echo()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent_typo");
    }

    @Test
    void signedUrlTokensAreNeverLogged() throws Exception {
        String agentId = server.addAgent("Private");
        server.requireAuth(agentId, true);
        String url = signedUrl(agentId);
        String token = URI.create(url).getQuery().replaceFirst(".*token=", "");
        WsClient.connect(url, Map.of()).close();
        server.awaitSession(WsClient.TIMEOUT).awaitClosed(WsClient.TIMEOUT);
        WsClient.rawUpgrade(server, URI.create(url).getRawPath() + "?" + URI.create(url).getRawQuery(), Map.of());

        String log = new String(Files.readAllBytes(LoggingTest.LOG), StandardCharsets.UTF_8);
        assertThat(log).contains("WebSocket upgrade /v1/convai/conversation refused: 403"); // the capture works
        assertThat(log).doesNotContain(token);
        assertThat(log).doesNotContain(server.apiKey());
    }
}
