package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.Page;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.agents.AgentConfigResponse;
import io.github.convai4j.models.agents.AgentSummaryResponse;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.GetAgentsPageResponse;
import io.github.convai4j.models.agents.GetAgentsParams;
import io.github.convai4j.models.agents.PromptAgentResponse;
import io.github.convai4j.models.agents.UpdateAgentRequest;
import io.github.convai4j.models.common.AgentConfig;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.models.common.PromptAgent;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 4, "end to end on both transports", the agent's life through the generated services: create, list
 * through three pages, get, a deep PATCH where absent and null differ, delete. Every step checks what
 * arrived on the wire (the fake's request record) and, where state changes, what the fake now holds (read
 * without the client under test).
 */
class AgentLifecycleEndToEndTest extends FakePlatformTestSupport {

    private static final String SOURCE = "io.github.convai4j.it.FakePlatformTestSupport#transports";

    private static CreateAgentRequest supportAgent() {
        return CreateAgentRequest.builder()
                .name("Support")
                .tags(List.of("e2e"))
                .conversationConfig(ConversationalConfig.builder().agent(AgentConfig.builder()
                        .firstMessage("Hello! How can I help?")
                        .prompt(PromptAgent.builder().prompt("Be brief.").temperature(0.4).maxTokens(300)
                                .timezone("Europe/Paris").build())
                        .build()).build())
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void createSendsTheModelAsJsonWithTheKeyAndReturnsTheNewId(String transport) {
        ConvaiClient client = client(transport);

        String agentId = client.agents().create(supportAgent()).agentId();

        RecordedRequest sent = onlyRequest("POST", "/v1/convai/agents/create");
        assertThat(sent.header("xi-api-key")).isEqualTo(fake.apiKey());
        assertThat(sent.header("user-agent")).startsWith("convai4j/").contains(transport);
        assertThat(sent.query()).isEmpty();
        assertThat(jsonBody(sent)).isEqualTo(JsonValue.parse("{\"name\":\"Support\",\"tags\":[\"e2e\"],"
                + "\"conversation_config\":{\"agent\":{\"first_message\":\"Hello! How can I help?\","
                + "\"prompt\":{\"prompt\":\"Be brief.\",\"temperature\":0.4,\"max_tokens\":300,"
                + "\"timezone\":\"Europe/Paris\"}}}}"));
        assertThat(agentId).startsWith("agent_");
        assertThat(fakeState("/v1/convai/agents/" + agentId).get("name").asString()).isEqualTo("Support");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void nonAsciiTextSurvivesTheRoundTrip(String transport) {
        ConvaiClient client = client(transport);
        String name = "Grüße 👋 \"quoted\" \\ back\u2028slash\ttab";

        String agentId = client.agents().create(CreateAgentRequest.builder().name(name)
                .conversationConfig(ConversationalConfig.builder().build()).build()).agentId();

        assertThat(jsonBody(onlyRequest("POST", "/v1/convai/agents/create")).get("name").asString()).isEqualTo(name);
        assertThat(fakeState("/v1/convai/agents/" + agentId).get("name").asString()).isEqualTo(name);
        assertThat(client.agents().get(agentId).name()).isEqualTo(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void listAutoPagesThroughThreePagesFollowingEachNextCursor(String transport) {
        ConvaiClient client = client(transport);
        List<String> created = createAgents(client, 5);
        fake.clearRequests();

        Page<AgentSummaryResponse, GetAgentsPageResponse> first =
                client.agents().list(GetAgentsParams.builder().pageSize(2).build());
        List<String> ids = new ArrayList<>();
        first.iterateAll().forEach(a -> ids.add(a.agentId()));

        assertThat(ids).containsExactlyElementsOf(newestFirst(created));
        List<RecordedRequest> pages = fake.requests("GET", "/v1/convai/agents");
        assertThat(pages).hasSize(3);
        assertThat(pages).allSatisfy(r -> assertThat(r.queryParameters("page_size")).containsExactly("2"));
        assertThat(pages.get(0).queryParameter("cursor")).isNull();
        assertThat(pages.get(1).queryParameter("cursor")).isEqualTo(first.nextCursor());
        assertThat(pages.get(2).queryParameter("cursor")).isNotBlank().isNotEqualTo(first.nextCursor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void listStepsThroughThreePagesWithExplicitNextPage(String transport) {
        ConvaiClient client = client(transport);
        List<String> created = createAgents(client, 5);
        fake.clearRequests();

        Page<AgentSummaryResponse, GetAgentsPageResponse> page1 =
                client.agents().list(GetAgentsParams.builder().pageSize(2).build());
        Page<AgentSummaryResponse, GetAgentsPageResponse> page2 = page1.nextPage();
        Page<AgentSummaryResponse, GetAgentsPageResponse> page3 = page2.nextPage();

        List<String> expected = newestFirst(created);
        assertThat(page1.items()).extracting(AgentSummaryResponse::agentId).containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(page2.items()).extracting(AgentSummaryResponse::agentId).containsExactlyElementsOf(expected.subList(2, 4));
        assertThat(page3.items()).extracting(AgentSummaryResponse::agentId).containsExactlyElementsOf(expected.subList(4, 5));
        assertThat(page1.hasMore()).isTrue();
        assertThat(page2.hasMore()).isTrue();
        assertThat(page3.hasMore()).isFalse();
        assertThat(page3.nextCursor()).isNull();
        assertThatThrownBy(page3::nextPage).isInstanceOf(NoSuchElementException.class);
        List<RecordedRequest> pages = fake.requests("GET", "/v1/convai/agents");
        assertThat(pages).extracting(r -> r.queryParameter("cursor"))
                .containsExactly(null, page1.nextCursor(), page2.nextCursor());
        assertThat(page2.rawResponse().requestId()).isEqualTo(pages.get(1).requestId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void getDecodesTheAgentTheFakeHolds(String transport) {
        ConvaiClient client = client(transport);
        String agentId = client.agents().create(supportAgent()).agentId();

        GetAgentResponse agent = client.agents().get(agentId);

        RecordedRequest sent = onlyRequest("GET", "/v1/convai/agents/{agent_id}");
        assertThat(sent.pathSegments()).containsExactly("v1", "convai", "agents", agentId);
        assertThat(sent.bodySize()).isZero();
        assertThat(agent.agentId()).isEqualTo(agentId);
        assertThat(agent.name()).isEqualTo("Support");
        AgentConfigResponse config = agent.conversationConfig().agent();
        assertThat(config.firstMessage().get()).isEqualTo("Hello! How can I help?");
        PromptAgentResponse prompt = config.prompt();
        assertThat(prompt.prompt().get()).isEqualTo("Be brief.");
        assertThat(prompt.temperature().get()).isEqualTo(0.4);
        assertThat(prompt.maxTokens().get()).isEqualTo(300L);
        assertThat(prompt.timezone().get()).isEqualTo("Europe/Paris");
        assertThat(prompt.llm().get().value()).isEqualTo("gemini-2.5-flash"); // a default the fake filled in
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void deepPatchSendsNullForTheClearedFieldAndNothingForUnsetOnes(String transport) {
        ConvaiClient client = client(transport);
        String agentId = client.agents().create(supportAgent()).agentId();
        UpdateAgentRequest patch = UpdateAgentRequest.builder()
                .conversationConfig(ConversationalConfig.builder().agent(AgentConfig.builder()
                        .prompt(PromptAgent.builder().prompt("Be kind.").timezone(null).build())
                        .build()).build())
                .build();

        GetAgentResponse returned = client.agents().update(agentId, patch);

        RecordedRequest sent = onlyRequest("PATCH", "/v1/convai/agents/{agent_id}");
        String expected = "{\"conversation_config\":{\"agent\":{\"prompt\":{\"prompt\":\"Be kind.\",\"timezone\":null}}}}";
        assertThat(sent.bodyAsString()).isEqualTo(expected);
        assertThat(jsonBody(sent)).isEqualTo(JsonValue.parse(expected));
        assertThat(returned.conversationConfig().agent().prompt().timezone().isNull()).isTrue();

        JsonValue stored = fakeState("/v1/convai/agents/" + agentId);
        JsonValue agent = stored.get("conversation_config").get("agent");
        JsonValue prompt = agent.get("prompt");
        assertThat(prompt.get("prompt").asString()).isEqualTo("Be kind.");
        assertThat(prompt.asObject()).containsKey("timezone");
        assertThat(prompt.get("timezone").isNull()).as("the field sent as null is cleared").isTrue();
        assertThat(prompt.get("temperature").asNumber().doubleValue()).as("unsent fields keep their value").isEqualTo(0.4);
        assertThat(prompt.get("max_tokens").asNumber().longValue()).isEqualTo(300L);
        assertThat(agent.get("first_message").asString()).isEqualTo("Hello! How can I help?");
        assertThat(stored.get("name").asString()).isEqualTo("Support");
        assertThat(stored.get("tags").asArray()).containsExactly(JsonValue.of("e2e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void deleteRemovesTheAgentAndAGetAfterwardsIsNotFound(String transport) {
        ConvaiClient client = client(transport);
        String agentId = client.agents().create(supportAgent()).agentId();

        client.agents().delete(agentId);

        RecordedRequest sent = onlyRequest("DELETE", "/v1/convai/agents/{agent_id}");
        assertThat(sent.pathSegments()).containsExactly("v1", "convai", "agents", agentId);
        assertThat(sent.bodySize()).isZero();
        assertThatThrownBy(() -> client.agents().get(agentId)).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("agent_not_found");
            assertThat(e.requestId()).isEqualTo(fake.lastRequest().requestId());
        });
        assertThat(independentGet("/v1/convai/agents/" + agentId).statusCode()).isEqualTo(404);
    }

    private static List<String> createAgents(ConvaiClient client, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(client.agents().create(CreateAgentRequest.builder().name("Agent " + i)
                    .conversationConfig(ConversationalConfig.builder().build()).build()).agentId());
        }
        return ids;
    }

    private static List<String> newestFirst(List<String> created) {
        List<String> reversed = new ArrayList<>(created);
        java.util.Collections.reverse(reversed);
        return reversed;
    }
}
