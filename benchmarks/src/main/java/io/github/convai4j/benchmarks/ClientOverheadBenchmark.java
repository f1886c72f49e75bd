package io.github.convai4j.benchmarks;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.Transport;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.UpdateAgentRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1, client overhead: {@code agents().get(id)} and {@code agents().update(id, body)} through
 * {@link ConvaiClient} against the same requests through the bare {@link Transport} (pre-built, pre-serialized,
 * body drained), on the same transport instance, against the {@link LoopbackServer} answering with the 45 KB
 * fixture agent.
 *
 * <p>{@code *Get}/{@code *Update}: one caller, one request at a time. {@code *Get16}/{@code *Update16}: one
 * caller with 16 async requests in flight, joined; one operation is 16 requests. The client's async calls
 * decode on its own pool ({@code max(4, 2 × cores)} threads); the bare ones read the body on a pool of the
 * same size, because a transport's I/O thread must not block on a body.
 *
 * <p>Warm-up: 5 × 2 s, and {@value #GENERATED_CODE_WARMUPS} × 2 s for the client; measurement 5 × 2 s.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientOverheadBenchmark {

    /**
     * Warm-up iterations of the paths through generated code. The decoders of a full agent are some thousand
     * methods, each run a few times per request: they take about 20 s on this machine to be compiled by C2
     * (the bare transport is warm in a few seconds), and measuring earlier measures the JIT.
     */
    static final int GENERATED_CODE_WARMUPS = 12;

    /** Requests in flight in the concurrent benchmarks. */
    public static final int IN_FLIGHT = 16;

    @Param({"httpclient5", "netty", "jdk"})
    public String transport;

    private LoopbackServer server;
    private Transport wire;
    private ConvaiClient client;
    private UpdateAgentRequest update;
    private HttpRequest bareGet;
    private HttpRequest bareUpdate;
    private ThreadPoolExecutor bareReaders;

    @Setup(Level.Trial)
    public void start() {
        server = LoopbackServer.start(2);
        wire = Transports.create(transport);
        // The bare requests ask for no compression, so the client does not either: this compares the
        // client's own work. CompressionBenchmark measures compression.
        client = ConvaiClient.builder().apiKey(BareRequests.API_KEY).baseUrl(server.baseUrl()).transport(wire)
                .compression(false).build();
        update = AgentFixture.update();
        bareGet = BareRequests.get(server.baseUrl(), wire.name());
        bareUpdate = BareRequests.update(server.baseUrl(), wire.name(), AgentFixture.updateBytes());
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        bareReaders = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        wire.close();
        bareReaders.shutdownNow();
        server.close();
    }

    @Benchmark
    @Warmup(iterations = GENERATED_CODE_WARMUPS, time = 2)
    public GetAgentResponse clientGet() {
        return client.agents().get(AgentFixture.AGENT_ID);
    }

    @Benchmark
    public long bareGet() throws IOException {
        return BareRequests.drain(wire.execute(bareGet));
    }

    @Benchmark
    @Warmup(iterations = GENERATED_CODE_WARMUPS, time = 2)
    public GetAgentResponse clientUpdate() {
        return client.agents().update(AgentFixture.AGENT_ID, update);
    }

    @Benchmark
    public long bareUpdate() throws IOException {
        return BareRequests.drain(wire.execute(bareUpdate));
    }

    @Benchmark
    @Warmup(iterations = GENERATED_CODE_WARMUPS, time = 2)
    public Object clientGet16() {
        CompletableFuture<?>[] calls = new CompletableFuture<?>[IN_FLIGHT];
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls[i] = client.async().agents().get(AgentFixture.AGENT_ID);
        }
        return CompletableFuture.allOf(calls).join();
    }

    @Benchmark
    public Object bareGet16() {
        return bare16(bareGet);
    }

    @Benchmark
    @Warmup(iterations = GENERATED_CODE_WARMUPS, time = 2)
    public Object clientUpdate16() {
        CompletableFuture<?>[] calls = new CompletableFuture<?>[IN_FLIGHT];
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls[i] = client.async().agents().update(AgentFixture.AGENT_ID, update);
        }
        return CompletableFuture.allOf(calls).join();
    }

    @Benchmark
    public Object bareUpdate16() {
        return bare16(bareUpdate);
    }

    private Object bare16(HttpRequest request) {
        CompletableFuture<?>[] calls = new CompletableFuture<?>[IN_FLIGHT];
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls[i] = wire.executeAsync(request).thenApplyAsync(response -> {
                try {
                    return BareRequests.drain(response);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, bareReaders);
        }
        return CompletableFuture.allOf(calls).join();
    }
}
