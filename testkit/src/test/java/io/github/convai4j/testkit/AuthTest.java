package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthTest {

    @ParameterizedTest
    @EnumSource(AuthScheme.class)
    void theConfiguredHeaderWithTheKeyIsAccepted(AuthScheme scheme) {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.builder().authScheme(scheme).apiKey("sk_test_123").start()) {
            Http.Response response = new Http(server).get("/v1/convai/agents");

            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(server.apiKey()).isEqualTo("sk_test_123");
            assertThat(server.authScheme()).isEqualTo(scheme);
        }
    }

    @ParameterizedTest
    @EnumSource(AuthScheme.class)
    void aMissingKeyIs401NeedsAuthorization(AuthScheme scheme) {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.builder().authScheme(scheme).start()) {
            Http.Response response = new Http(server).anonymous().get("/v1/convai/agents");

            assertThat(response.status()).isEqualTo(401);
            JsonNode detail = response.json().get("detail");
            assertThat(detail.get("status").asText()).isEqualTo("needs_authorization");
            assertThat(detail.get("message").asText()).isNotBlank();
        }
    }

    @Test
    void theOfficialMessageForAMissingXiApiKey() {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.start()) {
            Http.Response response = new Http(server).anonymous().get("/v1/convai/tools");

            assertThat(response.json().at("/detail/message").asText())
                    .isEqualTo("Neither authorization header nor xi-api-key received, please provide one.");
        }
    }

    @ParameterizedTest
    @EnumSource(AuthScheme.class)
    void aWrongKeyIs401InvalidApiKey(AuthScheme scheme) {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.builder().authScheme(scheme).apiKey("right").start()) {
            String header = switch (scheme) {
                case XI_API_KEY -> "xi-api-key";
                case X_API_KEY -> "x-api-key";
                case BEARER -> "Authorization";
            };
            String value = scheme == AuthScheme.BEARER ? "Bearer wrong" : "wrong";

            Http.Response response = new Http(server).anonymous().send("GET", "/v1/convai/agents",
                    Map.of(header, value), null);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("detail").toString())
                    .isEqualTo("{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}");
        }
    }

    @Test
    void aKeyInAnotherProvidersHeaderCountsAsMissingAndTheMessageSaysWhy() {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.builder().authScheme(AuthScheme.BEARER).start()) {
            Http.Response response = new Http(server).anonymous().send("GET", "/v1/convai/agents",
                    Map.of("xi-api-key", server.apiKey()), null);

            assertThat(response.status()).isEqualTo(401);
            String message = response.json().at("/detail/message").asText();
            assertThat(message).contains("xi-api-key").contains("AuthScheme.BEARER");
            assertThat(response.text()).doesNotContain(server.apiKey());
        }
    }

    @Test
    void bearerSchemeIsCaseInsensitiveAndOtherSchemesAreNotBearer() {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.builder().authScheme(AuthScheme.BEARER).start()) {
            Http anonymous = new Http(server).anonymous();

            assertThat(anonymous.send("GET", "/v1/convai/agents", Map.of("Authorization", "bearer " + server.apiKey()),
                    null).status()).isEqualTo(200);
            assertThat(anonymous.send("GET", "/v1/convai/agents", Map.of("Authorization", "Basic " + server.apiKey()),
                    null).json().at("/detail/status").asText()).isEqualTo("needs_authorization");
        }
    }

    @Test
    void everyImplementedAndUnimplementedOperationNeedsTheKey() {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.start()) {
            Http anonymous = new Http(server).anonymous();

            assertThat(anonymous.postJson("/v1/convai/agents/create", "{\"conversation_config\":{}}").status())
                    .isEqualTo(401);
            assertThat(anonymous.postJson("/v1/convai/secrets", "{}").status()).isEqualTo(401);
            assertThat(anonymous.get("/v1/convai/agents/x/link").status()).isEqualTo(401);
            assertThat(server.requests()).hasSize(3); // refused requests are recorded too
        }
    }

    @Test
    void defaultKeysAreRandomPerServer() {
        try (FakeAgentsPlatform a = FakeAgentsPlatform.start(); FakeAgentsPlatform b = FakeAgentsPlatform.start()) {
            assertThat(a.apiKey()).startsWith("sk_fake_").hasSize("sk_fake_".length() + 32);
            assertThat(a.apiKey()).isNotEqualTo(b.apiKey());
            assertThat(new Http(b).anonymous().send("GET", "/v1/convai/agents", Map.of("xi-api-key", a.apiKey()), null)
                    .status()).isEqualTo(401);
        }
    }

    @Test
    void keysThatCannotTravelInAHeaderAreRefusedAtBuildTime() {
        assertThatThrownBy(() -> FakeAgentsPlatform.builder().apiKey("a\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
        assertThatThrownBy(() -> FakeAgentsPlatform.builder().apiKey(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeAgentsPlatform.builder().authScheme(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
