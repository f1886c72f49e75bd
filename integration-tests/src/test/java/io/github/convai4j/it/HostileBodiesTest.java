package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.errors.DecodingException;
import io.github.convai4j.it.FaultServer.Reply;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.common.ConversationalConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 18, items 2, 3 and 5: a 2xx whose body is well-formed JSON but not what the operation returns (a root of
 * the wrong type, or {@code null} where a model is expected) is a {@link DecodingException} that names the
 * operation, sync and async, GET and POST, and is never retried: the same request would get the same answer.
 * A number past the range of a double is kept exactly: the model prints it and writes it back as it came.
 */
class HostileBodiesTest extends RuntimeTestSupport {

    private static final String GET_AGENT = "get_agent_route GET /v1/convai/agents/{agent_id}";
    private static final String CREATE_AGENT = "POST /v1/convai/agents/create";

    /** Roots of every JSON type but the object a model is read from. */
    private static final List<String> WRONG_ROOTS = List.of("[1]", "\"x\"", "true", "42");

    private static CreateAgentRequest newAgent() {
        return CreateAgentRequest.builder().name("Support").conversationConfig(ConversationalConfig.builder().build())
                .build();
    }

    /** Enqueues the same 200 three times: a call that retried it would be answered again. */
    private void answerThreeTimes(String body) {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Reply.json(200, body));
        }
    }

    private static Throwable asyncFailure(CompletableFuture<?> future) {
        Throwable failure = catchThrowable(() -> future.get(30, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        return failure.getCause();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aRootOfTheWrongTypeIsADecodingExceptionAndIsNotRetried(String transport) {
        ConvaiClient client = client(transport);
        for (String body : WRONG_ROOTS) {
            answerThreeTimes(body);
            Throwable failure = catchThrowable(() -> client.agents().get("a1"));
            assertThat(failure).as("sync GET answered %s", body).isInstanceOf(DecodingException.class)
                    .hasMessageContaining(GET_AGENT).hasMessageContaining("Expected an object (GetAgentResponse)");
            assertThat(((DecodingException) failure).statusCode()).isEqualTo(200);
            assertThat(server.received()).as("requests for %s", body).hasSize(1);
            server.received().clear();
            server.clearScript();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aRootOfTheWrongTypeFailsAsyncAndPostCallsTheSameWay(String transport) {
        ConvaiClient client = client(transport);
        answerThreeTimes("[1]");
        Throwable async = asyncFailure(client.async().agents().get("a1"));
        assertThat(async).isInstanceOf(DecodingException.class).hasMessageContaining(GET_AGENT);
        assertThat(server.received()).hasSize(1);

        server.received().clear();
        server.clearScript();
        answerThreeTimes("\"x\"");
        Throwable post = catchThrowable(() -> client.agents().create(newAgent()));
        assertThat(post).isInstanceOf(DecodingException.class).hasMessageContaining(CREATE_AGENT)
                .hasMessageContaining("Expected an object");
        assertThat(server.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aNullBodyWhereAModelIsExpectedIsADecodingExceptionNamingTheOperation(String transport) {
        ConvaiClient client = client(transport);

        answerThreeTimes("null");
        Throwable sync = catchThrowable(() -> client.agents().get("a1"));
        assertThat(sync).isInstanceOf(DecodingException.class).hasMessageContaining(GET_AGENT)
                .hasMessageContaining("JSON null").hasMessageContaining("GetAgentResponse");
        assertThat(server.received()).hasSize(1);

        server.received().clear();
        server.clearScript();
        answerThreeTimes(" null ");
        Throwable async = asyncFailure(client.async().agents().get("a1"));
        assertThat(async).isInstanceOf(DecodingException.class).hasMessageContaining(GET_AGENT)
                .hasMessageContaining("JSON null");
        assertThat(server.received()).hasSize(1);

        server.received().clear();
        server.clearScript();
        answerThreeTimes("null");
        Throwable post = catchThrowable(() -> client.agents().create(newAgent()));
        assertThat(post).isInstanceOf(DecodingException.class).hasMessageContaining(CREATE_AGENT)
                .hasMessageContaining("JSON null");
        assertThat(server.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aNumberBeyondTheRangeOfADoublePrintsAndIsWrittenBackExactly(String transport) throws Exception {
        String body = "{\"agent_id\":\"a1\",\"name\":\"Support\",\"conversation_config\":{\"agent\":{\"prompt\":"
                + "{\"prompt\":\"Be brief.\",\"temperature\":1e1000000,\"max_tokens\":-1e-1000000}}},\"x\":2.5e400}";
        server.enqueue(Reply.json(200, body), Reply.json(200, body));
        ConvaiClient client = client(transport);

        for (GetAgentResponse agent : List.of(client.agents().get("a1"),
                client.async().agents().get("a1").get(30, TimeUnit.SECONDS))) {
            assertThat(agent.toString()).contains("1E+1000000").contains("-1E-1000000");
            String back = Json.toJson(GetAgentResponse.codec(), agent);
            assertThat(JsonValue.parse(back)).isEqualTo(JsonValue.parse(body));
            assertThat(Json.parse(back, GetAgentResponse.codec())).isEqualTo(agent);
        }
    }
}
