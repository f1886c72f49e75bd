package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.errors.ConflictException;
import io.github.convai4j.errors.RateLimitException;
import io.github.convai4j.errors.ServerException;
import io.github.convai4j.it.FaultServer.Reply;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.common.ConversationalConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 18, item 7: which statuses are retried, as the official SDKs do (408, 429, 5xx; 409 is not transient and
 * is never sent again, whatever the method), and a {@code Retry-After} past the retry policy's cap, which is a
 * setting per client and per request: the call fails at once with the exception of the status, carrying the
 * wait the server asked for.
 */
class RetryStatusesTest extends RuntimeTestSupport {

    private static final String CONFLICT = "{\"detail\":{\"status\":\"conflict\",\"message\":\"Name taken\"}}";
    private static final String TOO_MANY = "{\"detail\":{\"status\":\"too_many_concurrent_requests\","
            + "\"message\":\"You are sending too many concurrent requests.\"}}";

    private static CreateAgentRequest newAgent() {
        return CreateAgentRequest.builder().name("Support").conversationConfig(ConversationalConfig.builder().build())
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aConflictIsNeverSentAgainNeitherForAPostNorForAGet(String transport) {
        ConvaiClient client = client(transport);
        server.enqueue(Reply.json(409, CONFLICT), Reply.json(409, CONFLICT), Reply.json(409, CONFLICT));

        Throwable post = catchThrowable(() -> client.agents().create(newAgent()));

        assertThat(post).isInstanceOf(ConflictException.class);
        assertThat(server.received()).hasSize(1);

        server.received().clear();
        Throwable get = catchThrowable(() -> client.async().agents().get("a1").get(30, TimeUnit.SECONDS));

        assertThat(get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConflictException.class);
        assertThat(server.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aRequestTimeoutStatusIsRetriedEvenForAPost(String transport) {
        server.enqueue(Reply.json(408, "{\"detail\":\"Request timeout\"}"),
                Reply.json(200, "{\"agent_id\":\"agent_1\"}"));

        String id = client(transport).agents().create(newAgent()).agentId();

        assertThat(id).isEqualTo("agent_1");
        assertThat(server.received()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aRetryAfterPastTheClientsCapFailsAtOnceCarryingTheAskedWait(String transport) {
        ConvaiClient client = client(transport, b -> b.retryPolicy(RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(50))
                .maxRetryAfter(Duration.ofSeconds(1)).build()));
        server.enqueue(Reply.json(429, TOO_MANY).header("Retry-After", "2"), Reply.json(200, agentJson("a1", "x")));
        long start = System.nanoTime();

        Throwable failure = catchThrowable(() -> client.agents().get("a1"));

        assertThat(millisSince(start)).isLessThan(1_900); // did not wait the 2 s asked
        assertThat(failure).isInstanceOfSatisfying(RateLimitException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(server.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void theCapIsASettingPerRequestToo(String transport) {
        ConvaiClient client = client(transport);
        RequestOptions shortCap = RequestOptions.builder().retryPolicy(RetryPolicy.builder()
                .maxRetryAfter(Duration.ofMillis(500)).build()).build();
        server.enqueue(Reply.json(503, "{\"detail\":\"busy\"}").header("retry-after-ms", "800"),
                Reply.json(200, agentJson("a1", "x")));

        Throwable failure = catchThrowable(() -> client.agents().get("a1", null, shortCap));

        assertThat(failure).isInstanceOfSatisfying(ServerException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(800)));
        assertThat(server.received()).hasSize(1);

        // Under the default cap of 60 s the same answer is waited out and retried.
        server.received().clear();
        server.clearScript();
        server.enqueue(Reply.json(503, "{\"detail\":\"busy\"}").header("retry-after-ms", "800"),
                Reply.json(200, agentJson("a1", "x")));
        long start = System.nanoTime();

        assertThat(client.agents().get("a1").agentId()).isEqualTo("a1");
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(750);
        assertThat(server.received()).hasSize(2);
    }
}
