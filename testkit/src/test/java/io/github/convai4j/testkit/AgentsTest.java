package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AgentsTest {

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

    static String create(String json) {
        Http.Response response = http.postJson("/v1/convai/agents/create", json);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("agent_id").asText();
    }

    @Test
    void createReturnsOnlyTheAgentIdInTheApiFormat() {
        Http.Response response = http.postJson("/v1/convai/agents/create",
                "{\"conversation_config\":{},\"name\":\"Support\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        JsonNode body = response.json();
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("agent_id").asText()).matches("agent_[0-9a-z]{28}");
    }

    @Test
    void getReturnsTheFullAgentShapeWithDefaultsAndTheCreateBodyMergedOverThem() {
        String id = create("""
                {"name":"Support","tags":["a","b"],
                 "conversation_config":{"agent":{"first_message":"Hi!","prompt":{"prompt":"Be nice","llm":"gpt-4o"}},
                                        "tts":{"voice_id":"voice123"}},
                 "platform_settings":{"widget":{"variant":"compact"}}}""");

        JsonNode agent = http.get("/v1/convai/agents/" + id).json();

        assertThat(agent.get("agent_id").asText()).isEqualTo(id);
        assertThat(agent.get("name").asText()).isEqualTo("Support");
        assertThat(agent.get("tags")).hasSize(2);
        for (String required : List.of("agent_id", "name", "conversation_config", "metadata")) {
            assertThat(agent.has(required)).as(required).isTrue();
        }
        for (String member : List.of("platform_settings", "phone_numbers", "whatsapp_accounts", "workflow",
                "access_info", "version_id", "branch_id", "main_branch_id")) {
            assertThat(agent.has(member)).as(member).isTrue();
        }
        JsonNode config = agent.get("conversation_config");
        assertThat(config.at("/agent/first_message").asText()).isEqualTo("Hi!");
        assertThat(config.at("/agent/prompt/prompt").asText()).isEqualTo("Be nice");
        assertThat(config.at("/agent/prompt/llm").asText()).isEqualTo("gpt-4o");
        // defaults the request did not touch, from the OpenAPI document
        assertThat(config.at("/agent/language").asText()).isEqualTo("en");
        assertThat(config.at("/agent/prompt/temperature").asDouble()).isEqualTo(0.0);
        assertThat(config.at("/asr/quality").asText()).isEqualTo("high");
        assertThat(config.at("/turn/turn_timeout").asDouble()).isEqualTo(7.0);
        assertThat(config.at("/tts/voice_id").asText()).isEqualTo("voice123");
        assertThat(config.at("/tts/model_id").asText()).isEqualTo("eleven_flash_v2");
        assertThat(agent.at("/platform_settings/widget/variant").asText()).isEqualTo("compact");
        assertThat(agent.at("/platform_settings/widget/placement").asText()).isEqualTo("bottom-right");
        assertThat(agent.at("/metadata/created_at_unix_secs").asLong()).isPositive();
        assertThat(agent.at("/workflow/prevent_subagent_loops").isBoolean()).isTrue();
        assertThat(agent.at("/access_info/role").asText()).isEqualTo("admin");
    }

    @Test
    void patchKeepsOmittedFieldsReplacesSentOnesAndClearsExplicitNulls() {
        String id = create("""
                {"name":"Before","tags":["x","y"],
                 "conversation_config":{"agent":{"first_message":"Hello","language":"de",
                                                 "prompt":{"prompt":"Old prompt","tool_ids":["t1","t2"],
                                                           "timezone":"Europe/Berlin"}}}}""");

        Http.Response patched = http.patchJson("/v1/convai/agents/" + id, """
                {"conversation_config":{"agent":{"prompt":{"prompt":"New prompt","tool_ids":["t3"],"timezone":null}}},
                 "tags":["z"]}""");

        assertThat(patched.status()).isEqualTo(200);
        JsonNode returned = patched.json();
        JsonNode stored = http.get("/v1/convai/agents/" + id).json();
        for (JsonNode agent : List.of(returned, stored)) {
            JsonNode prompt = agent.at("/conversation_config/agent/prompt");
            assertThat(prompt.get("prompt").asText()).isEqualTo("New prompt");          // sent: replaced
            assertThat(prompt.get("tool_ids")).hasSize(1);                              // arrays replace
            assertThat(prompt.get("tool_ids").get(0).asText()).isEqualTo("t3");
            assertThat(prompt.has("timezone")).isTrue();
            assertThat(prompt.get("timezone").isNull()).isTrue();                       // explicit null clears
            assertThat(prompt.get("llm").asText()).isEqualTo("gemini-2.5-flash");      // omitted: kept
            assertThat(agent.at("/conversation_config/agent/first_message").asText()).isEqualTo("Hello");
            assertThat(agent.at("/conversation_config/agent/language").asText()).isEqualTo("de");
            assertThat(agent.get("name").asText()).isEqualTo("Before");
            assertThat(agent.get("tags").toString()).isEqualTo("[\"z\"]");
        }
    }

    @Test
    void patchWithAnEmptyBodyChangesNothingButTheUpdateTime() {
        String id = create("{\"name\":\"Same\",\"conversation_config\":{}}");
        JsonNode before = http.get("/v1/convai/agents/" + id).json();

        Http.Response response = http.send("PATCH", "/v1/convai/agents/" + id, java.util.Map.of(), null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode after = response.json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) before).remove("metadata");
        ((com.fasterxml.jackson.databind.node.ObjectNode) after).remove("metadata");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void patchCanRenameAndClearTopLevelFields() {
        String id = create("{\"name\":\"Old\",\"tags\":[\"t\"],\"conversation_config\":{}}");

        JsonNode agent = http.patchJson("/v1/convai/agents/" + id, "{\"name\":\"New\",\"tags\":null}").json();

        assertThat(agent.get("name").asText()).isEqualTo("New");
        assertThat(agent.get("tags").isNull()).isTrue();
    }

    @Test
    void deleteAnswers204ThenTheAgentIsGone() {
        String id = create("{\"conversation_config\":{}}");

        Http.Response deleted = http.delete("/v1/convai/agents/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();

        Http.Response missing = http.get("/v1/convai/agents/" + id);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/detail/status").asText()).isEqualTo("agent_not_found");
        assertThat(missing.json().at("/detail/message").asText()).contains(id);
        assertThat(http.delete("/v1/convai/agents/" + id).status()).isEqualTo(404);
        assertThat(http.patchJson("/v1/convai/agents/" + id, "{}").status()).isEqualTo(404);
    }

    @Test
    void duplicateCopiesTheConfigurationUnderANewIdAndOptionalName() {
        String id = create("""
                {"name":"Original","conversation_config":{"agent":{"prompt":{"prompt":"P"}}}}""");

        Http.Response copied = http.postJson("/v1/convai/agents/" + id + "/duplicate", "{\"name\":\"Copy\"}");
        assertThat(copied.status()).isEqualTo(200);
        String copyId = copied.json().get("agent_id").asText();
        assertThat(copyId).isNotEqualTo(id);

        JsonNode copy = http.get("/v1/convai/agents/" + copyId).json();
        assertThat(copy.get("name").asText()).isEqualTo("Copy");
        assertThat(copy.at("/conversation_config/agent/prompt/prompt").asText()).isEqualTo("P");

        String unnamed = http.send("POST", "/v1/convai/agents/" + id + "/duplicate", java.util.Map.of(), null)
                .json().get("agent_id").asText();
        assertThat(http.get("/v1/convai/agents/" + unnamed).json().get("name").asText()).isEqualTo("Original");

        // the copy is independent
        http.patchJson("/v1/convai/agents/" + copyId, "{\"conversation_config\":{\"agent\":{\"prompt\":{\"prompt\":\"Q\"}}}}");
        assertThat(http.get("/v1/convai/agents/" + id).json().at("/conversation_config/agent/prompt/prompt").asText())
                .isEqualTo("P");
        assertThat(http.postJson("/v1/convai/agents/agent_missing/duplicate", "{}").status()).isEqualTo(404);
    }

    @Test
    void listPagesWithCursorNewestFirstUntilHasMoreIsFalse() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(create("{\"name\":\"Agent " + i + "\",\"conversation_config\":{}}"));
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response response = http.get("/v1/convai/agents?page_size=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(response.status()).isEqualTo(200);
            JsonNode page = response.json();
            pages++;
            for (JsonNode agent : page.get("agents")) {
                listed.add(agent.get("agent_id").asText());
                for (String required : List.of("agent_id", "name", "tags", "created_at_unix_secs", "access_info",
                        "archived")) {
                    assertThat(agent.has(required)).as(required).isTrue();
                }
            }
            boolean hasMore = page.get("has_more").asBoolean();
            assertThat(page.has("next_cursor")).isTrue();
            cursor = hasMore ? page.get("next_cursor").asText() : null;
            if (!hasMore) {
                assertThat(page.get("next_cursor").isNull()).isTrue();
            }
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).isEqualTo(newestFirst);
    }

    @Test
    void listDefaultsToThirtyPerPage() {
        for (int i = 0; i < 31; i++) {
            server.addAgent("A" + i);
        }
        JsonNode page = http.get("/v1/convai/agents").json();
        assertThat(page.get("agents")).hasSize(30);
        assertThat(page.get("has_more").asBoolean()).isTrue();
    }

    @Test
    void cursorsSurviveDeletionsBetweenPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(server.addAgent("A" + i));
        }
        JsonNode first = http.get("/v1/convai/agents?page_size=2").json();
        http.delete("/v1/convai/agents/" + first.at("/agents/1/agent_id").asText());
        JsonNode second = http.get("/v1/convai/agents?page_size=2&cursor=" + first.get("next_cursor").asText()).json();

        assertThat(second.get("agents")).hasSize(2);
        assertThat(second.at("/agents/0/agent_id").asText()).isEqualTo(ids.get(1));
        assertThat(second.at("/agents/1/agent_id").asText()).isEqualTo(ids.get(0));
        assertThat(second.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void searchMatchesPartOfTheNameIgnoringCase() {
        server.addAgent("Customer Support");
        server.addAgent("Sales bot");
        server.addAgent("support (night)");

        JsonNode page = http.get("/v1/convai/agents?search=SUPPORT").json();

        Set<String> names = new HashSet<>();
        page.get("agents").forEach(a -> names.add(a.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("Customer Support", "support (night)");
        assertThat(http.get("/v1/convai/agents?search=sup%20port").json().get("agents")).isEmpty();
    }

    @Test
    void archivedAgentsAreListedOnlyWhenAskedFor() {
        String kept = server.addAgent("kept");
        String archived = server.addAgent("archived");
        http.patchJson("/v1/convai/agents/" + archived, "{\"platform_settings\":{\"archived\":true}}");

        JsonNode normal = http.get("/v1/convai/agents").json();
        JsonNode onlyArchived = http.get("/v1/convai/agents?archived=true").json();

        assertThat(normal.get("agents")).hasSize(1);
        assertThat(normal.at("/agents/0/agent_id").asText()).isEqualTo(kept);
        assertThat(onlyArchived.get("agents")).hasSize(1);
        assertThat(onlyArchived.at("/agents/0/agent_id").asText()).isEqualTo(archived);
        assertThat(onlyArchived.at("/agents/0/archived").asBoolean()).isTrue();
    }

    @Test
    void addAgentCreatesAnAgentVisibleThroughTheApiWithoutRecordingARequest() {
        String id = server.addAgent("Seeded");

        assertThat(server.requests()).isEmpty();
        assertThat(http.get("/v1/convai/agents/" + id).json().get("name").asText()).isEqualTo("Seeded");
    }

    @Test
    void agentIdsWithEncodedSlashesStayOneSegment() {
        Http.Response response = http.get("/v1/convai/agents/..%2Fsecrets");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().at("/detail/message").asText()).contains("'../secrets'");
        assertThat(server.lastRequest().pathSegments()).containsExactly("v1", "convai", "agents", "../secrets");
    }
}
