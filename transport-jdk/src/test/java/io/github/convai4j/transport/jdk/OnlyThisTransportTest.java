package io.github.convai4j.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * This module's test class path has one transport, this one (the testkit and the TCK bring none): a client
 * built with no transport named finds it, makes API calls with it, and on java.net.http holds a live
 * conversation with it too, without Netty. Against the testkit's fake platform, on real sockets.
 */
class OnlyThisTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeAgentsPlatform fake;
    private String agentId;

    @BeforeEach
    void start() {
        fake = FakeAgentsPlatform.start();
        agentId = fake.addAgent("Support");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theClassPathHoldsThisTransportAlone() {
        List<String> names = new ArrayList<>();
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
            names.add(p.name());
        }
        assertThat(names).containsExactly("jdk");
    }

    @Test
    void aClientBuiltWithoutATransportUsesItForApiCallsAndALiveConversation() {
        try (ConvaiClient client = ConvaiClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).build()) {
            assertThat(client.context().transport().name()).isEqualTo("jdk");
            assertThat(client.agents().get(agentId).name()).isEqualTo("Support");
            assertThat(fake.lastRequest().header("User-Agent")).contains("(jdk; Java ");

            try (ConversationSession session = client.liveConversation(agentId)
                    .initiation(ConversationInitiation.builder().textOnly(true).build()).open()) {
                assertThat(session.sendAndAwaitReply("Where is my order?", WAIT))
                        .isEqualTo("You said: Where is my order?");
            }
            assertThat(client.webSocketTransport().getClass().getName())
                    .startsWith("io.github.convai4j.transport.jdk.internal.");
        }
    }

    @Test
    void onTheHttpUrlConnectionStackApiCallsWorkAndALiveConversationSaysWhyItCannot() {
        String previous = System.setProperty(JdkTransport.STACK_PROPERTY, "urlconnection");
        try (ConvaiClient client = ConvaiClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).build()) {
            assertThat(client.context().transport().webSocket()).isEmpty();
            assertThat(client.agents().get(agentId).name()).isEqualTo("Support");

            assertThatThrownBy(() -> client.liveConversation(agentId).open())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Live conversations need a transport with WebSocket support")
                    .hasMessageContaining("(jdk) has none");
            assertThat(fake.sessions()).isEmpty();
        } finally {
            if (previous == null) {
                System.clearProperty(JdkTransport.STACK_PROPERTY);
            } else {
                System.setProperty(JdkTransport.STACK_PROPERTY, previous);
            }
        }
    }
}
