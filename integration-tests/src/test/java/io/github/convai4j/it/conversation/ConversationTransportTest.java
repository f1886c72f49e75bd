package io.github.convai4j.it.conversation;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which transport carries a live conversation when the client's own cannot. */
class ConversationTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeAgentsPlatform server;
    private String agentId;

    @BeforeEach
    void start() {
        server = FakeAgentsPlatform.start();
        agentId = server.addAgent("Support");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theHttpClientTransportAloneGivesTheDocumentedError() {
        ClassLoader withoutWebSockets = hidingProviders("Netty", "Jdk");
        try (ConvaiClient client = ConvaiClient.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl())
                .transportClassLoader(withoutWebSockets).build()) {
            assertThat(client.context().transport().name()).isEqualTo("httpclient5");
            assertThatThrownBy(() -> client.liveConversation(agentId).open())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Live conversations need a transport with WebSocket support")
                    .hasMessageContaining("(httpclient5) has none")
                    .hasMessageContaining("io.github.convai4j:convai4j-transport-netty");
            assertThat(server.sessions()).isEmpty();
            assertThat(server.requests()).isEmpty(); // failed before any I/O
        }
    }

    @Test
    void withHttpClientForApiCallsTheDiscoveredNettyTransportCarriesTheConversation() {
        server.requireAuth(agentId, true);
        try (ConvaiClient client = ConvaiClient.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl())
                .transportName("httpclient5").build();
                ConversationSession session = client.liveConversation(agentId).requiresAuth(true)
                        .initiation(ConversationInitiation.builder().textOnly(true).build()).open()) {
            assertThat(client.context().transport().name()).isEqualTo("httpclient5");
            assertThat(client.webSocketTransport().getClass().getName()).contains("netty");
            assertThat(session.sendAndAwaitReply("Hi", WAIT)).isEqualTo("You said: Hi");
            // The signed URL came through HttpClient 5 (its User-Agent names it), the WebSocket through Netty.
            assertThat(server.requests("GET", "/v1/convai/conversation/get-signed-url").get(0).header("User-Agent"))
                    .contains("httpclient5");
        }
    }

    @Test
    void withoutNettyTheDiscoveredJdkTransportCarriesTheConversation() {
        try (ConvaiClient client = ConvaiClient.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl())
                .transportClassLoader(hidingProviders("Netty")).build();
                ConversationSession session = client.liveConversation(agentId)
                        .initiation(ConversationInitiation.builder().textOnly(true).build()).open()) {
            assertThat(client.context().transport().name()).isEqualTo("httpclient5");
            assertThat(client.webSocketTransport().getClass().getName()).contains(".jdk.");
            assertThat(session.sendAndAwaitReply("Hi", WAIT)).isEqualTo("You said: Hi");
        }
    }

    /** A class loader whose transport-provider lists leave out every provider file that mentions one of {@code words}. */
    static ClassLoader hidingProviders(String... words) {
        String services = "META-INF/services/" + TransportProvider.class.getName();
        return new ClassLoader(ConversationTransportTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                Enumeration<URL> all = super.getResources(name);
                if (!name.equals(services)) {
                    return all;
                }
                List<URL> kept = new ArrayList<>();
                for (URL url : Collections.list(all)) {
                    try (InputStream in = url.openStream()) {
                        String listed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        if (java.util.Arrays.stream(words).noneMatch(listed::contains)) {
                            kept.add(url);
                        }
                    }
                }
                return Collections.enumeration(kept);
            }
        };
    }
}
