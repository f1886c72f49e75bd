package io.github.convai4j.it;

import io.github.convai4j.core.AttemptInfo;
import io.github.convai4j.core.CallInfo;
import io.github.convai4j.core.CallListener;
import io.github.convai4j.core.CallResult;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.errors.ServerException;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.internal.ApiRequest;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.it.FaultServer.Reply;
import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The call listener through each transport: every event in order, with status, bytes, retries and outcome. */
class CallListenerTest extends RuntimeTestSupport {

    private static final String BUSY = "{\"detail\":{\"status\":\"system_busy\",\"message\":\"The system is busy.\"}}";

    /** Records every event as a line, and keeps the objects for closer checks. */
    static final class Recorder implements CallListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<AttemptInfo> attempts = new CopyOnWriteArrayList<>();
        final List<CallResult> results = new CopyOnWriteArrayList<>();
        final List<CallInfo> calls = new CopyOnWriteArrayList<>();

        @Override
        public void callStarted(CallInfo call) {
            calls.add(call);
            events.add("callStarted " + call.operation() + " " + call.method() + " " + call.path());
        }

        @Override
        public void attemptStarted(CallInfo call, int attempt) {
            assertThat(call).isSameAs(calls.get(0));
            events.add("attemptStarted " + attempt);
        }

        @Override
        public void attemptEnded(AttemptInfo attempt) {
            attempts.add(attempt);
            events.add("attemptEnded " + attempt.number() + " " + attempt.statusCode()
                    + (attempt.failure() == null ? "" : " " + attempt.failure().getClass().getSimpleName()));
        }

        @Override
        public void retryScheduled(AttemptInfo failedAttempt, String reason, Duration delay) {
            events.add("retryScheduled after " + failedAttempt.number() + ": " + reason);
        }

        @Override
        public void callEnded(CallResult result) {
            results.add(result);
            events.add("callEnded " + result.attempts() + " " + result.statusCode()
                    + (result.failure() == null ? "" : " " + result.failure().getClass().getSimpleName()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aCallRetriedTwiceReportsEveryAttemptRetryAndTheEndInOrder(String transport) {
        String agent = agentJson("a1", "Support");
        server.enqueue(Reply.json(503, BUSY), Reply.json(503, BUSY), Reply.json(200, agent));
        Recorder recorder = new Recorder();

        context(client(transport, b -> b.addListener(recorder))).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null);

        assertThat(recorder.events).containsExactly(
                "callStarted get_agent_route GET /v1/convai/agents/a1",
                "attemptStarted 1", "attemptEnded 1 503 ServerException",
                "retryScheduled after 1: HTTP 503",
                "attemptStarted 2", "attemptEnded 2 503 ServerException",
                "retryScheduled after 2: HTTP 503",
                "attemptStarted 3", "attemptEnded 3 200",
                "callEnded 3 200");
        assertThat(recorder.attempts.get(0).failure()).isInstanceOf(ServerException.class);
        AttemptInfo last = recorder.attempts.get(2);
        assertThat(last.responseBodyBytes()).isEqualTo(agent.getBytes(StandardCharsets.UTF_8).length);
        assertThat(last.requestBodyBytes()).isZero();
        assertThat(last.duration()).isPositive();
        assertThat(recorder.results.get(0).succeeded()).isTrue();
        assertThat(recorder.results.get(0).duration()).isGreaterThanOrEqualTo(last.duration());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void anAsyncCallThatFailsWith404ReportsWhyItWasNotRetriedAndTheBytesEachWay(String transport) throws Exception {
        server.enqueue(Reply.json(404, "{\"detail\":{\"status\":\"not_found\",\"message\":\"No such agent\"}}"));
        Recorder recorder = new Recorder();
        ApiRequest update = ApiRequest.builder(HttpMethod.PATCH, "/v1/convai/agents/{agent_id}")
                .operationId("patch_agent_settings_route").pathParam("agent_id", "a1")
                .jsonBody(JsonValue.from(java.util.Map.of("name", "New name")))
                .build();

        Throwable failure = catchThrowable(() -> context(client(transport, b -> b.addListener(recorder)))
                .executeAsync(update, ResponseHandlers.jsonValue(), null).get(10, TimeUnit.SECONDS));

        assertThat(failure).hasCauseInstanceOf(NotFoundException.class);
        CallResult result = recorder.results.get(0);
        assertThat(result.failure()).isInstanceOf(NotFoundException.class);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.statusCode()).isEqualTo(404);
        assertThat(result.notRetriedReason()).isEqualTo("not retryable");
        assertThat(result.failureRetryable()).isFalse();
        AttemptInfo attempt = recorder.attempts.get(0);
        assertThat(attempt.requestBodyBytes()).isEqualTo(server.received().get(0).body().length).isPositive();
        assertThat(attempt.responseBodyBytes()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aCompressedResponseCountsTheBytesOnTheWire(String transport) {
        byte[] plain = agentJson("a1", "Support".repeat(500)).getBytes(StandardCharsets.UTF_8);
        byte[] gzipped = CompressionTest.gzip(plain);
        server.enqueue(Reply.json(200, "").bytes(gzipped).header("Content-Encoding", "gzip"));
        Recorder recorder = new Recorder();

        context(client(transport, b -> b.addListener(recorder))).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null);

        assertThat(recorder.attempts.get(0).responseBodyBytes()).isEqualTo(gzipped.length).isLessThan(plain.length / 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aListenerThatThrowsIsLoggedAndIgnoredAndTheNextListenerStillHearsEverything(String transport) throws Exception {
        server.enqueue(Reply.json(503, BUSY), Reply.json(200, agentJson("a1", "Support")),
                Reply.json(200, agentJson("a1", "Support")));
        CallListener broken = new CallListener() {
            @Override
            public void callStarted(CallInfo call) {
                throw new IllegalStateException("broken listener, key " + API_KEY);
            }

            @Override
            public void attemptStarted(CallInfo call, int attempt) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void attemptEnded(AttemptInfo attempt) {
                throw new AssertionError("broken");
            }

            @Override
            public void retryScheduled(AttemptInfo failedAttempt, String reason, Duration delay) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void callEnded(CallResult result) {
                throw new IllegalStateException("broken");
            }
        };
        Recorder recorder = new Recorder();
        var context = context(client(transport, b -> b.addListener(broken).addListener(recorder)));

        LogCapture.start();
        JsonValue sync;
        JsonValue async;
        try {
            sync = context.execute(getAgent("a1"), ResponseHandlers.jsonValue(), null);
            async = context.executeAsync(getAgent("a1"), ResponseHandlers.jsonValue(), null).get(10, TimeUnit.SECONDS);
        } finally {
            List<LogCapture.Event> log = LogCapture.stop();
            assertThat(log).filteredOn(e -> e.level() == Level.WARN).extracting(LogCapture.Event::text)
                    .anySatisfy(t -> assertThat(t).contains("CallListener", ".callStarted threw, ignored"))
                    .anySatisfy(t -> assertThat(t).contains(".attemptEnded threw, ignored: java.lang.AssertionError"))
                    .allSatisfy(t -> assertThat(t).doesNotContain(API_KEY));
        }

        assertThat(sync.get("name").asString()).isEqualTo("Support");
        assertThat(async.get("name").asString()).isEqualTo("Support");
        assertThat(recorder.events).filteredOn(e -> e.startsWith("callEnded")).containsExactly("callEnded 2 200", "callEnded 1 200");
        assertThat(recorder.events).contains("retryScheduled after 1: HTTP 503");
    }
}
