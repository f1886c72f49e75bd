package io.github.convai4j.benchmarks;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long the suite measures: {@code full} fits the whole set in about 25 minutes on 2 cores; {@code smoke}
 * runs everything once with tiny iterations and 64 MiB transfers, to check that the suite works.
 *
 * @param name {@code full} or {@code smoke}
 * @param jmhOverride whether the JMH settings below replace the benchmarks' own annotations (smoke only)
 * @param warmups JMH warm-up iterations
 * @param measurements JMH measurement iterations
 * @param iterationMillis length of one JMH iteration
 * @param transferBytes size of each streamed transfer
 * @param transferRounds runs of each transfer
 * @param coldStartRounds launches of each cold-start combination
 * @param warmupRounds fresh JVMs per library in the warm-up benchmark
 */
record Settings(String name, boolean jmhOverride, int warmups, int measurements, int iterationMillis, long transferBytes,
        int transferRounds, int coldStartRounds, int warmupRounds) {

    static Settings named(String name) {
        return switch (name) {
            // JMH: the annotations of the benchmark classes (fork 1, warm-up 5 or 12 × 2 s, measurement 5 × 2 s).
            case "full" -> new Settings(name, false, 0, 0, 0, StreamingHarness.SIZE, 3, 10, 5);
            case "smoke" -> new Settings(name, true, 1, 1, 200, 64L << 20, 1, 1, 1);
            default -> throw new IllegalArgumentException("Settings are full or smoke, not " + name);
        };
    }

    ChainedOptionsBuilder apply(ChainedOptionsBuilder options) {
        if (!jmhOverride) {
            return options;
        }
        return options.warmupIterations(warmups).warmupTime(TimeValue.milliseconds(iterationMillis))
                .measurementIterations(measurements).measurementTime(TimeValue.milliseconds(iterationMillis));
    }

    /** The same as {@link #apply} for JMH's command line ({@code org.openjdk.jmh.Main}). */
    java.util.List<String> jmhArguments() {
        if (!jmhOverride) {
            return java.util.List.of();
        }
        return java.util.List.of("-wi", Integer.toString(warmups), "-w", iterationMillis + "ms",
                "-i", Integer.toString(measurements), "-r", iterationMillis + "ms");
    }

    String jmhDescription() {
        String iterations = jmhOverride
                ? "warm-up " + warmups + " × " + iterationMillis + " ms, measurement " + measurements + " × "
                        + iterationMillis + " ms"
                : "warm-up " + ClientOverheadBenchmark.GENERATED_CODE_WARMUPS + " × 2 s through generated code"
                        + " (client, generated codec) and 5 × 2 s otherwise, measurement 5 × 2 s";
        return "fork 1, " + iterations + ", heap 1 GiB; ± is JMH's error (99.9% confidence interval)";
    }
}
