package io.github.convai4j.it;

import io.github.convai4j.ConvaiAsyncClient;
import io.github.convai4j.core.AsyncPage;
import io.github.convai4j.core.FilePart;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.errors.RateLimitException;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.agents.AgentSummaryResponse;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.GetAgentsPageResponse;
import io.github.convai4j.models.agents.GetAgentsParams;
import io.github.convai4j.models.common.AgentConfig;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.testkit.FaultRule;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The async services ({@code client.async()}) end to end on both transports: create, get, list with async
 * paging (explicit {@code nextPage()} and {@code forEachAll}), avatar upload, errors as the futures' causes.
 * Async audio download is in {@link AudioDownloadBoundedHeapTest}.
 */
class AsyncEndToEndTest extends FakePlatformTestSupport {

    private static final String SOURCE = "io.github.convai4j.it.FakePlatformTestSupport#transports";

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void createThenGetWithoutBlockingACallerThread(String transport) throws Exception {
        ConvaiAsyncClient client = client(transport).async();

        GetAgentResponse agent = await(client.agents().create(CreateAgentRequest.builder().name("Support")
                        .conversationConfig(ConversationalConfig.builder().agent(AgentConfig.builder().firstMessage("Hi!").build()).build())
                        .build())
                .thenCompose(created -> client.agents().get(created.agentId())));

        assertThat(agent.name()).isEqualTo("Support");
        assertThat(agent.conversationConfig().agent().firstMessage().get()).isEqualTo("Hi!");
        RecordedRequest create = onlyRequest("POST", "/v1/convai/agents/create");
        assertThat(jsonBody(create)).isEqualTo(JsonValue.parse(
                "{\"name\":\"Support\",\"conversation_config\":{\"agent\":{\"first_message\":\"Hi!\"}}}"));
        assertThat(onlyRequest("GET", "/v1/convai/agents/{agent_id}").pathSegments().get(3)).isEqualTo(agent.agentId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void listStepsThroughThreePagesWithAsyncNextPage(String transport) throws Exception {
        ConvaiAsyncClient client = client(transport).async();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, fake.addAgent("Agent " + i));
        }

        AsyncPage<AgentSummaryResponse, GetAgentsPageResponse> page1 =
                await(client.agents().list(GetAgentsParams.builder().pageSize(2).build()));
        AsyncPage<AgentSummaryResponse, GetAgentsPageResponse> page2 = await(page1.nextPage());
        AsyncPage<AgentSummaryResponse, GetAgentsPageResponse> page3 = await(page2.nextPage());

        List<String> ids = new ArrayList<>();
        for (AsyncPage<AgentSummaryResponse, GetAgentsPageResponse> page : List.of(page1, page2, page3)) {
            page.items().forEach(a -> ids.add(a.agentId()));
        }
        assertThat(ids).containsExactlyElementsOf(created);
        assertThat(page3.hasMore()).isFalse();
        assertThatThrownBy(() -> await(page3.nextPage())).hasCauseInstanceOf(java.util.NoSuchElementException.class);
        assertThat(fake.requests("GET", "/v1/convai/agents")).extracting(r -> r.queryParameter("cursor"))
                .containsExactly(null, page1.nextCursor(), page2.nextCursor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void forEachAllVisitsEveryAgentAcrossPages(String transport) throws Exception {
        ConvaiAsyncClient client = client(transport).async();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, fake.addAgent("Agent " + i));
        }
        List<String> visited = Collections.synchronizedList(new ArrayList<>());

        await(client.agents().list(GetAgentsParams.builder().pageSize(2).build())
                .thenCompose(first -> first.forEachAll(a -> visited.add(a.agentId()))));

        assertThat(visited).containsExactlyElementsOf(created);
        assertThat(fake.requests("GET", "/v1/convai/agents")).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void avatarUploadArrivesByteForByte(String transport) throws Exception {
        ConvaiAsyncClient client = client(transport).async();
        String agentId = fake.addAgent("Support");
        byte[] image = payload(250_000, 9);

        String url = await(client.agents().widget().avatar().create(agentId,
                FilePart.of(image, "avatar.webp").withContentType("image/webp"))).avatarUrl().get();

        assertThat(fake.avatar(agentId).orElseThrow().bytes()).isEqualTo(image);
        assertThat(utf8(onlyRequest("POST", "/v1/convai/agents/{agent_id}/avatar").body()))
                .contains("name=\"avatar_file\"; filename=\"avatar.webp\"");
        assertThat(independentGetBytes(url)).isEqualTo(image);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void apiErrorsAreTheCauseOfTheFailedFuture(String transport) {
        ConvaiAsyncClient notRetrying = client(transport, b -> b.maxRetries(0)).async();
        fake.injectFault(FaultRule.on("GET", "/v1/convai/agents").tooManyRequests(3).once());

        assertThatThrownBy(() -> await(notRetrying.agents().get("agent_missing")))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("agent_not_found"));
        assertThatThrownBy(() -> await(notRetrying.agents().list()))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(RateLimitException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void asyncRetriesAfterRetryAfterThenSucceeds(String transport) throws Exception {
        ConvaiAsyncClient client = client(transport).async();
        String agentId = fake.addAgent("Support");
        fake.injectFault(FaultRule.on("GET", "/v1/convai/agents/{agent_id}").tooManyRequests(1).once());

        assertThat(await(client.agents().get(agentId)).name()).isEqualTo("Support");

        assertThat(fake.requests("GET", "/v1/convai/agents/{agent_id}")).hasSize(2);
    }
}
