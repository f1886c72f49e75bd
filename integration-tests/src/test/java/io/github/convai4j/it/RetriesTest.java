package io.github.convai4j.it;

import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.errors.ConnectionFailedException;
import io.github.convai4j.errors.ConvaiTimeoutException.Kind;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.errors.RateLimitException;
import io.github.convai4j.errors.ServerException;
import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.internal.ApiRequest;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.it.FaultServer.Reply;
import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Retries, backoff, Retry-After and the overall deadline, sync and async, through each transport. */
class RetriesTest extends RuntimeTestSupport {

    private static final String TOO_MANY = "{\"detail\":{\"status\":\"too_many_concurrent_requests\","
            + "\"message\":\"You are sending too many concurrent requests.\"}}";
    private static final String BUSY = "{\"detail\":{\"status\":\"system_busy\",\"message\":\"The system is busy.\"}}";

    private static long gapMillis(FaultServer.Received first, FaultServer.Received second) {
        return (second.atNanos() - first.atNanos()) / 1_000_000;
    }

    private static ApiRequest uploadAvatar(ContentSource file) {
        return ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/{agent_id}/avatar")
                .operationId("post_agent_avatar_route")
                .pathParam("agent_id", "a1")
                .multipartBody(MultipartBody.builder().addFile("avatar_file", "avatar.png", "image/png", file).build())
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void rateLimitWithRetryAfterOneSecondIsWaitedOutThenSucceeds(String transport) {
        server.enqueue(Reply.json(429, TOO_MANY).header("Retry-After", "1"), Reply.json(200, agentJson("a1", "Support")));

        JsonValue agent = context(client(transport)).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null);

        assertThat(agent.get("name").asString()).isEqualTo("Support");
        assertThat(server.received()).hasSize(2);
        assertThat(gapMillis(server.received().get(0), server.received().get(1))).isBetween(950L, 5_000L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void serviceUnavailableTwiceThenSuccess(String transport) {
        server.enqueue(Reply.json(503, BUSY), Reply.json(503, BUSY), Reply.json(200, agentJson("a1", "Support")));

        JsonValue agent = context(client(transport)).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null);

        assertThat(agent.get("agent_id").asString()).isEqualTo("a1");
        assertThat(server.received()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void retriesStopAtMaxRetries(String transport) {
        server.enqueue(Reply.json(503, BUSY), Reply.json(503, BUSY), Reply.json(503, BUSY), Reply.json(200, "{}"));

        assertThatThrownBy(() -> context(client(transport)).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null))
                .isInstanceOf(ServerException.class).hasMessageContaining("system_busy");
        assertThat(server.received()).hasSize(3); // 1 + the default 2 retries
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void nonRepeatableBodyIsNotResentAfter503(String transport) {
        server.enqueue(Reply.json(503, BUSY), Reply.json(200, "{\"avatar_url\":\"https://x\"}"));
        byte[] png = "\u0089PNG fake image bytes".getBytes(StandardCharsets.ISO_8859_1);
        ContentSource once = ContentSource.ofInputStream(new ByteArrayInputStream(png), png.length);

        assertThatThrownBy(() -> context(client(transport)).execute(uploadAvatar(once), ResponseHandlers.jsonValue(), null))
                .isInstanceOf(ServerException.class);
        assertThat(server.received()).hasSize(1);
        assertThat(new String(server.received().get(0).body(), StandardCharsets.ISO_8859_1)).contains("PNG fake image bytes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void repeatableMultipartBodyIsResentWhole(String transport) {
        server.enqueue(Reply.json(503, BUSY), Reply.json(200, "{\"avatar_url\":\"https://x\"}"));
        byte[] png = "PNG bytes".getBytes(StandardCharsets.US_ASCII);

        context(client(transport)).execute(uploadAvatar(ContentSource.ofBytes(png)), ResponseHandlers.jsonValue(), null);

        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(1).body()).isEqualTo(server.received().get(0).body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void retryAfterPastTheDeadlineFailsAtOnceWithTheServerError(String transport) {
        server.enqueue(Reply.json(503, BUSY).header("Retry-After", "2"), Reply.json(200, "{}"));
        long start = System.nanoTime();

        Throwable failure = catchThrowable(() -> context(client(transport, b -> b.timeout(Duration.ofSeconds(1))))
                .execute(getAgent("a1"), ResponseHandlers.jsonValue(), null));

        assertThat(millisSince(start)).isLessThan(900);
        assertThat(failure).isInstanceOf(ServerException.class);
        assertThat(((ServerException) failure).retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(failure.getSuppressed()).singleElement().isInstanceOfSatisfying(ConvaiTimeoutException.class,
                t -> assertThat(t.kind()).isEqualTo(Kind.DEADLINE));
        assertThat(server.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void deadlineCutsBackoffRetriesShort(String transport) {
        for (int i = 0; i < 8; i++) {
            server.enqueue(Reply.json(503, BUSY));
        }
        RetryPolicy patient = RetryPolicy.builder().maxRetries(7)
                .initialBackoff(Duration.ofMillis(600)).maxBackoff(Duration.ofMillis(600)).build();
        long start = System.nanoTime();

        Throwable failure = catchThrowable(() -> context(client(transport,
                b -> b.retryPolicy(patient).timeout(Duration.ofMillis(1500))))
                .execute(getAgent("a1"), ResponseHandlers.jsonValue(), null));

        // Waits of 300-600 ms (600 ms with jitter) put the attempts at least 300 ms apart, so 1.5 s holds at most
        // 5 (at 0, 300, 600, 900 and 1,200 ms); without the deadline there would be 8.
        assertThat(failure).isInstanceOf(ServerException.class);
        assertThat(server.received()).hasSizeBetween(2, 5);
        assertThat(millisSince(start)).isLessThan(1500 + 1000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void deadlineCutsASlowAttempt(String transport) {
        server.enqueue(Reply.json(200, "{}").delay(Duration.ofSeconds(3)), Reply.json(200, "{}"));
        long start = System.nanoTime();

        Throwable failure = catchThrowable(() -> context(client(transport, b -> b.timeout(Duration.ofMillis(800))))
                .execute(getAgent("a1"), ResponseHandlers.jsonValue(), null));

        assertThat(failure).isInstanceOfSatisfying(ConvaiTimeoutException.class, t -> {
            assertThat(t.kind()).isEqualTo(Kind.DEADLINE);
            assertThat(t.timeout()).isEqualTo(Duration.ofMillis(800));
        });
        assertThat(millisSince(start)).isBetween(700L, 2_500L);
        assertThat(server.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void readTimeoutIsRetriedForGetButNotForPost(String transport) {
        server.enqueue(Reply.json(200, "{}").delay(Duration.ofSeconds(2)), Reply.json(200, "{\"ok\":true}"));
        var client = client(transport, b -> b.readTimeout(Duration.ofMillis(300)).maxRetries(1));

        JsonValue value = context(client).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null);
        assertThat(value.get("ok")).isEqualTo(JsonValue.TRUE);
        assertThat(server.received()).hasSize(2);

        server.enqueue(Reply.json(200, "{}").delay(Duration.ofSeconds(2)));
        ApiRequest create = ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/create")
                .operationId("create_agent_route").jsonBody(JsonValue.parse("{\"name\":\"x\"}")).build();
        assertThatThrownBy(() -> context(client).execute(create, ResponseHandlers.jsonValue(), null))
                .isInstanceOfSatisfying(ConvaiTimeoutException.class, t -> assertThat(t.kind()).isEqualTo(Kind.READ));
        assertThat(server.received()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void refusedConnectionIsRetriedThenReported(String transport) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var client = client(transport, b -> b.baseUrl("http://127.0.0.1:" + closedPort));
        long start = System.nanoTime();

        assertThatThrownBy(() -> context(client).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null))
                .isInstanceOf(ConnectionFailedException.class)
                .hasRootCauseInstanceOf(ConnectException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("get_agent_route");
        assertThat(millisSince(start)).isLessThan(5_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void asyncRateLimitRetryWaitsWithoutBlockingAndCompletesOnTheClientExecutor(String transport) throws Exception {
        server.enqueue(Reply.json(429, TOO_MANY).header("Retry-After", "1"), Reply.json(200, agentJson("a1", "Support")));
        AtomicReference<String> completedOn = new AtomicReference<>();
        long start = System.nanoTime();

        CountDownLatch completed = new CountDownLatch(1);

        CompletableFuture<JsonValue> future = context(client(transport))
                .executeAsync(getAgent("a1"), ResponseHandlers.jsonValue(), null);
        future.whenComplete((v, e) -> {
            completedOn.set(Thread.currentThread().getName());
            completed.countDown();
        });

        assertThat(millisSince(start)).as("executeAsync returns at once").isLessThan(500);
        // Wait on the latch, not on get(): a thread blocked in get() may itself run the dependent stages.
        assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(future.join().get("name").asString()).isEqualTo("Support");
        assertThat(completedOn.get()).startsWith("convai4j-async-");
        assertThat(server.received()).hasSize(2);
        assertThat(gapMillis(server.received().get(0), server.received().get(1))).isBetween(950L, 5_000L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void asyncServiceUnavailableTwiceThenSuccess(String transport) throws Exception {
        server.enqueue(Reply.json(503, BUSY), Reply.json(502, "{\"detail\":\"Bad gateway\"}"), Reply.json(200, "{\"n\":3}"));

        JsonValue value = context(client(transport)).executeAsync(getAgent("a1"), ResponseHandlers.jsonValue(), null)
                .get(10, TimeUnit.SECONDS);

        assertThat(value.get("n").asNumber().intValue()).isEqualTo(3);
        assertThat(server.received()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void asyncFailuresAreTheCauseOfTheFailedFuture(String transport) {
        server.enqueue(Reply.json(429, TOO_MANY).header("Retry-After", "120"));

        CompletableFuture<JsonValue> future = context(client(transport))
                .executeAsync(getAgent("a1"), ResponseHandlers.jsonValue(), null);

        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).isEqualTo(RateLimitException.TOO_MANY_CONCURRENT_REQUESTS);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                });
        assertThat(server.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void asyncNonRepeatableBodyIsNotResent(String transport) {
        server.enqueue(Reply.json(503, BUSY), Reply.json(200, "{}"));
        byte[] png = "PNG".getBytes(StandardCharsets.US_ASCII);

        CompletableFuture<JsonValue> future = context(client(transport)).executeAsync(
                uploadAvatar(ContentSource.ofInputStream(new ByteArrayInputStream(png), -1)), ResponseHandlers.jsonValue(), null);

        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ServerException.class);
        assertThat(server.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void asyncDeadlineCutsASlowAttempt(String transport) {
        server.enqueue(Reply.json(200, "{}").delay(Duration.ofSeconds(3)));
        long start = System.nanoTime();

        CompletableFuture<JsonValue> future = context(client(transport, b -> b.timeout(Duration.ofMillis(800))))
                .executeAsync(getAgent("a1"), ResponseHandlers.jsonValue(), null);

        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ConvaiTimeoutException.class, t -> assertThat(t.kind()).isEqualTo(Kind.DEADLINE));
        assertThat(millisSince(start)).isBetween(700L, 2_500L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void cancellingAnAsyncCallStopsItsPendingRetry(String transport) throws Exception {
        server.enqueue(Reply.json(429, TOO_MANY).header("Retry-After", "2"), Reply.json(200, "{}"));

        CompletableFuture<JsonValue> future = context(client(transport))
                .executeAsync(getAgent("a1"), ResponseHandlers.jsonValue(), null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.received().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200); // the 429 has arrived; the retry now waits 2 s
        assertThat(future.cancel(true)).isTrue();
        Thread.sleep(2_500);

        assertThat(server.received()).hasSize(1);
    }
}
