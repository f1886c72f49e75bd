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

/** 422s in FastAPI's shape: {"detail":[{"type","loc","msg","input"[,"ctx"]}]}. */
class ValidationTest {

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

    static JsonNode only422(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        JsonNode detail = response.json().get("detail");
        assertThat(detail.isArray()).isTrue();
        for (JsonNode error : detail) {
            assertThat(error.has("type")).isTrue();
            assertThat(error.get("loc").isArray()).isTrue();
            assertThat(error.has("msg")).isTrue();
            assertThat(error.has("input")).isTrue();
        }
        return detail;
    }

    @Test
    void malformedJsonIsJsonInvalidAtItsPosition() {
        JsonNode detail = only422(http.postJson("/v1/convai/agents/create", "{\"conversation_config\": {,}"));

        assertThat(detail).hasSize(1);
        assertThat(detail.at("/0/type").asText()).isEqualTo("json_invalid");
        assertThat(detail.at("/0/loc/0").asText()).isEqualTo("body");
        assertThat(detail.at("/0/loc/1").isInt()).isTrue();
        assertThat(detail.at("/0/msg").asText()).isEqualTo("JSON decode error");
        assertThat(detail.at("/0/ctx/error").asText()).isNotBlank();
        assertThat(server.requests("POST", "/v1/convai/agents/create")).hasSize(1);
        assertThat(http.get("/v1/convai/agents").json().get("agents")).isEmpty();
    }

    @Test
    void trailingGarbageAfterTheDocumentIsInvalidJson() {
        JsonNode detail = only422(http.postJson("/v1/convai/agents/create", "{\"conversation_config\":{}} x"));

        assertThat(detail.at("/0/type").asText()).isEqualTo("json_invalid");
    }

    @Test
    void aMissingRequiredBodyIsFieldRequiredAtBody() {
        JsonNode detail = only422(http.send("POST", "/v1/convai/agents/create", Map.of(), null));

        assertThat(detail.at("/0/type").asText()).isEqualTo("missing");
        assertThat(detail.at("/0/loc").toString()).isEqualTo("[\"body\"]");
        assertThat(detail.at("/0/input").isNull()).isTrue();
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejected() {
        JsonNode detail = only422(http.postJson("/v1/convai/agents/create", "[1,2]"));

        assertThat(detail.at("/0/type").asText()).isEqualTo("model_attributes_type");
        assertThat(detail.at("/0/input").toString()).isEqualTo("[1,2]");
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        JsonNode detail = only422(http.postJson("/v1/convai/agents/create",
                "{\"name\":42,\"tags\":[\"ok\",7],\"platform_settings\":\"nope\"}"));

        List<String> errors = new ArrayList<>();
        detail.forEach(e -> errors.add(e.get("type").asText() + " " + e.get("loc")));
        assertThat(errors).containsExactlyInAnyOrder(
                "missing [\"body\",\"conversation_config\"]",
                "model_attributes_type [\"body\",\"platform_settings\"]",
                "string_type [\"body\",\"name\"]",
                "string_type [\"body\",\"tags\",1]");
        JsonNode missing = detail.get(0);
        assertThat(missing.get("msg").asText()).isEqualTo("Field required");
        assertThat(missing.get("input").get("name").asInt()).isEqualTo(42); // the containing object, as pydantic
    }

    @Test
    void patchChecksTypesButAcceptsNulls() {
        String id = server.addAgent("A");

        JsonNode detail = only422(http.patchJson("/v1/convai/agents/" + id,
                "{\"conversation_config\":[],\"name\":true,\"workflow\":null}"));

        List<String> errors = new ArrayList<>();
        detail.forEach(e -> errors.add(e.get("type").asText() + " " + e.get("loc")));
        assertThat(errors).containsExactlyInAnyOrder(
                "dict_type [\"body\",\"conversation_config\"]",
                "string_type [\"body\",\"name\"]",
                "model_attributes_type [\"body\",\"workflow\"]");
        assertThat(http.get("/v1/convai/agents/" + id).json().get("name").asText()).isEqualTo("A");
        assertThat(http.patchJson("/v1/convai/agents/" + id, "{\"name\":null,\"conversation_config\":null}").status())
                .isEqualTo(200);
    }

    @Test
    void pageSizeOutOfRangeOrNotANumberIsRejected() {
        JsonNode tooBig = only422(http.get("/v1/convai/agents?page_size=101"));
        JsonNode tooSmall = only422(http.get("/v1/convai/tools?page_size=0"));
        JsonNode notANumber = only422(http.get("/v1/convai/conversations?page_size=ten"));

        assertThat(tooBig.at("/0/type").asText()).isEqualTo("less_than_equal");
        assertThat(tooBig.at("/0/loc").toString()).isEqualTo("[\"query\",\"page_size\"]");
        assertThat(tooBig.at("/0/ctx/le").asInt()).isEqualTo(100);
        assertThat(tooBig.at("/0/input").asText()).isEqualTo("101");
        assertThat(tooSmall.at("/0/type").asText()).isEqualTo("greater_than_equal");
        assertThat(notANumber.at("/0/type").asText()).isEqualTo("int_parsing");
        assertThat(http.get("/v1/convai/agents?page_size=100").status()).isEqualTo(200);
    }

    @Test
    void aCursorThatTheServerDidNotIssueIsRejected() {
        JsonNode detail = only422(http.get("/v1/convai/agents?cursor=not-a-cursor"));

        assertThat(detail.at("/0/loc").toString()).isEqualTo("[\"query\",\"cursor\"]");
        assertThat(detail.at("/0/msg").asText()).contains("next_cursor");
    }

    @Test
    void aBooleanQueryParameterMustBeABoolean() {
        JsonNode detail = only422(http.get("/v1/convai/agents?archived=maybe"));

        assertThat(detail.at("/0/type").asText()).isEqualTo("bool_parsing");
    }

    @Test
    void validationHappensBeforeTheLookupAsInFastApi() {
        Http.Response response = http.patchJson("/v1/convai/agents/agent_missing", "{\"name\":1}");

        assertThat(response.status()).isEqualTo(422);
    }
}
