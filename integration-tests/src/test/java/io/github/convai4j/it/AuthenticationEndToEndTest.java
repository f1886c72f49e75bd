package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.Provider;
import io.github.convai4j.core.AuthScheme;
import io.github.convai4j.errors.AuthenticationException;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 5: the key goes in the header of the client's {@link AuthScheme}, set directly or through a
 * {@link Provider}; a fake started with the same scheme accepts it, and answers a wrong key
 * ({@code invalid_api_key}) or a key in another header ({@code needs_authorization}) with 401, which the
 * client maps to {@link AuthenticationException}. 401 is not retried.
 */
class AuthenticationEndToEndTest extends FakePlatformTestSupport {

    static Stream<Arguments> transportsAndSchemes() {
        List<Arguments> out = new ArrayList<>();
        for (String transport : transports()) {
            for (AuthScheme scheme : AuthScheme.values()) {
                out.add(Arguments.of(transport, scheme));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("transportsAndSchemes")
    void theKeyIsSentInTheSchemesHeaderOnly(String transport, AuthScheme scheme) {
        try (FakeAgentsPlatform server = startWith(scheme);
                ConvaiClient client = clientOf(transport, server, server.apiKey(), c -> c.authScheme(scheme))) {
            server.addAgent("Support");

            assertThat(client.agents().list().items()).hasSize(1);

            RecordedRequest sent = server.lastRequest();
            assertThat(sent.header(scheme.headerName())).isEqualTo(scheme.headerValue(server.apiKey()));
            for (AuthScheme other : AuthScheme.values()) {
                if (other != scheme) {
                    assertThat(sent.header(other.headerName())).as("%s header", other).isNull();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("transportsAndSchemes")
    void aWrongKeyIsAnAuthenticationErrorWithTheApisCode(String transport, AuthScheme scheme) {
        try (FakeAgentsPlatform server = startWith(scheme);
                ConvaiClient client = clientOf(transport, server, "sk_wrong_0000", c -> c.authScheme(scheme))) {

            assertThatThrownBy(() -> client.agents().get("agent_1"))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("invalid_api_key");
                        assertThat(e.serverMessage()).isEqualTo("Invalid API key");
                        assertThat(e.requestId()).isEqualTo(server.lastRequest().requestId());
                        assertThat(e.getMessage()).doesNotContain("sk_wrong_0000").doesNotContain(server.apiKey());
                    });
            assertThat(server.requests()).as("401 is not retried").hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("transportsAndSchemes")
    void theRightKeyInAnotherSchemesHeaderIsRefusedAsMissing(String transport, AuthScheme scheme) {
        AuthScheme other = scheme == AuthScheme.XI_API_KEY ? AuthScheme.BEARER : AuthScheme.XI_API_KEY;
        try (FakeAgentsPlatform server = startWith(scheme);
                ConvaiClient client = clientOf(transport, server, server.apiKey(), c -> c.authScheme(other))) {

            assertThatThrownBy(() -> client.agents().list())
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.code()).isEqualTo("needs_authorization");
                        assertThat(e.serverMessage()).contains("AuthScheme." + scheme.name());
                        assertThat(e.getMessage()).doesNotContain(server.apiKey());
                    });
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("transportsAndSchemes")
    void aProviderCarriesItsSchemeToTheWire(String transport, AuthScheme scheme) {
        try (FakeAgentsPlatform server = startWith(scheme);
                ConvaiClient right = clientOf(transport, server, server.apiKey(),
                        c -> c.provider(Provider.of(server.baseUrl(), scheme)));
                ConvaiClient wrongKey = clientOf(transport, server, "sk_wrong_0000",
                        c -> c.provider(Provider.of(server.baseUrl(), scheme)))) {
            String agentId = server.addAgent("Support");

            assertThat(right.agents().get(agentId).name()).isEqualTo("Support");
            assertThat(server.lastRequest().header(scheme.headerName())).isEqualTo(scheme.headerValue(server.apiKey()));
            assertThatThrownBy(() -> wrongKey.agents().get(agentId))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.code()).isEqualTo("invalid_api_key"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.FakePlatformTestSupport#transports")
    void threetonePresetSendsXApiKeyAndElevenLabsPresetIsRefusedByAnXApiKeyServer(String transport) {
        try (FakeAgentsPlatform server = startWith(AuthScheme.X_API_KEY);
                ConvaiClient threetone = clientOf(transport, server, server.apiKey(),
                        c -> c.provider(Provider.THREETONE).baseUrl(server.baseUrl()));
                ConvaiClient elevenLabs = clientOf(transport, server, server.apiKey(),
                        c -> c.provider(Provider.ELEVENLABS).baseUrl(server.baseUrl()))) {
            server.addAgent("Support");

            assertThat(threetone.agents().list().items()).hasSize(1);
            assertThat(server.lastRequest().header("x-api-key")).isEqualTo(server.apiKey());
            assertThatThrownBy(() -> elevenLabs.agents().list())
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.code()).isEqualTo("needs_authorization"));
            assertThat(server.lastRequest().header("xi-api-key")).isEqualTo(server.apiKey());
        }
    }

    private static FakeAgentsPlatform startWith(AuthScheme scheme) {
        return FakeAgentsPlatform.builder().authScheme(io.github.convai4j.testkit.AuthScheme.valueOf(scheme.name())).start();
    }

    private static ConvaiClient clientOf(String transport, FakeAgentsPlatform server, String key,
            java.util.function.UnaryOperator<ConvaiClient.Builder> auth) {
        return auth.apply(ConvaiClient.builder().apiKey(key).baseUrl(server.baseUrl())).transportName(transport)
                .retryPolicy(QUICK_RETRIES).build();
    }
}
