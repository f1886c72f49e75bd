package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 4, cold start: a fresh JVM to the first completed request ({@link ColdStartChild}), through the
 * client and through the bare transport, per transport. The time is the parent's wall clock from starting the
 * process to reading the child's {@code DONE} line: JVM start-up, class loading, building the transport (and
 * client), the request and decoding its 45 KB response. Runs interleave every combination, {@code rounds} times;
 * with the code before issue 14 as well, each round runs that version's transports (client and bare) too, the two
 * versions' blocks in alternating order.
 */
final class ColdStartHarness {

    /**
     * One cold start.
     *
     * @param version {@value ConvaiApi#BEFORE} or {@value ConvaiApi#AFTER}
     */
    record Run(String transport, String mode, String version, long nanos) {
        Run(String transport, String mode, long nanos) {
            this(transport, mode, ConvaiApi.AFTER, nanos);
        }
    }

    private final int rounds;
    private final List<ApiVersion> versions;

    /**
     * @param versions the versions to run, {@link ApiVersion#after()} among them
     */
    ColdStartHarness(int rounds, List<ApiVersion> versions) {
        this.rounds = rounds;
        this.versions = versions;
    }

    List<Run> run() throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        try (LoopbackServer server = LoopbackServer.start(1)) {
            // One launch of each version first, not counted: it brings the JDK's and the jars' files into the page cache.
            for (ApiVersion version : versions) {
                once(server, version, Transports.NAMES.get(0), "client");
            }
            for (int round = 1; round <= rounds; round++) {
                runs.add(new Run("none", "jvm", once(server, ApiVersion.after(), Transports.NAMES.get(0), "jvm")));
                for (ApiVersion version : WarmupHarness.rotated(versions, round - 1)) {
                    // The "build" mode only gives this tree's table its scale; the comparison needs client and bare.
                    List<String> modes = version.isBefore() ? List.of("client", "bare") : List.of("client", "bare", "build");
                    for (String transport : version.transports()) {
                        for (String mode : modes) {
                            runs.add(new Run(transport, mode, version.name(), once(server, version, transport, mode)));
                        }
                    }
                }
            }
        }
        return runs;
    }

    private static long once(LoopbackServer server, ApiVersion version, String transport, String mode)
            throws IOException, InterruptedException {
        ChildJvm.Outcome out = ChildJvm.run(ChildJvm.java(version.jvmOptions(), version.childClasspath(transport, List.of()),
                ColdStartChild.class, mode, transport, server.baseUrl()), 60);
        out.lineStartingWith("DONE ");
        return out.firstLineNanos();
    }
}
