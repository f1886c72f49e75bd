package io.github.convai4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One JMH result, reduced to what the report needs.
 *
 * @param benchmark the method name, e.g. {@code clientGet}
 * @param transport the {@code transport} parameter, or {@code null}
 * @param api the {@code api} parameter (whose code: {@value ConvaiApi#BEFORE} or {@value ConvaiApi#AFTER}), or
 *     {@code null} for a benchmark without one (this tree's code)
 * @param score the primary score
 * @param error JMH's error (half-width of the 99.9% confidence interval), NaN with too few iterations
 * @param unit the score's unit
 * @param allocBytesPerOp {@code gc.alloc.rate.norm}, or NaN without the GC profiler
 */
record Score(String benchmark, String transport, String api, double score, double error, String unit,
        double allocBytesPerOp) {

    static List<Score> of(Collection<RunResult> results) {
        List<Score> scores = new ArrayList<>();
        for (RunResult run : results) {
            String label = run.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            Result<?> primary = run.getPrimaryResult();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            scores.add(new Score(method, run.getParams().getParam("transport"), run.getParams().getParam("api"),
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                    alloc != null ? alloc.getScore() : Double.NaN));
        }
        return scores;
    }

    /**
     * Reads the results JMH wrote with {@code -rf json} (a JMH run in a JVM of its own, as the codecs' before and
     * after runs are): an array of benchmarks, each with its {@code params}, {@code primaryMetric} and, with
     * {@code -prof gc}, {@code secondaryMetrics."gc.alloc.rate.norm"}. JMH writes a NaN as the string "NaN".
     */
    static List<Score> fromJson(Path file) throws IOException {
        return fromJson(new ObjectMapper().readTree(file.toFile()));
    }

    static List<Score> fromJson(JsonNode results) {
        List<Score> scores = new ArrayList<>();
        for (JsonNode run : results) {
            String label = run.path("benchmark").asText();
            JsonNode params = run.path("params");
            JsonNode primary = run.path("primaryMetric");
            JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
            scores.add(new Score(label.substring(label.lastIndexOf('.') + 1), text(params.get("transport")),
                    text(params.get("api")), number(primary.get("score")), number(primary.get("scoreError")),
                    primary.path("scoreUnit").asText(), number(alloc.get("score"))));
        }
        return scores;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static double number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Double.NaN;
        }
        return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asText());
    }

    static Score find(List<Score> scores, String benchmark, String transport) {
        for (Score s : scores) {
            if (s.benchmark.equals(benchmark) && (transport == null || transport.equals(s.transport))) {
                return s;
            }
        }
        throw new IllegalStateException("No result for " + benchmark + " " + transport);
    }

    /** The result of {@code benchmark} on the code of {@code api}; a result without the parameter counts as this tree's. */
    static Score findFor(List<Score> scores, String benchmark, String api) {
        for (Score s : scores) {
            if (s.benchmark.equals(benchmark) && Objects.equals(api, s.api == null ? ConvaiApi.AFTER : s.api)) {
                return s;
            }
        }
        throw new IllegalStateException("No result for " + benchmark + " on " + api);
    }

    /** The relative error of this score, 0 if JMH gave none. */
    double relativeError() {
        return Double.isNaN(error) || score == 0 ? 0 : error / score;
    }
}
