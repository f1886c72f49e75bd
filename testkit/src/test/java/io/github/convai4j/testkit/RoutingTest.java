package io.github.convai4j.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTest {

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

    @ParameterizedTest
    @CsvSource({
            "GET, /v1/convai/agents/agent_1/link",
            "GET, /v1/convai/agents/summaries",
            "POST, /v1/convai/agents/agent_1/simulate-conversation",
            "GET, /v1/convai/conversation/token?agent_id=a",
            "GET, /v1/convai/conversations/resolve",
            "POST, /v1/convai/knowledge-base/folder",
            "GET, /v1/convai/knowledge-base/rag-index",
            "PATCH, /v1/convai/knowledge-base/doc1",
            "PUT, /v1/convai/agents/agent_1",
            "GET, /v1/convai/phone-numbers",
            "GET, /v1/convai/agents/",
    })
    void everyOtherOperationUnderConvaiIs501NamingTheOperation(String method, String target) {
        Http.Response response = http.send(method, target, java.util.Map.of(), method.equals("GET") ? null : new byte[0]);

        assertThat(response.status()).as(response.text()).isEqualTo(501);
        assertThat(response.json().at("/detail/status").asText()).isEqualTo("not_implemented");
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        assertThat(response.json().at("/detail/message").asText()).contains(method + " " + path);
    }

    @Test
    void pathsOutsideTheApiAreFastApis404() {
        Http.Response response = http.get("/v2/anything");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asText()).isEqualTo("Not Found");
        assertThat(http.get("/_fake/avatars/none.png").status()).isEqualTo(404);
    }

    @Test
    void everyResponseCarriesARequestIdThatTheRecordKnows() {
        Http.Response ok = http.get("/v1/convai/agents");
        String okId = ok.header("request-id");
        Http.Response error = http.get("/v1/convai/agents/agent_missing");

        assertThat(okId).matches("[0-9A-Za-z]{20}");
        assertThat(error.header("request-id")).isNotEqualTo(okId);
        assertThat(server.lastRequest().requestId()).isEqualTo(error.header("request-id"));
    }
}
