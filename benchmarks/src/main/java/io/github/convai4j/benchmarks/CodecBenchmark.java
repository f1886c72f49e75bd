package io.github.convai4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 2, codecs: the 45 KB fixture agent decoded from and encoded to bytes by the generated codec
 * ({@code GetAgentResponse.codec()} on {@code Json.factory()}, as the client does it), against what a user
 * would otherwise write: jackson-databind's {@code readTree} into a {@link JsonNode} tree and
 * {@code writeValueAsBytes} of that tree. Run with JMH's GC profiler for bytes allocated per operation.
 *
 * <p>The generated codec is that of the version {@link #api} names, through its {@link ConvaiApi} adapter: the suite
 * runs this class in a JVM with that version's jars on the class path ({@code -p api=before} with the code before
 * issue 14), so that before and after are measured by the same code.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {

    /** Whose generated code: {@link ConvaiApi#AFTER} (this tree) or {@link ConvaiApi#BEFORE}, on its own class path. */
    @Param(ConvaiApi.AFTER)
    public String api;

    private ConvaiApi codec;
    private byte[] json;
    private Object agent;
    private ObjectMapper mapper;
    private JsonNode tree;

    @Setup
    public void load() throws IOException {
        codec = ConvaiApi.forVersion(api);
        json = AgentJson.bytes();
        agent = codec.decodeAgent(json);
        mapper = new ObjectMapper();
        tree = mapper.readTree(json);
    }

    @Benchmark
    @Warmup(iterations = ClientOverheadBenchmark.GENERATED_CODE_WARMUPS, time = 2)
    public Object decodeGenerated() throws IOException {
        return codec.decodeAgent(json);
    }

    @Benchmark
    public JsonNode decodeDatabindTree() throws IOException {
        return mapper.readTree(json);
    }

    @Benchmark
    @Warmup(iterations = ClientOverheadBenchmark.GENERATED_CODE_WARMUPS, time = 2)
    public byte[] encodeGenerated() {
        // What the client does with a JSON request body.
        return codec.encodeAgent(agent);
    }

    @Benchmark
    public byte[] encodeDatabindTree() throws IOException {
        return mapper.writeValueAsBytes(tree);
    }
}
