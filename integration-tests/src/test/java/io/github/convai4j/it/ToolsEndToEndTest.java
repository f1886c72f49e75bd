package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.Page;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.common.ClientToolConfig;
import io.github.convai4j.models.common.WebhookToolApiSchemaConfig;
import io.github.convai4j.models.common.WebhookToolConfig;
import io.github.convai4j.models.common.WebhookToolConfigResponse;
import io.github.convai4j.models.tools.GetToolsParams;
import io.github.convai4j.models.tools.ToolConfig;
import io.github.convai4j.models.tools.ToolRequest;
import io.github.convai4j.models.tools.ToolResponse;
import io.github.convai4j.models.tools.ToolsResponse;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 5, the testkit's tools through {@code client.tools()}: create, list with paging and search, get, update, delete. */
class ToolsEndToEndTest extends FakePlatformTestSupport {

    private static final String SOURCE = "io.github.convai4j.it.FakePlatformTestSupport#transports";

    private static ToolRequest clientTool(String name) {
        return ToolRequest.builder().toolConfig(ToolConfig.ofClient(ClientToolConfig.builder().name(name)
                .description("Opens a page in the user's browser").expectsResponse(true).build())).build();
    }

    private static ToolRequest webhookTool(String name, String url) {
        return ToolRequest.builder().toolConfig(ToolConfig.ofWebhook(WebhookToolConfig.builder().name(name)
                .description("Looks up an order")
                .apiSchema(WebhookToolApiSchemaConfig.builder().url(url).build()).build())).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void createSendsTheDiscriminatedToolConfigAndDecodesTheVariantBack(String transport) {
        ConvaiClient client = client(transport);

        ToolResponse created = client.tools().create(webhookTool("lookup_order", "https://example.test/orders/{id}"));

        RecordedRequest sent = onlyRequest("POST", "/v1/convai/tools");
        assertThat(jsonBody(sent)).isEqualTo(JsonValue.parse("{\"tool_config\":{\"type\":\"webhook\","
                + "\"name\":\"lookup_order\",\"description\":\"Looks up an order\","
                + "\"api_schema\":{\"url\":\"https://example.test/orders/{id}\"}}}"));
        assertThat(created.id()).startsWith("tool_");
        assertThat(created.toolConfig().isWebhook()).isTrue();
        WebhookToolConfigResponse config = created.toolConfig().asWebhook();
        assertThat(config.name()).isEqualTo("lookup_order");
        assertThat(config.apiSchema().url()).isEqualTo("https://example.test/orders/{id}");
        assertThat(config.responseTimeoutSecs().get()).as("a default the fake filled in").isEqualTo(20L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void listPagesThroughTheToolsMatchingASearch(String transport) {
        ConvaiClient client = client(transport);
        List<String> matching = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            matching.add(0, client.tools().create(clientTool("open_page_" + i)).id());
        }
        client.tools().create(clientTool("close_page"));
        fake.clearRequests();

        Page<ToolResponse, ToolsResponse> first = client.tools().list(GetToolsParams.builder().search("open_").pageSize(2).build());
        List<String> ids = new ArrayList<>();
        first.iterateAll().forEach(t -> ids.add(t.id()));

        assertThat(ids).containsExactlyElementsOf(matching);
        List<RecordedRequest> pages = fake.requests("GET", "/v1/convai/tools");
        assertThat(pages).hasSize(2).allSatisfy(r -> {
            assertThat(r.queryParameter("search")).isEqualTo("open_");
            assertThat(r.queryParameter("page_size")).isEqualTo("2");
        });
        assertThat(pages.get(1).queryParameter("cursor")).isEqualTo(first.nextCursor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void getUpdateAndDeleteActOnTheStoredTool(String transport) {
        ConvaiClient client = client(transport);
        String toolId = client.tools().create(clientTool("open_page")).id();

        ToolResponse fetched = client.tools().get(toolId);
        ToolResponse updated = client.tools().update(toolId, clientTool("open_tab"));
        JsonValue deleted = client.tools().delete(toolId);

        assertThat(fetched.toolConfig().asClient().name()).isEqualTo("open_page");
        assertThat(fetched.toolConfig().asClient().expectsResponse().get()).isTrue();
        RecordedRequest patch = onlyRequest("PATCH", "/v1/convai/tools/{tool_id}");
        assertThat(patch.pathSegments()).containsExactly("v1", "convai", "tools", toolId);
        assertThat(jsonBody(patch).get("tool_config").get("name").asString()).isEqualTo("open_tab");
        assertThat(updated.toolConfig().asClient().name()).isEqualTo("open_tab");
        assertThat(deleted).isEqualTo(JsonValue.parse("{}"));
        assertThat(onlyRequest("DELETE", "/v1/convai/tools/{tool_id}").query()).isEmpty();
        assertThatThrownBy(() -> client.tools().get(toolId))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("tool_not_found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aToolRequestWithoutItsConfigFailsInBuildBeforeAnyRequest(String transport) {
        client(transport);

        assertThatThrownBy(() -> ToolRequest.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tool_config");

        assertThat(fake.requests()).isEmpty();
    }
}
