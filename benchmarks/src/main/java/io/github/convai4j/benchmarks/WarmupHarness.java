package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 6, warm-up: {@link WarmupChild} in fresh JVMs: the generated codec of each version (this tree's, and
 * the code before issue 14 when the run compares them) and jackson-databind's {@code readTree}, {@code rounds}
 * times, interleaved (the order rotates every round, so that each kind of JVM goes first as often). Every child gets
 * the same JVM options and the same class path but for convai4j's jars and the adapter of its version.
 */
final class WarmupHarness {

    /**
     * One fresh JVM: the mean time of its first decodes and of the rest, in nanoseconds.
     *
     * @param library {@code convai4j} or {@code databind}
     * @param version for convai4j, {@value ConvaiApi#BEFORE} or {@value ConvaiApi#AFTER}; empty for databind
     */
    record Run(String library, String version, int round, long firstNanos, long restNanos) {
    }

    static final List<String> LIBRARIES = List.of("convai4j", "databind");

    private final int rounds;
    private final List<ApiVersion> versions;

    /**
     * @param versions the convai4j versions to run, {@link ApiVersion#after()} among them
     */
    WarmupHarness(int rounds, List<ApiVersion> versions) {
        this.rounds = rounds;
        this.versions = versions;
    }

    List<Run> run() throws IOException, InterruptedException {
        // What each round runs: each version's codec, then databind (on this tree's class path; it uses no convai4j).
        List<ApiVersion> kinds = new ArrayList<>(versions);
        kinds.add(null);
        // One launch first, not counted: it brings the JDK's and the jars' files into the page cache.
        for (ApiVersion v : versions) {
            once(v, "convai4j");
        }
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (ApiVersion kind : rotated(kinds, round - 1)) {
                String[] done = once(kind, kind == null ? "databind" : "convai4j");
                Run run = new Run(kind == null ? "databind" : "convai4j", kind == null ? "" : kind.name(), round,
                        Long.parseLong(done[1]), Long.parseLong(done[2]));
                System.out.println("  " + describe(run));
                runs.add(run);
            }
        }
        return runs;
    }

    /** {@code list} rotated left by {@code by}: every element goes first once in {@code list.size()} rounds. */
    static <T> List<T> rotated(List<T> list, int by) {
        List<T> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(list.get((i + by) % list.size()));
        }
        return out;
    }

    static String describe(Run run) {
        return String.format("round %d, %s: first %,d decodes %,.0f µs each, decodes %,d to %,d %,.0f µs each",
                run.round(), run.library() + (run.version().isEmpty() ? "" : " " + run.version()), WarmupChild.FIRST,
                run.firstNanos() / 1e3, WarmupChild.FIRST + 1, WarmupChild.DECODES, run.restNanos() / 1e3);
    }

    private static String[] once(ApiVersion version, String library) throws IOException, InterruptedException {
        ApiVersion side = version == null ? ApiVersion.after() : version;
        List<String> options = new ArrayList<>(List.of("-Xms256m", "-Xmx256m"));
        options.addAll(side.jvmOptions());
        ChildJvm.Outcome out = ChildJvm.run(ChildJvm.java(options,
                side.childClasspath(null, List.of("jackson-databind", "jackson-annotations")), WarmupChild.class,
                library), 300);
        return out.lineStartingWith("DONE ").split(" ");
    }
}
