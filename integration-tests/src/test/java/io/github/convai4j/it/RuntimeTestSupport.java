package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.internal.ApiRequest;
import io.github.convai4j.internal.ClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What every integration test needs: a fresh fault server, and clients on a chosen transport pointed at
 * it, closed after the test. Clients use short backoffs so tests stay quick; tests that check waiting
 * set their own.
 */
abstract class RuntimeTestSupport {

    static final String API_KEY = "sk_it_7f3a9c1e5b2d4f6a8c0e";

    FaultServer server;
    private final List<ConvaiClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new FaultServer();
    }

    @AfterEach
    void stopEverything() {
        clients.forEach(ConvaiClient::close);
        server.close();
    }

    ConvaiClient client(String transport) {
        return client(transport, b -> b);
    }

    ConvaiClient client(String transport, UnaryOperator<ConvaiClient.Builder> settings) {
        ConvaiClient.Builder builder = ConvaiClient.builder()
                .apiKey(API_KEY)
                .baseUrl(server.baseUrl())
                .transportName(transport)
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(50)).build());
        ConvaiClient client = settings.apply(builder).build();
        clients.add(client);
        return client;
    }

    static ClientContext context(ConvaiClient client) {
        return client.context();
    }

    static ApiRequest getAgent(String agentId) {
        return ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/{agent_id}")
                .operationId("get_agent_route")
                .pathParam("agent_id", agentId)
                .build();
    }

    static String agentJson(String id, String name) {
        return "{\"agent_id\":\"" + id + "\",\"name\":\"" + name + "\",\"tags\":[]}";
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
