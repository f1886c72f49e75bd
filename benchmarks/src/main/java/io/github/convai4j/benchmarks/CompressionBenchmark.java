package io.github.convai4j.benchmarks;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.http.Transport;
import io.github.convai4j.models.agents.GetAgentResponse;
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

import java.util.concurrent.TimeUnit;

/**
 * Response compression: {@code agents().get(id)} of the 45 KB fixture agent with compression on (the
 * default: the {@link LoopbackServer} answers with the gzipped agent, about 7 KB, which the client inflates
 * as it decodes) and off (the 45 KB as is), side by side on the same transport. On loopback the wire costs
 * almost nothing, so this measures what inflating costs the client; what it saves is the bytes on the wire
 * ({@link AgentFixture#agentJsonGzip()} against {@link AgentFixture#agentJson()}), which count on a real
 * network. Run by hand (it is not part of {@code benchmarks/run.sh}): see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = ClientOverheadBenchmark.GENERATED_CODE_WARMUPS, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompressionBenchmark {

    @Param({"httpclient5", "netty"})
    public String transport;

    @Param({"true", "false"})
    public boolean compression;

    private LoopbackServer server;
    private Transport wire;
    private ConvaiClient client;

    @Setup(Level.Trial)
    public void start() {
        server = LoopbackServer.start(1);
        wire = Transports.create(transport);
        client = ConvaiClient.builder().apiKey(BareRequests.API_KEY).baseUrl(server.baseUrl()).transport(wire)
                .compression(compression).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        wire.close();
        server.close();
    }

    @Benchmark
    public GetAgentResponse clientGet() {
        return client.agents().get(AgentFixture.AGENT_ID);
    }
}
