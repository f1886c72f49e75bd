package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.AsyncPage;
import io.github.convai4j.core.Page;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.models.agents.AgentSummaryResponse;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.agents.CreateAgentResponse;
import io.github.convai4j.models.agents.GetAgentEmbedResponse;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.GetAgentsPageResponse;
import io.github.convai4j.models.agents.GetAgentsParams;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.testkit.FaultRule;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task A over the wire: {@code withRawResponse()} gives the status, the headers and the fake's
 * {@code request-id} with the decoded value, for plain, no-content, paginated and async calls, reached from
 * a service or from the client.
 */
class RawResponsesEndToEndTest extends FakePlatformTestSupport {

    private static final String SOURCE = "io.github.convai4j.it.FakePlatformTestSupport#transports";

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void rawGetHasStatusHeadersAndTheFakesRequestId(String transport) {
        ConvaiClient client = client(transport);
        String agentId = fake.addAgent("Support");

        RawResponse<GetAgentResponse> raw = client.agents().withRawResponse().get(agentId);

        RecordedRequest sent = onlyRequest("GET", "/v1/convai/agents/{agent_id}");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.requestId()).isNotBlank().isEqualTo(sent.requestId());
        assertThat(raw.headers().first("request-id")).isEqualTo(sent.requestId());
        assertThat(raw.headers().first("content-type")).startsWith("application/json");
        assertThat(raw.value().agentId()).isEqualTo(agentId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void rawViewsAreReachableFromTheClientAndThroughSubGroups(String transport) {
        ConvaiClient client = client(transport);

        RawResponse<CreateAgentResponse> created = client.withRawResponse().agents().create(CreateAgentRequest.builder()
                .name("Support").conversationConfig(ConversationalConfig.builder().build()).build());
        RawResponse<GetAgentEmbedResponse> widget = client.withRawResponse().agents().widget().get(created.value().agentId());
        RawResponse<Void> deleted = client.agents().withRawResponse().delete(created.value().agentId());

        List<RecordedRequest> sent = fake.requests();
        assertThat(sent).extracting(RecordedRequest::method).containsExactly("POST", "GET", "DELETE");
        assertThat(created.requestId()).isEqualTo(sent.get(0).requestId());
        assertThat(widget.requestId()).isEqualTo(sent.get(1).requestId());
        assertThat(widget.value().agentId()).isEqualTo(created.value().agentId());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.value()).isNull();
        assertThat(deleted.requestId()).isEqualTo(sent.get(2).requestId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void rawResponseIsTheOneOfTheAttemptThatSucceeded(String transport) {
        ConvaiClient client = client(transport);
        String agentId = fake.addAgent("Support");
        fake.injectFault(FaultRule.on("GET", "/v1/convai/agents/{agent_id}").status(503).once());

        RawResponse<GetAgentResponse> raw = client.agents().withRawResponse().get(agentId);

        List<RecordedRequest> attempts = fake.requests("GET", "/v1/convai/agents/{agent_id}");
        assertThat(attempts).hasSize(2);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.requestId()).isEqualTo(attempts.get(1).requestId()).isNotEqualTo(attempts.get(0).requestId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void rawPaginatedCallHoldsTheFirstPageWhichPagesOn(String transport) {
        ConvaiClient client = client(transport);
        for (int i = 0; i < 3; i++) {
            fake.addAgent("Agent " + i);
        }

        RawResponse<Page<AgentSummaryResponse, GetAgentsPageResponse>> raw =
                client.agents().withRawResponse().list(GetAgentsParams.builder().pageSize(2).build());
        long all = raw.value().streamAll().count();

        List<RecordedRequest> pages = fake.requests("GET", "/v1/convai/agents");
        assertThat(all).isEqualTo(3);
        assertThat(pages).hasSize(2);
        assertThat(raw.requestId()).isEqualTo(pages.get(0).requestId());
        assertThat(raw.value().rawResponse().requestId()).isEqualTo(pages.get(0).requestId());
        assertThat(raw.value().nextPage().rawResponse().requestId()).isEqualTo(fake.lastRequest().requestId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void asyncRawCallsCompleteWithTheRawResponse(String transport) throws Exception {
        ConvaiClient client = client(transport);
        String agentId = fake.addAgent("Support");
        fake.addAgent("Sales");

        RawResponse<GetAgentResponse> raw = client.async().agents().withRawResponse().get(agentId).get(30, TimeUnit.SECONDS);
        RawResponse<AsyncPage<AgentSummaryResponse, GetAgentsPageResponse>> page = client.async().withRawResponse()
                .agents().list(GetAgentsParams.builder().pageSize(1).build()).get(30, TimeUnit.SECONDS);

        List<RecordedRequest> sent = fake.requests();
        assertThat(raw.requestId()).isEqualTo(sent.get(0).requestId());
        assertThat(raw.value().name()).isEqualTo("Support");
        assertThat(page.requestId()).isEqualTo(sent.get(1).requestId());
        assertThat(page.value().items()).hasSize(1);
        assertThat(page.value().hasMore()).isTrue();
    }
}
