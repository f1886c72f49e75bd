package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.it.FaultServer.Reply;
import io.github.convai4j.http.TransportProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding a transport: every shipped one is on this class path; none gives the documented error. */
class TransportDiscoveryTest extends RuntimeTestSupport {

    @Test
    void everyShippedTransportIsPresentSoEveryTestRunsOnEach() {
        assertThat(Transports.names()).containsAll(Transports.SHIPPED);
    }

    @Test
    void withoutANameTheHighestPriorityTransportIsUsed() {
        server.enqueue(Reply.json(200, "{}"));
        try (ConvaiClient client = ConvaiClient.builder().apiKey(API_KEY).baseUrl(server.baseUrl()).build()) {
            assertThat(client.context().transport().name()).isEqualTo("httpclient5");
            client.context().execute(getAgent("a1"), ResponseHandlers.jsonValue(), null);
        }
        assertThat(server.received().get(0).header("User-Agent")).contains("(httpclient5; Java ");
    }

    @Test
    void aSystemPropertyChoosesTheTransport() {
        String previous = System.getProperty("convai4j.transport");
        System.setProperty("convai4j.transport", "netty");
        try (ConvaiClient client = ConvaiClient.builder().apiKey(API_KEY).baseUrl(server.baseUrl()).build()) {
            assertThat(client.context().transport().name()).isEqualTo("netty");
        } finally {
            if (previous == null) {
                System.clearProperty("convai4j.transport");
            } else {
                System.setProperty("convai4j.transport", previous);
            }
        }
    }

    @Test
    void missingTransportGivesTheDocumentedError() {
        ClassLoader withoutTransports = new ClassLoader(null) { };

        assertThatThrownBy(() -> ConvaiClient.builder().apiKey(API_KEY).transportClassLoader(withoutTransports).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("No convai4j transport found on the class path.")
                .hasMessageContaining("io.github.convai4j:convai4j-transport-httpclient")
                .hasMessageContaining("io.github.convai4j:convai4j-transport-netty")
                .hasMessageContaining("io.github.convai4j:convai4j-transport-jdk")
                .hasMessageContaining("ConvaiClient.builder().transport(...)");
    }

    @Test
    void withSeveralTransportsTheOrderIsHttpClientThenNettyThenJdk() {
        List<String> byPriority = new ArrayList<>();
        List<TransportProvider> providers = new ArrayList<>();
        ServiceLoader.load(TransportProvider.class).forEach(providers::add);
        providers.sort(Comparator.comparingInt(TransportProvider::priority).reversed());
        providers.forEach(p -> byPriority.add(p.name()));
        assertThat(byPriority).containsSubsequence("httpclient5", "netty", "jdk");
    }

    @Test
    void theJdkTransportIsChosenByItsName() {
        server.enqueue(Reply.json(200, "{}"));
        try (ConvaiClient client = ConvaiClient.builder().apiKey(API_KEY).baseUrl(server.baseUrl())
                .transportName("jdk").build()) {
            assertThat(client.context().transport().name()).isEqualTo("jdk");
            client.context().execute(getAgent("a1"), ResponseHandlers.jsonValue(), null);
        }
        assertThat(server.received().get(0).header("User-Agent")).contains("(jdk; Java ");
    }
}
