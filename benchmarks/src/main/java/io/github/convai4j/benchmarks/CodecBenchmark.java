package io.github.convai4j.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convai4j.internal.Codecs;
import io.github.convai4j.json.Json;
import io.github.convai4j.models.agents.GetAgentResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 2, codecs: the 45 KB fixture agent decoded from and encoded to bytes by the generated codec
 * ({@code GetAgentResponse.codec()} on {@link Json#factory()}, as the client does it), against what a user
 * would otherwise write: jackson-databind's {@code readTree} into a {@link JsonNode} tree and
 * {@code writeValueAsBytes} of that tree. Run with JMH's GC profiler for bytes allocated per operation.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {

    private byte[] json;
    private GetAgentResponse agent;
    private ObjectMapper mapper;
    private JsonNode tree;

    @Setup
    public void load() throws IOException {
        json = AgentFixture.agentJson();
        agent = AgentFixture.agent();
        mapper = new ObjectMapper();
        tree = mapper.readTree(json);
    }

    @Benchmark
    @Warmup(iterations = ClientOverheadBenchmark.GENERATED_CODE_WARMUPS, time = 2)
    public GetAgentResponse decodeGenerated() throws IOException {
        try (JsonParser parser = Json.factory().createParser(json)) {
            parser.nextToken();
            return GetAgentResponse.codec().read(parser);
        }
    }

    @Benchmark
    public JsonNode decodeDatabindTree() throws IOException {
        return mapper.readTree(json);
    }

    @Benchmark
    @Warmup(iterations = ClientOverheadBenchmark.GENERATED_CODE_WARMUPS, time = 2)
    public byte[] encodeGenerated() {
        // What the client does with a JSON request body.
        return Json.toBytes(GetAgentResponse.codec(), agent);
    }

    @Benchmark
    public byte[] encodeDatabindTree() throws IOException {
        return mapper.writeValueAsBytes(tree);
    }
}
