package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ToolsTest {

    static final String CLIENT_TOOL = """
            {"tool_config":{"type":"client","name":"get_weather","description":"Weather for a city",
              "parameters":{"type":"object","properties":{"city":{"type":"string","description":"City"}}},
              "expects_response":true}}""";

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
    void createReturnsTheToolWithDefaultsAccessInfoAndUsageStats() {
        Http.Response response = http.postJson("/v1/convai/tools", CLIENT_TOOL);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode tool = response.json();
        for (String required : List.of("id", "tool_config", "access_info", "usage_stats")) {
            assertThat(tool.has(required)).as(required).isTrue();
        }
        assertThat(tool.at("/tool_config/type").asText()).isEqualTo("client");
        assertThat(tool.at("/tool_config/name").asText()).isEqualTo("get_weather");
        assertThat(tool.at("/tool_config/expects_response").asBoolean()).isTrue();
        assertThat(tool.at("/tool_config/parameters/properties/city/type").asText()).isEqualTo("string");
        assertThat(tool.at("/tool_config/response_timeout_secs").asInt()).isEqualTo(20);
        assertThat(tool.at("/usage_stats/avg_latency_secs").isNumber()).isTrue();

        assertThat(http.get("/v1/convai/tools/" + tool.get("id").asText()).json()).isEqualTo(tool);
    }

    @Test
    void everyToolTypeIsAccepted() {
        String webhook = """
                {"tool_config":{"type":"webhook","name":"w","description":"d",
                 "api_schema":{"url":"https://example.com/hook","method":"POST"}}}""";
        String system = """
                {"tool_config":{"type":"system","name":"end_call","params":{"system_tool_type":"end_call"}}}""";
        String mcp = """
                {"tool_config":{"type":"mcp","name":"m","description":"d","integration_type":"mcp_server",
                 "mcp_tool_name":"t","mcp_tool_description":"td","mcp_server_id":"s","mcp_server_name":"sn"}}""";

        for (String body : List.of(webhook, system, mcp)) {
            Http.Response response = http.postJson("/v1/convai/tools", body);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
        }
        assertThat(http.get("/v1/convai/tools").json().get("tools")).hasSize(3);
    }

    @Test
    void toolConfigWithoutTypeOrWithAnUnknownTypeIsRejectedLikePydantic() {
        Http.Response noTag = http.postJson("/v1/convai/tools", "{\"tool_config\":{\"name\":\"x\"}}");
        Http.Response badTag = http.postJson("/v1/convai/tools", "{\"tool_config\":{\"type\":\"rpc\",\"name\":\"x\"}}");

        assertThat(noTag.status()).isEqualTo(422);
        assertThat(noTag.json().at("/detail/0/type").asText()).isEqualTo("union_tag_not_found");
        assertThat(noTag.json().at("/detail/0/loc").toString()).isEqualTo("[\"body\",\"tool_config\"]");
        assertThat(badTag.status()).isEqualTo(422);
        assertThat(badTag.json().at("/detail/0/type").asText()).isEqualTo("union_tag_invalid");
        assertThat(badTag.json().at("/detail/0/msg").asText()).contains("'rpc'").contains("'client'");
        assertThat(http.get("/v1/convai/tools").json().get("tools")).isEmpty();
    }

    @Test
    void variantRequiredFieldsAreReportedWithTheTagInTheLocation() {
        Http.Response response = http.postJson("/v1/convai/tools",
                "{\"tool_config\":{\"type\":\"webhook\",\"name\":7,\"api_schema\":{}}}");

        assertThat(response.status()).isEqualTo(422);
        List<String> locations = new ArrayList<>();
        response.json().get("detail").forEach(e -> locations.add(e.get("loc").toString() + " " + e.get("type").asText()));
        assertThat(locations).containsExactlyInAnyOrder(
                "[\"body\",\"tool_config\",\"webhook\",\"name\"] string_type",
                "[\"body\",\"tool_config\",\"webhook\",\"description\"] missing",
                "[\"body\",\"tool_config\",\"webhook\",\"api_schema\",\"url\"] missing");
    }

    @Test
    void updateReplacesTheConfiguration() {
        String id = http.postJson("/v1/convai/tools", CLIENT_TOOL).json().get("id").asText();

        Http.Response updated = http.patchJson("/v1/convai/tools/" + id,
                "{\"tool_config\":{\"type\":\"client\",\"name\":\"get_forecast\",\"description\":\"Forecast\"}}");

        assertThat(updated.status()).isEqualTo(200);
        JsonNode tool = http.get("/v1/convai/tools/" + id).json();
        assertThat(tool.at("/tool_config/name").asText()).isEqualTo("get_forecast");
        assertThat(tool.at("/tool_config/expects_response").asBoolean()).isFalse(); // replaced, back to default
        assertThat(tool.at("/tool_config/parameters").isNull()).isTrue();
        assertThat(http.patchJson("/v1/convai/tools/" + id, "{}").status()).isEqualTo(422);
        assertThat(http.patchJson("/v1/convai/tools/tool_unknown", CLIENT_TOOL).status()).isEqualTo(404);
    }

    @Test
    void deleteRemovesTheTool() {
        String id = http.postJson("/v1/convai/tools", CLIENT_TOOL).json().get("id").asText();

        assertThat(http.delete("/v1/convai/tools/" + id).status()).isEqualTo(200);
        Http.Response missing = http.get("/v1/convai/tools/" + id);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/detail/status").asText()).isEqualTo("tool_not_found");
    }

    @Test
    void listPagesAndSearchesByNamePrefix() {
        for (String name : List.of("lookup_order", "lookup_user", "cancel_order", "lookup_invoice")) {
            http.postJson("/v1/convai/tools", CLIENT_TOOL.replace("get_weather", name));
        }

        JsonNode first = http.get("/v1/convai/tools?search=lookup_&page_size=2").json();
        JsonNode second = http.get("/v1/convai/tools?search=lookup_&page_size=2&cursor="
                + first.get("next_cursor").asText()).json();

        List<String> names = new ArrayList<>();
        for (JsonNode page : List.of(first, second)) {
            page.get("tools").forEach(t -> names.add(t.at("/tool_config/name").asText()));
        }
        assertThat(names).containsExactly("lookup_invoice", "lookup_user", "lookup_order");
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(second.get("has_more").asBoolean()).isFalse();
    }
}
