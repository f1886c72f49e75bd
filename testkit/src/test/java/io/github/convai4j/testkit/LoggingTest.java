package io.github.convai4j.testkit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads back everything the testkit logged, at every level (see simplelogger.properties), after operations
 * that handle the API key and secret values, including ones that end in warnings.
 */
class LoggingTest {

    static final Path LOG = Paths.get("target", "testkit-tests.log");

    @Test
    void neitherTheApiKeyNorASecretValueIsEverLogged() throws Exception {
        String value = "log-canary-" + System.nanoTime();
        String key;
        try (FakeAgentsPlatform server = FakeAgentsPlatform.start()) {
            key = server.apiKey();
            Http http = new Http(server);
            String id = http.postJson("/v1/convai/secrets", "{\"type\":\"new\",\"name\":\"n\",\"value\":\"" + value + "\"}")
                    .json().get("secret_id").asText();
            http.patchJson("/v1/convai/secrets/" + id, "{\"type\":\"update\",\"name\":\"n\",\"value\":\"" + value + "2\"}");
            http.postJson("/v1/convai/secrets", "{\"type\":\"new\",\"value\":" + value + "}");          // 422
            http.send("POST", "/v1/convai/secrets?key=" + value, Map.of(), null);                   // 422
            http.send("POST", "/v1/convai/agents/" + server.addAgent("A") + "/avatar",              // warning
                    Map.of("Content-Type", "multipart/form-data; boundary=b"), Http.utf8("--b\r\n" + value));
            http.anonymous().send("GET", "/v1/convai/agents", Map.of("xi-api-key", value), null);   // 401
            server.injectFault(FaultRule.anyRequest().resetConnectionMidBody().once());
            http.exchange("GET", "/v1/convai/secrets", Map.of(), null);
        }

        String log = new String(Files.readAllBytes(LOG), StandardCharsets.UTF_8);
        assertThat(log).contains("POST /v1/convai/secrets -> 200");          // the capture works
        assertThat(log).contains("rejected the multipart body");             // warnings are captured too
        assertThat(log).doesNotContain(value);
        assertThat(log).doesNotContain(key);
    }
}
