package io.github.convai4j.testkit;

import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleTest {

    @Test
    void startsOnLoopbackWithAnEphemeralPortAndCloseFreesIt() {
        FakeAgentsPlatform server = FakeAgentsPlatform.start();
        int port = server.port();
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(new Http(server).get("/v1/convai/agents").status()).isEqualTo(200);

        server.close();
        server.close(); // idempotent

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void closeEndsOpenKeepAliveConnections() throws Exception {
        FakeAgentsPlatform server = FakeAgentsPlatform.start();
        Http http = new Http(server);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertThat(http.exchangeOn(socket, in, "GET", "/v1/convai/agents", null).status()).isEqualTo(200);

            server.close();

            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            Http http = new Http(server);
            InputStream in = new BufferedInputStream(socket.getInputStream());

            for (int i = 0; i < 5; i++) {
                Http.Response response = http.exchangeOn(socket, in, "POST", "/v1/convai/agents/create",
                        Http.utf8("{\"conversation_config\":{},\"name\":\"k" + i + "\"}"));
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("connection")).isNull();
            }
            assertThat(http.get("/v1/convai/agents").json().get("agents")).hasSize(5);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderEvenWhenTheFirstIsDelayed() throws Exception {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            server.injectFault(FaultRule.on("GET", "/v1/convai/tools").latency(Duration.ofMillis(300)));
            Http http = new Http(server);
            OutputStream out = socket.getOutputStream();
            http.writeRequest(out, "GET", "/v1/convai/tools", Map.of(), null);
            http.writeRequest(out, "GET", "/v1/convai/agents/agent_none", Map.of(), null);

            InputStream in = new BufferedInputStream(socket.getInputStream());
            Http.Response first = Http.readResponse(in, false);
            Http.Response second = Http.readResponse(in, false);

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.text()).contains("\"tools\"");
            assertThat(second.status()).isEqualTo(404);
        }
    }

    @Test
    void aBodyOverTheLimitIs413WithAClearMessage() {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.builder().maxRequestBodyBytes(2048).start()) {
            Http.Response response = new Http(server).send("POST", "/v1/convai/knowledge-base/text",
                    Map.of("Content-Type", "application/json"), new byte[4096]);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.json().at("/detail/message").asText()).contains("2048").contains("maxRequestBodyBytes");
            assertThat(server.requests()).isEmpty(); // never complete, so never recorded
        }
    }

    @Test
    void aBodyJustUnderTheLimitIsAccepted() {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.builder().maxRequestBodyBytes(2048).start()) {
            String text = "x".repeat(2000);
            Http.Response response = new Http(server).postJson("/v1/convai/knowledge-base/text",
                    "{\"text\":\"" + text + "\"}");

            assertThat(response.status()).as(response.text()).isEqualTo(200);
        }
    }

    @Test
    void anUnreadableRequestIs400AndTheConnectionCloses() throws Exception {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /v1/convai/agents HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            InputStream in = new BufferedInputStream(socket.getInputStream());
            Http.Response response = Http.readResponse(in, false);

            assertThat(response.status()).isEqualTo(400);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void http10ClientsWithoutKeepAliveGetTheirAnswerAndAClose() throws Exception {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /v1/convai/agents HTTP/1.0\r\nxi-api-key: " + server.apiKey()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            InputStream in = new BufferedInputStream(socket.getInputStream());
            Http.Response response = Http.readResponse(in, false);

            assertThat(response.status()).isEqualTo(200);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void resetEmptiesStateFaultsAndRecordingsButKeepsKeyAndPort() {
        try (FakeAgentsPlatform server = FakeAgentsPlatform.start()) {
            Http http = new Http(server);
            String agent = server.addAgent("A");
            server.addConversation(ConversationSeed.forAgent(agent).user("x"));
            http.postJson("/v1/convai/secrets", "{\"type\":\"new\",\"name\":\"n\",\"value\":\"v\"}");
            server.injectFault(FaultRule.on("GET", "/v1/convai/tools").status(500));
            String key = server.apiKey();
            int port = server.port();

            server.reset();

            assertThat(server.requests()).isEmpty();
            assertThat(http.get("/v1/convai/tools").status()).isEqualTo(200);
            assertThat(http.get("/v1/convai/agents").json().get("agents")).isEmpty();
            assertThat(http.get("/v1/convai/conversations").json().get("conversations")).isEmpty();
            assertThat(http.get("/v1/convai/secrets").json().get("secrets")).isEmpty();
            assertThat(server.apiKey()).isEqualTo(key);
            assertThat(server.port()).isEqualTo(port);
        }
    }

    @Test
    void builderRefusesUnusableSettings() {
        assertThatThrownBy(() -> FakeAgentsPlatform.builder().maxRequestBodyBytes(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        try (FakeAgentsPlatform server = FakeAgentsPlatform.start()) {
            assertThatThrownBy(() -> server.injectFault(null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> server.addConversation(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
