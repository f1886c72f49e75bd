package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 5, footprint: the bytes of core's jar and its runtime dependencies, and of each transport with its
 * own; and the classes a fresh JVM loads to make one request ({@link ColdStartChild} with
 * {@code -Xlog:class+load}), by origin.
 */
final class FootprintHarness {

    /** The jars of one set: core alone, or core with a transport. */
    record Jars(String set, Map<String, Long> sizes) {
        long total() {
            return sizes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The classes loaded by one request, by origin, in the order the report shows them. */
    record Classes(String transport, String mode, Map<String, Integer> byOrigin) {
        int total() {
            return byOrigin.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    static final List<String> ORIGINS = List.of("convai4j core", "convai4j transport", "jackson-core", "slf4j",
            "HTTP library", "JDK", "harness");

    private final Path workDir;

    FootprintHarness(Path workDir) {
        this.workDir = workDir;
    }

    List<Jars> jars() throws IOException {
        List<Jars> sets = new ArrayList<>();
        sets.add(jarsOf("core", Classpath.library(null)));
        for (String transport : Transports.NAMES) {
            sets.add(jarsOf("core + " + transport, Classpath.library(transport)));
        }
        return sets;
    }

    private static Jars jarsOf(String set, List<Path> entries) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Path entry : entries) {
            if (!Files.isRegularFile(entry)) {
                throw new IllegalStateException(entry + " is not a jar: run the suite in the package phase"
                        + " (benchmarks/run.sh) so that the reactor's modules are packaged");
            }
            sizes.put(entry.getFileName().toString(), Files.size(entry));
        }
        return new Jars(set, sizes);
    }

    List<Classes> classes() throws IOException, InterruptedException {
        List<Classes> all = new ArrayList<>();
        Files.createDirectories(workDir);
        try (LoopbackServer server = LoopbackServer.start(1)) {
            for (String transport : Transports.NAMES) {
                for (String mode : List.of("client", "bare")) {
                    Path log = workDir.resolve("classes-" + transport + "-" + mode + ".log");
                    Files.deleteIfExists(log);
                    ChildJvm.Outcome out = ChildJvm.run(ChildJvm.java(
                            List.of("-Xlog:class+load=info:file=" + log + ":none"), Classpath.forChild(transport),
                            ColdStartChild.class, mode, transport, server.baseUrl()), 60);
                    out.lineStartingWith("DONE ");
                    all.add(new Classes(transport, mode, count(Files.readAllLines(log))));
                }
            }
        }
        return all;
    }

    /** Lines are {@code <class name> source: <where>}. */
    private static Map<String, Integer> count(List<String> lines) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String origin : ORIGINS) {
            counts.put(origin, 0);
        }
        for (String line : lines) {
            String name = line.trim();
            int space = name.indexOf(' ');
            if (space > 0) {
                name = name.substring(0, space);
            }
            if (!name.isEmpty()) {
                counts.merge(originOf(name), 1, Integer::sum);
            }
        }
        return counts;
    }

    static String originOf(String className) {
        if (className.startsWith("io.github.convai4j.benchmarks.")) {
            return "harness";
        }
        if (className.startsWith("io.github.convai4j.transport.")) {
            return "convai4j transport";
        }
        if (className.startsWith("io.github.convai4j.")) {
            return "convai4j core";
        }
        if (className.startsWith("com.fasterxml.jackson.")) {
            return "jackson-core";
        }
        if (className.startsWith("org.slf4j.")) {
            return "slf4j";
        }
        // The JDK transport's library is the JDK's own java.net.http module: counted as its HTTP library, not as
        // the rest of the JDK, so that the JDK column means the same for every transport.
        if (className.startsWith("org.apache.hc.") || className.startsWith("io.netty.")
                || className.startsWith("java.net.http.") || className.startsWith("jdk.internal.net.http.")) {
            return "HTTP library";
        }
        return "JDK";
    }
}
