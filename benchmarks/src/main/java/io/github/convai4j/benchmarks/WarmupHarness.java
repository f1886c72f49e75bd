package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 6, warm-up: {@link WarmupChild} in fresh JVMs, the generated codec and jackson-databind's
 * {@code readTree} alternating (which goes first alternates too), {@code rounds} times. Both children get the same
 * class path (core, jackson-core, jackson-databind, the harness) and the same JVM options.
 */
final class WarmupHarness {

    /** One fresh JVM: the mean time of its first decodes and of the rest, in nanoseconds. */
    record Run(String library, int round, long firstNanos, long restNanos) {
    }

    static final List<String> LIBRARIES = List.of("convai4j", "databind");

    private final int rounds;

    WarmupHarness(int rounds) {
        this.rounds = rounds;
    }

    List<Run> run() throws IOException, InterruptedException {
        String classpath = classpath();
        // One launch first, not counted: it brings the JDK's and the jars' files into the page cache.
        once(classpath, "convai4j");
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = round % 2 == 1 ? LIBRARIES : List.of(LIBRARIES.get(1), LIBRARIES.get(0));
            for (String library : order) {
                String[] done = once(classpath, library);
                Run run = new Run(library, round, Long.parseLong(done[1]), Long.parseLong(done[2]));
                System.out.println("  " + describe(run));
                runs.add(run);
            }
        }
        return runs;
    }

    static String describe(Run run) {
        return String.format("round %d, %s: first %,d decodes %,.0f µs each, decodes %,d to %,d %,.0f µs each",
                run.round(), run.library(), WarmupChild.FIRST, run.firstNanos() / 1e3, WarmupChild.FIRST + 1,
                WarmupChild.DECODES, run.restNanos() / 1e3);
    }

    private static String[] once(String classpath, String library) throws IOException, InterruptedException {
        ChildJvm.Outcome out = ChildJvm.run(ChildJvm.java(List.of("-Xms256m", "-Xmx256m"), classpath,
                WarmupChild.class, library), 300);
        return out.lineStartingWith("DONE ").split(" ");
    }

    /** Core's runtime, jackson-databind (and its annotations), the harness classes and a NOP SLF4J provider. */
    private static String classpath() {
        List<Path> entries = new ArrayList<>(Classpath.library(null));
        entries.addAll(Classpath.select(List.of("jackson-databind", "jackson-annotations", "benchmarks", "slf4j-nop")));
        StringBuilder sb = new StringBuilder();
        for (Path p : entries) {
            sb.append(sb.length() == 0 ? "" : java.io.File.pathSeparator).append(p);
        }
        return sb.toString();
    }
}
