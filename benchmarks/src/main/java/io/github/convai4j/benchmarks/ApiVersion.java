package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One side of the before/after comparison of issue 14: which convai4j jars a child JVM gets, and which
 * {@link ConvaiApi} adapter it calls them through. {@link #after()} is this tree (the jars Maven resolved for this
 * module); {@link #before(Baseline)} is the baseline built from git. Everything else on a child's class path (the
 * harness, jackson-databind, JMH, the SLF4J provider) is the same on both sides.
 */
final class ApiVersion {

    private final String name;
    private final Baseline baseline;

    private ApiVersion(String name, Baseline baseline) {
        this.name = name;
        this.baseline = baseline;
    }

    static ApiVersion after() {
        return new ApiVersion(ConvaiApi.AFTER, null);
    }

    static ApiVersion before(Baseline baseline) {
        return new ApiVersion(ConvaiApi.BEFORE, baseline);
    }

    /** {@value ConvaiApi#BEFORE} or {@value ConvaiApi#AFTER}. */
    String name() {
        return name;
    }

    boolean isBefore() {
        return baseline != null;
    }

    /** The transports this side has. */
    List<String> transports() {
        return isBefore() ? Baseline.TRANSPORTS : Transports.NAMES;
    }

    /** The options that make a child JVM call this side's adapter. */
    List<String> jvmOptions() {
        return List.of("-D" + ConvaiApi.PROPERTY + "=" + name);
    }

    /** Core's jar with its run-time dependencies and, unless null, a transport's. */
    List<Path> library(String transport) {
        if (!isBefore()) {
            return Classpath.library(transport);
        }
        try {
            return baseline.library(transport);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the baseline's class path", e);
        }
    }

    /** Core's jar. */
    Path coreJar() {
        for (Path p : library(null)) {
            if (Classpath.artifactName(p).startsWith("convai4j-core")) {
                return p;
            }
        }
        throw new IllegalStateException("No convai4j-core jar on the " + name + " side: " + library(null)
                + " (run the suite in the package phase, through benchmarks/run.sh)");
    }

    /** The class path of a child that runs the harness on this side's core and {@code transport} (may be null). */
    String childClasspath(String transport, List<String> alsoFromThisModule) {
        List<Path> entries = new ArrayList<>(library(transport));
        entries.addAll(Classpath.select(alsoFromThisModule));
        entries.addAll(harness());
        return Baseline.join(entries.stream().distinct().toList());
    }

    /**
     * The class path of a JMH run of this side: this module's whole class path (JMH, databind, the harness), with
     * convai4j's jars and their dependencies swapped for this side's.
     */
    String jmhClasspath() {
        if (!isBefore()) {
            return System.getProperty("java.class.path");
        }
        List<Path> replacement = library(null);
        Set<String> replaced = new HashSet<>(List.of("convai4j-core", "core", "convai4j-transport-httpclient",
                "transport-httpclient", "convai4j-transport-netty", "transport-netty", "convai4j-transport-jdk",
                "transport-jdk"));
        for (Path p : replacement) {
            replaced.add(withoutVersion(Classpath.artifactName(p)));
        }
        List<Path> entries = new ArrayList<>(replacement);
        entries.add(baseline.adapterClasses());
        for (Path p : Classpath.entries()) {
            if (!replaced.contains(withoutVersion(Classpath.artifactName(p)))) {
                entries.add(p);
            }
        }
        return Baseline.join(entries);
    }

    /** {@code jackson-core-2.22.4} is {@code jackson-core}. */
    static String withoutVersion(String artifactName) {
        return artifactName.replaceFirst("-\\d.*$", "");
    }

    /** The adapter (before only), the harness classes and a NOP SLF4J provider. */
    private List<Path> harness() {
        List<Path> entries = new ArrayList<>();
        if (isBefore()) {
            entries.add(baseline.adapterClasses());
        }
        entries.addAll(Classpath.select(List.of("benchmarks", "slf4j-nop")));
        return entries;
    }

    @Override
    public String toString() {
        return isBefore() ? name + " (" + baseline.commit().substring(0, 7) + ")" : name;
    }
}
