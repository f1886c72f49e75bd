package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 4, cold start: a fresh JVM to the first completed request ({@link ColdStartChild}), through the
 * client and through the bare transport, per transport. The time is the parent's wall clock from starting the
 * process to reading the child's {@code DONE} line: JVM start-up, class loading, building the transport (and
 * client), the request and decoding its 45 KB response. Runs interleave every combination, {@code rounds} times.
 */
final class ColdStartHarness {

    /** One cold start. */
    record Run(String transport, String mode, long nanos) {
    }

    private final int rounds;

    ColdStartHarness(int rounds) {
        this.rounds = rounds;
    }

    List<Run> run() throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        try (LoopbackServer server = LoopbackServer.start(1)) {
            // One launch first, not counted: it brings the JDK's and the jars' files into the page cache.
            once(server, Transports.NAMES.get(0), "client");
            for (int round = 1; round <= rounds; round++) {
                runs.add(new Run("none", "jvm", once(server, Transports.NAMES.get(0), "jvm")));
                for (String transport : Transports.NAMES) {
                    for (String mode : List.of("client", "bare", "build")) {
                        runs.add(new Run(transport, mode, once(server, transport, mode)));
                    }
                }
            }
        }
        return runs;
    }

    private static long once(LoopbackServer server, String transport, String mode)
            throws IOException, InterruptedException {
        ChildJvm.Outcome out = ChildJvm.run(ChildJvm.java(List.of(), Classpath.forChild(transport),
                ColdStartChild.class, mode, transport, server.baseUrl()), 60);
        out.lineStartingWith("DONE ");
        return out.firstLineNanos();
    }
}
