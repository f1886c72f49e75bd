package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.internal.ResponseContext;
import io.github.convai4j.internal.ResponseHandler;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.it.FaultServer.Reply;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.agents.GetAgentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ClientOptions.executor(...)}: async calls decode their responses and complete their futures on the
 * user's executor (never on a transport I/O thread or the client's own pool), on success, on an error
 * status and after a retry; and closing the client leaves the executor running.
 */
class UserExecutorTest extends RuntimeTestSupport {

    /** Long enough that a callback attached right after the call is attached before the response is in. */
    private static final Duration LATENCY = Duration.ofMillis(300);

    private final AtomicInteger tasks = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "user-executor-" + tasks.get());
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private ConvaiClient client(String transport, List<String> ran) {
        return client(transport, b -> b.executor(task -> {
            tasks.incrementAndGet();
            pool.execute(() -> {
                ran.add(Thread.currentThread().getName());
                task.run();
            });
        }));
    }

    /** Records the thread that decodes, then decodes as JSON. */
    private static ResponseHandler<JsonValue> recordingThread(List<String> decodedOn) {
        ResponseHandler<JsonValue> json = ResponseHandlers.jsonValue();
        return new ResponseHandler<JsonValue>() {
            @Override
            public String accept() {
                return json.accept();
            }

            @Override
            public JsonValue handle(HttpResponse response, ResponseContext context) throws IOException {
                decodedOn.add(Thread.currentThread().getName());
                return json.handle(response, context);
            }
        };
    }

    private static String completionThread(CompletableFuture<?> future) throws Exception {
        CompletableFuture<String> thread = future.handle((value, failure) -> Thread.currentThread().getName());
        return thread.get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void asyncCallsDecodeAndCompleteOnTheUsersExecutor(String transport) throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        ConvaiClient client = client(transport, ran);
        server.enqueue(
                Reply.json(200, agentJson("a1", "Support")).delay(LATENCY),
                Reply.json(200, agentJson("a2", "Sales")).delay(LATENCY),
                Reply.json(404, "{\"detail\":{\"status\":\"agent_not_found\",\"message\":\"No agent a3\"}}").delay(LATENCY),
                Reply.json(503, "{\"detail\":\"busy\"}"),
                Reply.json(200, agentJson("a4", "Retried")).delay(LATENCY));

        // A generated service method.
        CompletableFuture<GetAgentResponse> typed = client.async().agents().get("a1");
        String typedCompletedOn = completionThread(typed);
        assertThat(typed.get().name()).isEqualTo("Support");

        // The runtime with a handler that notes where it decodes.
        List<String> decodedOn = new CopyOnWriteArrayList<>();
        CompletableFuture<JsonValue> raw = context(client).executeAsync(getAgent("a2"), recordingThread(decodedOn), null);
        String rawCompletedOn = completionThread(raw);
        assertThat(raw.get().get("name").asString()).isEqualTo("Sales");

        // An error status completes the future exceptionally, there too.
        CompletableFuture<GetAgentResponse> missing = client.async().agents().get("a3");
        String missingCompletedOn = completionThread(missing);
        assertThat(missing).isCompletedExceptionally();
        assertThatThrownBy(missing::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(NotFoundException.class);

        // And after a retry (the second attempt is started from the client's retry timer).
        CompletableFuture<GetAgentResponse> retried = client.async().agents().get("a4");
        String retriedCompletedOn = completionThread(retried);
        assertThat(retried.get().name()).isEqualTo("Retried");

        assertThat(List.of(typedCompletedOn, rawCompletedOn, missingCompletedOn, retriedCompletedOn))
                .as("threads that completed the futures").allMatch(name -> name.startsWith("user-executor-"));
        assertThat(decodedOn).singleElement().satisfies(name -> assertThat(name).startsWith("user-executor-"));
        assertThat(tasks.get()).as("tasks handed to the user's executor").isGreaterThanOrEqualTo(4);
        assertThat(ran).hasSize(tasks.get());
        assertThat(server.received()).hasSize(5);

        client.close();
        assertThat(pool.isShutdown()).as("the client must not shut down an executor it was given").isFalse();
        assertThat(pool.submit(() -> "still running").get(5, TimeUnit.SECONDS)).isEqualTo("still running");
    }
}
