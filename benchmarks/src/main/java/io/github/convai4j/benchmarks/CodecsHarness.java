package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 2, codecs, for each version: {@link CodecBenchmark} run by JMH in a JVM of its own whose class path
 * has that version's jars (JMH's forks inherit it), with {@code -p api=<version>}. Each run measures databind too,
 * so that each version's ratios are of two results taken minutes apart on the same machine.
 */
final class CodecsHarness {

    private final Settings settings;
    private final Path results;

    CodecsHarness(Settings settings, Path results) {
        this.settings = settings;
        this.results = results;
    }

    List<Score> run(List<ApiVersion> versions) throws IOException, InterruptedException {
        List<Score> scores = new ArrayList<>();
        for (ApiVersion version : versions) {
            // This tree's file keeps the name it always had.
            Path out = results.resolve(version.isBefore() ? "codecs-jmh-before.json" : "codecs-jmh.json");
            Files.deleteIfExists(out);
            List<String> args = new ArrayList<>(List.of(CodecBenchmark.class.getName() + "\\.", "-p",
                    "api=" + version.name(), "-prof", "gc", "-rf", "json", "-rff", out.toString()));
            args.addAll(settings.jmhArguments());
            // No options of its own: JMH gives its forks the options of the JVM that runs it, then the benchmark's.
            System.out.println("  " + version + ": JMH in a JVM of its own on that version's jars");
            ChildJvm.run(ChildJvm.java(List.of(), version.jmhClasspath(), org.openjdk.jmh.Main.class,
                    args.toArray(String[]::new)), 3600, true);
            List<Score> read = Score.fromJson(out);
            if (read.isEmpty()) {
                throw new IllegalStateException("JMH wrote no results to " + out);
            }
            scores.addAll(read);
        }
        return scores;
    }
}
