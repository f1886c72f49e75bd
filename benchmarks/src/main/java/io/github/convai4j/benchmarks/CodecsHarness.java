package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 2, codecs, for each version: {@link CodecBenchmark} run by JMH in a JVM of its own whose class path
 * has that version's jars (JMH's forks inherit it), with {@code -p api=<version>}. One JMH run per benchmark method
 * and version, the versions alternating (which goes first alternates too), so that noise on the machine hits both
 * versions' runs of a method alike; each version's databind rows are measured on its own class path, so that each
 * version's ratios are of results taken minutes apart.
 */
final class CodecsHarness {

    static final List<String> METHODS = List.of("decodeGenerated", "decodeDatabindTree", "encodeGenerated",
            "encodeDatabindTree");

    private final Settings settings;
    private final Path results;

    CodecsHarness(Settings settings, Path results) {
        this.settings = settings;
        this.results = results;
    }

    List<Score> run(List<ApiVersion> versions) throws IOException, InterruptedException {
        List<Score> scores = new ArrayList<>();
        for (int i = 0; i < METHODS.size(); i++) {
            String method = METHODS.get(i);
            for (ApiVersion version : WarmupHarness.rotated(versions, i)) {
                Path out = results.resolve("codecs-jmh-" + version.name() + "-" + method + ".json");
                Files.deleteIfExists(out);
                List<String> args = new ArrayList<>(List.of(CodecBenchmark.class.getName() + "\\." + method + "$",
                        "-p", "api=" + version.name(), "-prof", "gc", "-rf", "json", "-rff", out.toString()));
                args.addAll(settings.jmhArguments());
                System.out.println("  " + method + ", " + version + ": JMH in a JVM of its own on that version's jars");
                // No options of its own: JMH gives its forks the options of the JVM that runs it, then the benchmark's.
                ChildJvm.run(ChildJvm.java(List.of(), version.jmhClasspath(), org.openjdk.jmh.Main.class,
                        args.toArray(String[]::new)), 3600, true);
                List<Score> read = Score.fromJson(out);
                if (read.size() != 1) {
                    throw new IllegalStateException("JMH wrote " + read.size() + " results to " + out + ", not 1");
                }
                scores.addAll(read);
            }
        }
        return scores;
    }
}
