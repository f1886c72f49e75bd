package io.github.convai4j.benchmarks;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One JMH result, reduced to what the report needs.
 *
 * @param benchmark the method name, e.g. {@code clientGet}
 * @param transport the {@code transport} parameter, or {@code null}
 * @param score the primary score
 * @param error JMH's error (half-width of the 99.9% confidence interval), NaN with too few iterations
 * @param unit the score's unit
 * @param allocBytesPerOp {@code gc.alloc.rate.norm}, or NaN without the GC profiler
 */
record Score(String benchmark, String transport, double score, double error, String unit, double allocBytesPerOp) {

    static List<Score> of(Collection<RunResult> results) {
        List<Score> scores = new ArrayList<>();
        for (RunResult run : results) {
            String label = run.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            Result<?> primary = run.getPrimaryResult();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            scores.add(new Score(method, run.getParams().getParam("transport"), primary.getScore(),
                    primary.getScoreError(), primary.getScoreUnit(), alloc != null ? alloc.getScore() : Double.NaN));
        }
        return scores;
    }

    static Score find(List<Score> scores, String benchmark, String transport) {
        for (Score s : scores) {
            if (s.benchmark.equals(benchmark) && (transport == null || transport.equals(s.transport))) {
                return s;
            }
        }
        throw new IllegalStateException("No result for " + benchmark + " " + transport);
    }

    /** The relative error of this score, 0 if JMH gave none. */
    double relativeError() {
        return Double.isNaN(error) || score == 0 ? 0 : error / score;
    }
}
