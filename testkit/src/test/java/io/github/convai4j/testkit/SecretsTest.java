package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    static final String VALUE = "s3cr3t-V4LUE-do-not-leak";
    static final String NEW_VALUE = "r0t4ted-V4LUE-do-not-leak";

    static FakeAgentsPlatform server;
    static Http http;
    static final List<Http.Response> responses = new ArrayList<>();

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
        responses.clear();
    }

    static Http.Response seen(Http.Response response) {
        responses.add(response);
        return response;
    }

    static void assertNoResponseContainsASecretValue() {
        assertThat(responses).isNotEmpty();
        for (Http.Response response : responses) {
            assertThat(response.text()).doesNotContain(VALUE).doesNotContain(NEW_VALUE);
            response.headers().forEach((name, values) ->
                    assertThat(values.toString()).doesNotContain(VALUE).doesNotContain(NEW_VALUE));
        }
    }

    @Test
    void fullLifecycleNeverReturnsTheValue() {
        Http.Response created = seen(http.postJson("/v1/convai/secrets",
                "{\"type\":\"new\",\"name\":\"crm_token\",\"value\":\"" + VALUE + "\"}"));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        JsonNode body = created.json();
        assertThat(body.get("type").asText()).isEqualTo("stored");
        assertThat(body.get("name").asText()).isEqualTo("crm_token");
        String id = body.get("secret_id").asText();
        assertThat(server.secretHasValue(id, VALUE)).isTrue();

        JsonNode listed = seen(http.get("/v1/convai/secrets")).json();
        assertThat(listed.get("secrets")).hasSize(1);
        JsonNode entry = listed.at("/secrets/0");
        for (String required : List.of("type", "secret_id", "name", "used_by")) {
            assertThat(entry.has(required)).as(required).isTrue();
        }
        assertThat(entry.has("value")).isFalse();
        assertThat(listed.has("next_cursor")).isTrue();

        JsonNode fetched = seen(http.get("/v1/convai/secrets/" + id)).json();
        assertThat(fetched.get("secret_id").asText()).isEqualTo(id);
        assertThat(fetched.at("/used_by/agents").isArray()).isTrue();

        Http.Response updated = seen(http.patchJson("/v1/convai/secrets/" + id,
                "{\"type\":\"update\",\"name\":\"crm_token_v2\",\"value\":\"" + NEW_VALUE + "\"}"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asText()).isEqualTo("crm_token_v2");
        assertThat(server.secretHasValue(id, NEW_VALUE)).isTrue();
        assertThat(server.secretHasValue(id, VALUE)).isFalse();

        Http.Response deleted = seen(http.delete("/v1/convai/secrets/" + id));
        assertThat(deleted.status()).isEqualTo(204);
        Http.Response missing = seen(http.get("/v1/convai/secrets/" + id));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/detail/status").asText()).isEqualTo("secret_not_found");
        assertThat(server.secretHasValue(id, NEW_VALUE)).isFalse();

        assertNoResponseContainsASecretValue();
    }

    @Test
    void validationErrorsNeverEchoTheValue() {
        // missing name: pydantic echoes the whole body as the input; the value must be masked in it
        Http.Response missingName = seen(http.postJson("/v1/convai/secrets",
                "{\"type\":\"new\",\"value\":\"" + VALUE + "\"}"));
        // wrong type: pydantic echoes the offending input
        Http.Response wrongLiteral = seen(http.postJson("/v1/convai/secrets",
                "{\"type\":\"" + VALUE + "\",\"name\":\"n\",\"value\":\"" + VALUE + "\"}"));
        // malformed JSON whose parser message would quote the bare token
        Http.Response malformed = seen(http.postJson("/v1/convai/secrets",
                "{\"type\":\"new\",\"name\":\"n\",\"value\":" + VALUE + "}"));
        Http.Response updateWrong = seen(http.patchJson("/v1/convai/secrets/whatever",
                "{\"type\":\"new\",\"name\":\"n\",\"value\":\"" + VALUE + "\"}"));

        assertThat(missingName.status()).isEqualTo(422);
        JsonNode error = missingName.json().at("/detail/0");
        assertThat(error.get("loc").toString()).isEqualTo("[\"body\",\"name\"]");
        assertThat(error.at("/input/value").asText()).isEqualTo("**********");
        assertThat(wrongLiteral.status()).isEqualTo(422);
        assertThat(wrongLiteral.json().at("/detail/0/type").asText()).isEqualTo("literal_error");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().at("/detail/0/type").asText()).isEqualTo("json_invalid");
        assertThat(updateWrong.status()).isEqualTo(422);
        assertThat(updateWrong.json().at("/detail/0/msg").asText()).isEqualTo("Input should be 'update'");

        assertThat(http.get("/v1/convai/secrets").json().get("secrets")).isEmpty();
        // the wrong literal carried the value as its input: masked too
        assertThat(wrongLiteral.text()).doesNotContain(VALUE);
        assertNoResponseContainsASecretValue();
    }

    @Test
    void theValueMustBeAString() {
        Http.Response response = seen(http.postJson("/v1/convai/secrets",
                "{\"type\":\"new\",\"name\":\"n\",\"value\":12345}"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/detail/0/type").asText()).isEqualTo("string_type");
        assertThat(response.json().at("/detail/0/input").asText()).isEqualTo("**********");
    }

    @Test
    void listPagesWithNextCursorAndSearchesByPrefix() {
        for (String name : List.of("stripe_key", "stripe_webhook", "crm")) {
            http.postJson("/v1/convai/secrets", "{\"type\":\"new\",\"name\":\"" + name + "\",\"value\":\"v\"}");
        }

        JsonNode first = http.get("/v1/convai/secrets?search=stripe&page_size=1").json();
        JsonNode second = http.get("/v1/convai/secrets?search=stripe&page_size=1&cursor="
                + first.get("next_cursor").asText()).json();

        assertThat(first.at("/secrets/0/name").asText()).isEqualTo("stripe_webhook");
        assertThat(second.at("/secrets/0/name").asText()).isEqualTo("stripe_key");
        assertThat(second.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void recordedRequestsAndServerDescriptionsDoNotShowTheValueOrTheKey() {
        http.postJson("/v1/convai/secrets", "{\"type\":\"new\",\"name\":\"n\",\"value\":\"" + VALUE + "\"}");

        RecordedRequest request = server.lastRequest();
        assertThat(request.bodyAsString()).contains(VALUE); // what the client sent stays available to assert on
        assertThat(request.toString()).doesNotContain(VALUE).doesNotContain(server.apiKey());
        assertThat(server.toString()).doesNotContain(server.apiKey());
        assertThat(server.requests().toString()).doesNotContain(VALUE);
        assertThat(Map.of("r", request).toString()).doesNotContain(VALUE);
    }
}
