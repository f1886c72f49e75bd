package io.github.convai4j.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The codecs' JMH runs happen in JVMs of their own; the suite reads their results back from JMH's JSON. */
class ScoreTest {

    /** Two benchmarks as JMH 1.37 writes them with -rf json and -prof gc (trimmed to what the suite reads and a bit more). */
    private static final String JMH_JSON = """
            [
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "io.github.convai4j.benchmarks.CodecBenchmark.decodeGenerated",
                    "mode" : "avgt",
                    "threads" : 1,
                    "forks" : 1,
                    "params" : { "api" : "before" },
                    "primaryMetric" : {
                        "score" : 195.5,
                        "scoreError" : 12.25,
                        "scoreConfidence" : [ 183.25, 207.75 ],
                        "scoreUnit" : "us/op"
                    },
                    "secondaryMetrics" : {
                        "gc.alloc.rate" : { "score" : 1400.0, "scoreError" : "NaN", "scoreUnit" : "MB/sec" },
                        "gc.alloc.rate.norm" : { "score" : 287104.0, "scoreError" : "NaN", "scoreUnit" : "B/op" }
                    }
                },
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "io.github.convai4j.benchmarks.CodecBenchmark.decodeDatabindTree",
                    "mode" : "avgt",
                    "params" : { "api" : "before" },
                    "primaryMetric" : { "score" : 97.0, "scoreError" : "NaN", "scoreUnit" : "us/op" },
                    "secondaryMetrics" : { }
                }
            ]
            """;

    @Test
    void readsTheScoreErrorAllocationAndApiOfEachBenchmarkFromJmhJson() throws IOException {
        List<Score> scores = Score.fromJson(new ObjectMapper().readTree(JMH_JSON));

        assertThat(scores).hasSize(2);
        Score generated = Score.findFor(scores, "decodeGenerated", ConvaiApi.BEFORE);
        assertThat(generated.score()).isEqualTo(195.5);
        assertThat(generated.error()).isEqualTo(12.25);
        assertThat(generated.unit()).isEqualTo("us/op");
        assertThat(generated.allocBytesPerOp()).isEqualTo(287104.0);
        assertThat(generated.transport()).isNull();
        Score databind = Score.findFor(scores, "decodeDatabindTree", ConvaiApi.BEFORE);
        assertThat(databind.error()).isNaN();
        assertThat(databind.relativeError()).isZero();
        assertThat(databind.allocBytesPerOp()).isNaN();
    }

    @Test
    void aResultWithoutTheApiParameterIsThisTreesAndAnotherVersionsIsNotFoundForIt() throws IOException {
        List<Score> scores = Score.fromJson(new ObjectMapper().readTree(JMH_JSON));
        Score unparameterised = new Score("encodeGenerated", null, null, 1, 0, "us/op", 1);

        assertThat(Score.findFor(List.of(unparameterised), "encodeGenerated", ConvaiApi.AFTER)).isSameAs(unparameterised);
        assertThatThrownBy(() -> Score.findFor(scores, "decodeGenerated", ConvaiApi.AFTER))
                .hasMessageContaining("decodeGenerated on after");
    }
}
