package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    static FakeAgentsPlatform server;
    static Http http;

    @BeforeAll
    static void start() {
        server = FakeAgentsPlatform.start();
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

    static final String CREATE = "{\"name\":\"A\",\"conversation_config\":{}}";

    @Test
    void latencyDelaysTheMatchingRouteOnly() {
        InjectedFault slow = server.injectFault(FaultRule.on("GET", "/v1/convai/agents")
                .latency(Duration.ofMillis(400)));

        long start = System.nanoTime();
        Http.Response response = http.get("/v1/convai/agents");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        http.get("/v1/convai/tools");

        assertThat(response.status()).isEqualTo(200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
        assertThat(slow.triggered()).isEqualTo(1);
        assertThat(slow.remaining()).isEqualTo(FaultRule.UNLIMITED);
    }

    @Test
    void tooManyRequestsForTheNextNRequestsThenNormalService() {
        InjectedFault fault = server.injectFault(FaultRule.on("POST", "/v1/convai/agents/create")
                .tooManyRequests(2).times(2));

        Http.Response first = http.postJson("/v1/convai/agents/create", CREATE);
        Http.Response second = http.postJson("/v1/convai/agents/create", CREATE);
        Http.Response third = http.postJson("/v1/convai/agents/create", CREATE);

        for (Http.Response limited : new Http.Response[] {first, second}) {
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("retry-after")).isEqualTo("2");
            assertThat(limited.header("content-type")).isEqualTo("application/json");
            assertThat(limited.json().at("/detail/status").asText()).isEqualTo("too_many_concurrent_requests");
            assertThat(limited.json().at("/detail/message").asText()).isNotBlank();
        }
        assertThat(third.status()).isEqualTo(200);
        assertThat(fault.triggered()).isEqualTo(2);
        assertThat(fault.remaining()).isZero();
        // an injected status is answered instead of processing: only the third request created an agent
        assertThat(http.get("/v1/convai/agents").json().get("agents")).hasSize(1);
        assertThat(server.requests("POST", "/v1/convai/agents/create")).hasSize(3);
    }

    @Test
    void serverErrorsHaveTheApiErrorShape() {
        server.injectFault(FaultRule.on("GET", "/v1/convai/tools").status(500).once());
        server.injectFault(FaultRule.on("GET", "/v1/convai/secrets").status(503).retryAfterSeconds(7).once());

        Http.Response internal = http.get("/v1/convai/tools");
        Http.Response unavailable = http.get("/v1/convai/secrets");

        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.json().at("/detail/status").asText()).isEqualTo("internal_server_error");
        assertThat(internal.header("retry-after")).isNull();
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.json().at("/detail/status").asText()).isEqualTo("service_unavailable");
        assertThat(unavailable.header("retry-after")).isEqualTo("7");
        assertThat(http.get("/v1/convai/tools").status()).isEqualTo(200);
    }

    @Test
    void aStatusFaultMayCarryItsOwnBody() {
        server.injectFault(FaultRule.on("GET", "/v1/convai/agents").status(429)
                .body("{\"detail\":{\"status\":\"system_busy\",\"message\":\"busy\"}}").once());

        Http.Response response = http.get("/v1/convai/agents");

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.json().at("/detail/status").asText()).isEqualTo("system_busy");
    }

    @Test
    void aGlobalRuleHitsWhateverComesNext() {
        server.injectFault(FaultRule.anyRequest().status(503).once());

        assertThat(http.get("/v1/convai/knowledge-base").status()).isEqualTo(503);
        assertThat(http.get("/v1/convai/knowledge-base").status()).isEqualTo(200);
    }

    @Test
    void connectionResetMidBodyAfterTheHeadAndPartOfTheBody() {
        String id = server.addAgent("Reset me");
        long fullLength = http.get("/v1/convai/agents/" + id).contentLength();
        server.injectFault(FaultRule.on("GET", "/v1/convai/agents/{agent_id}").resetConnectionMidBody().once());

        Http.Response response = http.exchange("GET", "/v1/convai/agents/" + id, Map.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentLength()).isEqualTo(fullLength);
        assertThat(response.failure()).isInstanceOf(SocketException.class);
        assertThat(response.failure().getMessage()).containsIgnoringCase("reset");
        assertThat(response.body().length).isLessThan((int) fullLength);
        assertThat(http.get("/v1/convai/agents/" + id).status()).isEqualTo(200); // the next one is fine
    }

    @Test
    void aResetAfterProcessingLeavesTheEffectInPlaceAsARealLostResponseWould() {
        server.injectFault(FaultRule.on("POST", "/v1/convai/agents/create").resetConnectionMidBody().once());

        Http.Response response = http.exchange("POST", "/v1/convai/agents/create",
                Map.of("Content-Type", "application/json"), Http.utf8(CREATE));

        assertThat(response.failure()).isNotNull();
        assertThat(http.get("/v1/convai/agents").json().get("agents")).hasSize(1);
    }

    @Test
    void truncatedBodyPromisesTheFullLengthSendsHalfAndCloses() {
        String id = server.addAgent("Truncate me");
        long fullLength = http.get("/v1/convai/agents/" + id).contentLength();
        server.injectFault(FaultRule.on("GET", "/v1/convai/agents/*").truncateBody().once());

        Http.Response response = http.exchange("GET", "/v1/convai/agents/" + id, Map.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentLength()).isEqualTo(fullLength);
        assertThat(response.body()).hasSize((int) (fullLength / 2));
        assertThat(response.failure()).hasMessageContaining("premature EOF"); // an orderly close, not a reset
        assertThat(response.header("connection")).isEqualTo("close");
    }

    @Test
    void streamedAudioCanBeResetMidway() throws Exception {
        long size = 4L * 1024 * 1024;
        String conversation = server.addConversation(
                ConversationSeed.forAgent(server.addAgent("A")).syntheticAudio(size));
        server.injectFault(FaultRule.on("GET", "/v1/convai/conversations/{id}/audio").resetConnectionMidBody());

        HttpURLConnection connection = (HttpURLConnection) URI.create(server.baseUrl()
                + "/v1/convai/conversations/" + conversation + "/audio").toURL().openConnection();
        connection.setRequestProperty("xi-api-key", server.apiKey());
        connection.setReadTimeout(30_000);
        long read = 0;
        try {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            assertThat(connection.getContentLengthLong()).isEqualTo(size);
            try (InputStream in = connection.getInputStream()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    read += n;
                }
                throw new AssertionError("the download ended normally after " + read + " bytes");
            } catch (IOException expected) {
                assertThat(read).isLessThanOrEqualTo(size / 2);
            }
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void streamedAudioCanBeTruncated() throws Exception {
        long size = 1024 * 1024;
        String conversation = server.addConversation(
                ConversationSeed.forAgent(server.addAgent("A")).syntheticAudio(size));
        server.injectFault(FaultRule.on("GET", "/v1/convai/conversations/**").truncateBody().once());

        Http.Response response = http.exchange("GET", "/v1/convai/conversations/" + conversation + "/audio",
                Map.of(), null);

        assertThat(response.contentLength()).isEqualTo(size);
        assertThat(response.body()).hasSize((int) (size / 2));
        assertThat(response.failure()).hasMessageContaining("premature EOF");
    }

    @Test
    void latenciesAddUpAndTheFirstMatchingActionApplies() {
        server.injectFault(FaultRule.anyRequest().latency(Duration.ofMillis(150)));
        InjectedFault first = server.injectFault(FaultRule.on("*", "/v1/convai/tools").status(503).once());
        InjectedFault second = server.injectFault(FaultRule.on("GET", "/v1/convai/tools").status(500)
                .latency(Duration.ofMillis(150)).once());

        long start = System.nanoTime();
        Http.Response a = http.get("/v1/convai/tools");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        Http.Response b = http.get("/v1/convai/tools");
        Http.Response c = http.get("/v1/convai/tools");

        assertThat(a.status()).isEqualTo(503);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(150);
        assertThat(first.triggered()).isEqualTo(1);
        assertThat(b.status()).isEqualTo(500);      // the second rule kept its use for the next request
        assertThat(second.triggered()).isEqualTo(1);
        assertThat(c.status()).isEqualTo(200);
    }

    @Test
    void removedAndClearedRulesStopApplying() {
        InjectedFault fault = server.injectFault(FaultRule.on("GET", "/v1/convai/agents").status(500));
        assertThat(http.get("/v1/convai/agents").status()).isEqualTo(500);

        fault.remove();
        assertThat(http.get("/v1/convai/agents").status()).isEqualTo(200);

        server.injectFault(FaultRule.on("GET", "/v1/convai/agents").status(500));
        server.clearFaults();
        assertThat(http.get("/v1/convai/agents").status()).isEqualTo(200);
        assertThat(fault.toString()).contains("status 500");
    }

    @Test
    void patternsMatchDecodedSegmentsMethodsAndTails() {
        server.injectFault(FaultRule.on("DELETE", "/v1/convai/tools/**").status(418));

        assertThat(http.delete("/v1/convai/tools/tool_1").status()).isEqualTo(418);
        assertThat(http.get("/v1/convai/tools/tool_1").status()).isEqualTo(404);
        assertThat(http.delete("/v1/convai/secrets/s").status()).isEqualTo(404);
        assertThat(http.delete("/v1/convai/tools/a%2Fb").status()).isEqualTo(418);
    }

    @Test
    void meaninglessOrMalformedRulesAreRefusedClearly() {
        assertThatThrownBy(() -> server.injectFault(FaultRule.anyRequest()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does nothing");
        assertThatThrownBy(() -> FaultRule.anyRequest().status(503).truncateBody())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has an action");
        assertThatThrownBy(() -> FaultRule.anyRequest().status(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.anyRequest().times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.anyRequest().latency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.on("GET", "v1/convai")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> FaultRule.on("GET", "/v1/**/agents")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.on(" ", "/v1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultsApplyToAssetsToo() {
        String id = server.addAgent("A");
        String url = http.postMultipart("/v1/convai/agents/" + id + "/avatar",
                new Http.Multipart().file("avatar_file", "a.png", "image/png", new byte[100]))
                .json().get("avatar_url").asText();
        server.injectFault(FaultRule.on("GET", "/_fake/**").status(503).once());

        JsonNode body = http.anonymous().get(URI.create(url).getPath()).json();

        assertThat(body.at("/detail/status").asText()).isEqualTo("service_unavailable");
    }
}
