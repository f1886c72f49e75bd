package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.ConvaiIOException;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.errors.RateLimitException;
import io.github.convai4j.errors.ServerException;
import io.github.convai4j.errors.UnprocessableEntityException;
import io.github.convai4j.errors.ValidationError;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.GetAgentsParams;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.models.tools.ToolConfig;
import io.github.convai4j.models.tools.ToolRequest;
import io.github.convai4j.testkit.FaultRule;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 5: the fake's error bodies and injected faults, through the generated services, mapped to the
 * client's exceptions; what is retried (429 after its {@code Retry-After}, 500, 503, a broken answer to a
 * GET) and what is not (a broken answer to a POST, which may have taken effect); the fake's 501 for an
 * operation it does not implement.
 */
class ErrorsAndRetriesEndToEndTest extends FakePlatformTestSupport {

    private static final String SOURCE = "io.github.convai4j.it.FakePlatformTestSupport#transports";
    private static final String AGENT = "/v1/convai/agents/{agent_id}";
    private static final String CREATE = "/v1/convai/agents/create";

    private static CreateAgentRequest newAgent(String name) {
        return CreateAgentRequest.builder().name(name).conversationConfig(ConversationalConfig.builder().build()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void unknownIdIsNotFoundWithTheApisCodeMessageAndRequestId(String transport) {
        ConvaiClient client = client(transport);

        assertThatThrownBy(() -> client.agents().get("agent_missing")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("agent_not_found");
            assertThat(e.serverMessage()).isEqualTo("Agent with id 'agent_missing' was not found.");
            assertThat(e.requestId()).isEqualTo(onlyRequest("GET", AGENT).requestId());
            assertThat(e.getMessage()).contains("404").contains("agent_not_found");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void invalidBodyIsUnprocessableWithEachDetailEntryParsed(String transport) {
        ConvaiClient client = client(transport);
        ToolRequest pigeon = ToolRequest.builder()
                .toolConfig(ToolConfig.ofUnknown(JsonValue.parse("{\"type\":\"carrier_pigeon\",\"name\":\"coo\"}"))).build();

        assertThatThrownBy(() -> client.tools().create(pigeon)).isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(422);
            List<ValidationError> errors = e.validationErrors();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).loc()).containsExactly("body", "tool_config");
            assertThat(errors.get(0).type()).isEqualTo("union_tag_invalid");
            assertThat(errors.get(0).msg()).contains("carrier_pigeon");
            assertThat(errors.get(0).input().get("type").asString()).isEqualTo("carrier_pigeon");
        });
        assertThat(jsonBody(onlyRequest("POST", "/v1/convai/tools")).get("tool_config").get("type").asString())
                .as("the unknown variant is sent as given").isEqualTo("carrier_pigeon");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void invalidQueryParameterIsUnprocessableAtItsLocation(String transport) {
        ConvaiClient client = client(transport);

        assertThatThrownBy(() -> client.agents().list(GetAgentsParams.builder().pageSize(500).build()))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(e.validationErrors())
                        .singleElement().satisfies(v -> {
                            assertThat(v.location()).isEqualTo("query.page_size");
                            assertThat(v.type()).isEqualTo("less_than_equal");
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void tooManyRequestsIsRetriedAfterItsRetryAfterThenSucceeds(String transport) {
        ConvaiClient client = client(transport);
        String agentId = fake.addAgent("Support");
        fake.injectFault(FaultRule.on("GET", AGENT).tooManyRequests(1).once());
        long start = System.nanoTime();

        GetAgentResponse agent = client.agents().get(agentId);

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(agent.name()).isEqualTo("Support");
        assertThat(fake.requests("GET", AGENT)).hasSize(2);
        assertThat(millis).as("waited for Retry-After: 1 s").isBetween(950L, 10_000L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void tooManyRequestsWithoutRetriesLeftCarriesRetryAfterAndTheApisCode(String transport) {
        ConvaiClient client = client(transport, b -> b.maxRetries(0));
        fake.injectFault(FaultRule.on("GET", AGENT).tooManyRequests(7).once());

        assertThatThrownBy(() -> client.agents().get("agent_1")).isInstanceOfSatisfying(RateLimitException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(e.code()).isEqualTo("too_many_concurrent_requests");
        });
        assertThat(fake.requests()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void serverErrorsAreRetriedUntilTheAnswerComes(String transport) {
        ConvaiClient client = client(transport);
        String agentId = fake.addAgent("Support");
        fake.injectFault(FaultRule.on("GET", AGENT).status(500).once());
        fake.injectFault(FaultRule.on("GET", AGENT).status(503).once());

        assertThat(client.agents().get(agentId).name()).isEqualTo("Support");

        assertThat(fake.requests("GET", AGENT)).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void serviceUnavailableBeyondTheRetriesIsAServerErrorAfterEveryAttempt(String transport) {
        ConvaiClient client = client(transport, b -> b.maxRetries(2));
        fake.injectFault(FaultRule.on("POST", CREATE).status(503));

        assertThatThrownBy(() -> client.agents().create(newAgent("Never"))).isInstanceOfSatisfying(ServerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("service_unavailable");
        });
        List<RecordedRequest> attempts = fake.requests("POST", CREATE);
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(RecordedRequest::bodyAsString).containsOnly(attempts.get(0).bodyAsString());
        assertThat(independentGet("/v1/convai/agents").body()).contains("\"agents\":[]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void connectionResetMidBodyIsRetriedForAGet(String transport) {
        ConvaiClient client = client(transport);
        String agentId = fake.addAgent("Support");
        fake.injectFault(FaultRule.on("GET", AGENT).resetConnectionMidBody().once());

        assertThat(client.agents().get(agentId).name()).isEqualTo("Support");

        assertThat(fake.requests("GET", AGENT)).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void truncatedBodyIsRetriedForAGet(String transport) {
        ConvaiClient client = client(transport);
        String agentId = fake.addAgent("Support");
        fake.injectFault(FaultRule.on("GET", AGENT).truncateBody().once());

        assertThat(client.agents().get(agentId).name()).isEqualTo("Support");

        assertThat(fake.requests("GET", AGENT)).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void truncatedAnswerToAPostIsSurfacedNotRetriedSinceTheAgentWasCreated(String transport) {
        ConvaiClient client = client(transport);
        fake.injectFault(FaultRule.on("POST", CREATE).truncateBody().once());

        assertThatThrownBy(() -> client.agents().create(newAgent("Once"))).isInstanceOf(ConvaiIOException.class);

        assertThat(fake.requests("POST", CREATE)).hasSize(1);
        assertThat(client.agents().list().items()).extracting(a -> a.name()).containsExactly("Once");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void connectionResetDuringTheAnswerToAPostIsSurfacedNotRetried(String transport) {
        ConvaiClient client = client(transport);
        fake.injectFault(FaultRule.on("POST", CREATE).resetConnectionMidBody().once());

        assertThatThrownBy(() -> client.agents().create(newAgent("Once"))).isInstanceOf(ConvaiIOException.class);

        assertThat(fake.requests("POST", CREATE)).hasSize(1);
        assertThat(client.agents().list().items()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void anOperationTheFakeDoesNotImplementIsAClearServerError(String transport) {
        ConvaiClient client = client(transport, b -> b.maxRetries(0));

        assertThatThrownBy(() -> client.phoneNumbers().list()).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(501);
            assertThat(e.code()).isEqualTo("not_implemented");
            assertThat(e.serverMessage()).contains("does not implement GET /v1/convai/phone-numbers");
            assertThat(e.getMessage()).contains("501");
        });
        assertThat(onlyRequest("GET", "/v1/convai/phone-numbers").requestId()).isNotBlank();
    }
}
