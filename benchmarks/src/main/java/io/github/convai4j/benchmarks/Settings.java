package io.github.convai4j.benchmarks;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long the suite measures: {@code full} fits the whole set in about 15 minutes on 2 cores; {@code smoke}
 * runs everything once with tiny iterations and 64 MiB transfers, to check that the suite works.
 *
 * @param name {@code full} or {@code smoke}
 * @param forks JMH forks per benchmark
 * @param warmups JMH warm-up iterations
 * @param measurements JMH measurement iterations
 * @param iterationMillis length of one JMH iteration
 * @param transferBytes size of each streamed transfer
 * @param transferRounds runs of each transfer
 * @param coldStartRounds launches of each cold-start combination
 */
record Settings(String name, int forks, int warmups, int measurements, int iterationMillis, long transferBytes,
        int transferRounds, int coldStartRounds) {

    static Settings named(String name) {
        return switch (name) {
            case "full" -> new Settings(name, 1, 4, 5, 1000, StreamingHarness.SIZE, 3, 10);
            case "smoke" -> new Settings(name, 1, 1, 1, 200, 64L << 20, 1, 1);
            default -> throw new IllegalArgumentException("Settings are full or smoke, not " + name);
        };
    }

    ChainedOptionsBuilder apply(ChainedOptionsBuilder options) {
        return options.forks(forks)
                .warmupIterations(warmups).warmupTime(TimeValue.milliseconds(iterationMillis))
                .measurementIterations(measurements).measurementTime(TimeValue.milliseconds(iterationMillis))
                .jvmArgs("-Xms1g", "-Xmx1g");
    }

    String jmhDescription() {
        return "fork " + forks + ", warm-up " + warmups + " × " + iterationMillis + " ms, measurement " + measurements
                + " × " + iterationMillis + " ms, heap 1 GiB; ± is JMH's error (99.9% confidence interval)";
    }
}
