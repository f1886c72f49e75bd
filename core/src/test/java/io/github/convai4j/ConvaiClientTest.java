package io.github.convai4j;

import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.internal.StubTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConvaiClientTest {

    private static final String KEY = "sk_0123456789abcdef";

    @BeforeEach
    void reset() {
        StubTransportProvider.CREATED.clear();
    }

    private static ConvaiClient.Builder builder(Map<String, String> environment) {
        return ConvaiClient.builder().environment(environment::get);
    }

    @Test
    void apiKeyComesFromTheEnvironmentWhenNotGiven() {
        try (ConvaiClient client = builder(Map.of("ELEVENLABS_API_KEY", KEY)).build()) {
            assertThat(client.options().apiKey()).isEqualTo(KEY);
        }
    }

    @Test
    void apiKeyFromTheBuilderWinsOverTheEnvironment() {
        try (ConvaiClient client = builder(Map.of("ELEVENLABS_API_KEY", "sk_from_env")).apiKey(KEY).build()) {
            assertThat(client.options().apiKey()).isEqualTo(KEY);
        }
    }

    @Test
    void missingKeyNamesTheVariableAndTheBuilderMethod() {
        assertThatThrownBy(() -> builder(Map.of()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ELEVENLABS_API_KEY")
                .hasMessageContaining("apiKey(");
        assertThatThrownBy(() -> builder(Map.of("ELEVENLABS_API_KEY", "")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ELEVENLABS_API_KEY");
    }

    @Test
    void unusableKeyInTheEnvironmentSaysWhereItCameFrom() {
        assertThatThrownBy(() -> builder(Map.of("ELEVENLABS_API_KEY", "sk_abc\n")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ELEVENLABS_API_KEY")
                .hasMessageNotContaining("sk_abc");
    }

    @Test
    void discoveredTransportIsUsedAndClosedWithTheClient() {
        ConvaiClient client = builder(Map.of()).apiKey(KEY).connectTimeout(Duration.ofSeconds(3)).build();

        assertThat(StubTransportProvider.CREATED).hasSize(1);
        StubTransport transport = StubTransportProvider.CREATED.get(0);
        assertThat(client.context().transport()).isSameAs(transport);
        assertThat(StubTransportProvider.lastOptions.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(client.context().userAgent()).contains("(stub; Java ");

        client.close();
        assertThat(transport.isClosed()).isTrue();
    }

    @Test
    void transportPassedInIsNotClosed() {
        StubTransport mine = new StubTransport();
        ConvaiClient client = builder(Map.of()).apiKey(KEY).transport(mine).build();

        client.close();

        assertThat(mine.isClosed()).isFalse();
        assertThat(StubTransportProvider.CREATED).isEmpty();
        mine.close();
    }

    @Test
    void derivedClientsShareTheTransportAndDoNotCloseIt() {
        try (ConvaiClient client = builder(Map.of()).apiKey(KEY).build()) {
            ConvaiClient noRetries = client.withOptions(o -> o.maxRetries(0).timeout(Duration.ofSeconds(5)));

            assertThat(noRetries.options().retryPolicy().maxRetries()).isZero();
            assertThat(noRetries.options().timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(client.options().retryPolicy().maxRetries()).isEqualTo(2);
            assertThat(noRetries.context().transport()).isSameAs(client.context().transport());
            assertThat(noRetries.async().withOptions(o -> o.maxRetries(1)).options().retryPolicy().maxRetries()).isEqualTo(1);

            noRetries.close();
            assertThat(StubTransportProvider.CREATED.get(0).isClosed()).isFalse();
        }
        assertThat(StubTransportProvider.CREATED.get(0).isClosed()).isTrue();
    }

    @Test
    void asyncClientIsAViewOfTheSameClient() {
        ConvaiClient client = builder(Map.of()).apiKey(KEY).build();
        ConvaiAsyncClient async = client.async();

        assertThat(async.sync()).isSameAs(client);
        assertThat(async.context()).isSameAs(client.context());
        async.close();
        assertThat(StubTransportProvider.CREATED.get(0).isClosed()).isTrue();
    }

    @Test
    void missingTransportNamesBothArtifacts() {
        ClassLoader seesNoProviders = new ClassLoader(null) { };

        assertThatThrownBy(() -> builder(Map.of()).apiKey(KEY).transportClassLoader(seesNoProviders).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.github.convai4j:convai4j-transport-httpclient")
                .hasMessageContaining("io.github.convai4j:convai4j-transport-netty")
                .hasMessageContaining(".transport(");
    }

    @Test
    void unknownTransportNameListsWhatIsThere() {
        assertThatThrownBy(() -> builder(Map.of()).apiKey(KEY).transportName("carrier-pigeon").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("carrier-pigeon")
                .hasMessageContaining("stub (priority 1)")
                .hasMessageContaining("httpclient5 or httpclient (Apache HttpClient 5): io.github.convai4j:convai4j-transport-httpclient")
                .hasMessageContaining("netty (Netty; also live conversations): io.github.convai4j:convai4j-transport-netty")
                .hasMessageContaining("jdk (the JDK's own clients, no third-party stack; also live conversations on"
                        + " Java 11+): io.github.convai4j:convai4j-transport-jdk");
    }

    @Test
    void aShippedTransportThatIsMissingNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> builder(Map.of()).apiKey(KEY).transportName("netty").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No convai4j transport named 'netty' on the class path; on it: stub (priority 1).")
                .hasMessageContaining("add io.github.convai4j:convai4j-transport-netty to your dependencies");
    }

    @Test
    void theArtifactSuffixNamesTheHttpClientTransportToo() {
        TransportProvider httpclient = provider("httpclient5", 200);
        TransportProvider netty = provider("netty", 100);

        assertThat(TransportDiscovery.select(java.util.List.of(netty, httpclient), "httpclient")).isSameAs(httpclient);
        assertThat(TransportDiscovery.select(java.util.List.of(netty, httpclient), "HttpClient5")).isSameAs(httpclient);
        assertThat(TransportDiscovery.select(java.util.List.of(netty, httpclient), " netty ")).isSameAs(netty);
    }

    @Test
    void toStringHidesTheKey() {
        try (ConvaiClient client = builder(Map.of()).apiKey(KEY).build()) {
            assertThat(client.toString()).doesNotContain(KEY);
            assertThat(client.async().toString()).doesNotContain(KEY);
            assertThat(client.context().toString()).doesNotContain(KEY);
        }
    }

    @Test
    void discoveryPrefersHighestPriorityThenName() {
        TransportProvider low = provider("netty", 100);
        TransportProvider high = provider("httpclient5", 200);
        TransportProvider tie = provider("another", 200);

        assertThat(TransportDiscovery.select(java.util.List.of(low, high), null)).isSameAs(high);
        assertThat(TransportDiscovery.select(java.util.List.of(low, high, tie), null)).isSameAs(tie);
        assertThat(TransportDiscovery.select(java.util.List.of(low, high), "NETTY")).isSameAs(low);
    }

    private static TransportProvider provider(String name, int priority) {
        return new TransportProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public io.github.convai4j.http.Transport create(io.github.convai4j.http.TransportOptions options) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
