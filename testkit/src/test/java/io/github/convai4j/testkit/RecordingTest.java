package io.github.convai4j.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingTest {

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

    @Test
    void recordsMethodPathQueryHeadersAndBodyInArrivalOrder() {
        byte[] binary = {0, 1, 2, (byte) 0xFF, '\r', '\n'};
        http.get("/v1/convai/agents?page_size=5&search=caf%C3%A9+bar&tag=a&tag=b");
        http.send("POST", "/v1/convai/agents/create",
                Map.of("Content-Type", "application/octet-stream", "X-Custom", "one"), binary);
        http.patchJson("/v1/convai/agents/agent_x", "{\"name\":\"n\"}");

        List<RecordedRequest> requests = server.requests();

        assertThat(requests).hasSize(3);
        RecordedRequest list = requests.get(0);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.path()).isEqualTo("/v1/convai/agents");
        assertThat(list.query()).isEqualTo("page_size=5&search=caf%C3%A9+bar&tag=a&tag=b");
        assertThat(list.queryParameter("search")).isEqualTo("caf\u00e9 bar");
        assertThat(list.queryParameters("tag")).containsExactly("a", "b");
        assertThat(list.queryParameter("absent")).isNull();
        assertThat(list.bodySize()).isZero();
        assertThat(list.header("XI-API-KEY")).isEqualTo(server.apiKey()); // names are case-insensitive

        RecordedRequest create = requests.get(1);
        assertThat(create.body()).isEqualTo(binary);
        assertThat(create.header("x-custom")).isEqualTo("one");
        assertThat(create.contentType()).isEqualTo("application/octet-stream");
        assertThat(create.headers().get("Content-Length")).containsExactly("6");

        RecordedRequest patch = requests.get(2);
        assertThat(patch.method()).isEqualTo("PATCH");
        assertThat(patch.bodyAsString()).isEqualTo("{\"name\":\"n\"}");
        assertThat(patch.pathSegments()).containsExactly("v1", "convai", "agents", "agent_x");
        assertThat(patch.sequence()).isGreaterThan(create.sequence());
        assertThat(server.lastRequest()).isSameAs(patch);
    }

    @Test
    void absoluteFormTargetsAreRecordedByTheirPath() {
        http.get("http://127.0.0.1:" + server.port() + "/v1/convai/tools?page_size=2");

        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/convai/tools");
        assertThat(request.queryParameter("page_size")).isEqualTo("2");
    }

    @Test
    void requestsCanBeFilteredByMethodAndPathPattern() {
        http.get("/v1/convai/agents");
        http.get("/v1/convai/agents/a1");
        http.delete("/v1/convai/agents/a2");
        http.get("/v1/convai/tools");

        assertThat(server.requests("GET", "/v1/convai/agents/{agent_id}")).extracting(RecordedRequest::path)
                .containsExactly("/v1/convai/agents/a1");
        assertThat(server.requests("*", "/v1/convai/agents/*")).hasSize(2);
        assertThat(server.requests("get", "/v1/convai/**")).hasSize(3);
        assertThat(server.requests("*", "/**")).hasSize(4);
    }

    @Test
    void recordedBodiesAreCopies() {
        http.postJson("/v1/convai/agents/create", "{\"conversation_config\":{}}");
        RecordedRequest request = server.lastRequest();

        byte[] body = request.body();
        body[0] = 'X';

        assertThat(request.bodyAsString()).startsWith("{");
        assertThatThrownBy(() -> request.headers().put("a", List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> server.requests().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void clearingForgetsRequestsAndLastRequestSaysSo() {
        http.get("/v1/convai/agents");
        server.clearRequests();

        assertThat(server.requests()).isEmpty();
        assertThatThrownBy(() -> server.lastRequest()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no request");
    }

    @Test
    void concurrentRequestsAreAllRecordedOnceEachAndInOrderPerClient() throws Exception {
        int clients = 8;
        int perClient = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        assertThat(http.get("/v1/convai/tools?client=" + client + "&i=" + i).status()).isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<RecordedRequest> requests = server.requests();
        assertThat(requests).hasSize(clients * perClient);
        Set<Long> sequences = new HashSet<>();
        int[] next = new int[clients];
        for (RecordedRequest request : requests) {
            sequences.add(request.sequence());
            int client = Integer.parseInt(request.queryParameter("client"));
            assertThat(Integer.parseInt(request.queryParameter("i"))).isEqualTo(next[client]++);
        }
        assertThat(sequences).hasSize(clients * perClient);
    }

    @Test
    void toStringShowsNeitherHeadersNorQueryNorBody() {
        http.send("POST", "/v1/convai/secrets?token=abc", Map.of("Content-Type", "application/json"),
                Http.utf8("{\"type\":\"new\",\"name\":\"n\",\"value\":\"hunter2\"}"));

        String description = server.lastRequest().toString();

        assertThat(description).contains("POST /v1/convai/secrets").contains("bytes");
        assertThat(description).doesNotContain("hunter2").doesNotContain("abc").doesNotContain(server.apiKey());
    }
}
