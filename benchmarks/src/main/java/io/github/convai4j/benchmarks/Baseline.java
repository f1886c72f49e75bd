package io.github.convai4j.benchmarks;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The "before" of issue 14: the code at commit {@value #DEFAULT_COMMIT} (or the one {@code -Dbenchmarks.baseline}
 * names, {@code CONVAI4J_BASELINE} in run.sh), built from this clone's git history into
 * {@code benchmarks/target/baseline-<commit>/} ({@code git archive}, then that tree's own Maven wrapper:
 * {@code package} of core and its two transports of the time, no tests, and each module's run-time class path as that
 * build resolved it), and {@code BaselineApi}, the adapter the harnesses call it through, compiled against its jars.
 * A finished build is reused by the next run (the tree at a commit does not change).
 *
 * <p>A maintainer tool: it needs git and the history (a shallow clone lacks the commit; {@code git fetch
 * --unshallow}). The baseline's build needs no API spec ({@code package} without tests); the spec setting is
 * pointed at the one beside this checkout all the same, since the extracted tree has no {@code ../shared} beside it.
 */
final class Baseline {

    /** Main before issue 14: the commit whose figures the issue quotes. */
    static final String DEFAULT_COMMIT = "7ea44c3";
    /** The baseline's modules the harnesses need. */
    static final List<String> MODULES = List.of("core", "transport-httpclient", "transport-netty");
    /** The transports the baseline has (no JDK transport before issue 15). */
    static final List<String> TRANSPORTS = List.of("httpclient5", "netty");

    private static final String CLASSPATH_FILE = "target/runtime-classpath.txt";
    private static final String BUILT_MARKER = "baseline-built.txt";

    private final String commit;
    private final Path tree;
    private final Path adapterClasses;

    private Baseline(String commit, Path tree) {
        this.commit = commit;
        this.tree = tree;
        this.adapterClasses = tree.resolve("benchmarks-adapter/classes");
    }

    /** The commit to build: {@code -Dbenchmarks.baseline}, else {@value #DEFAULT_COMMIT}. */
    static String requestedCommit() {
        String value = System.getProperty("benchmarks.baseline", "").trim();
        return value.isEmpty() ? DEFAULT_COMMIT : value;
    }

    /**
     * Builds the baseline (or reuses the build a previous run left) and compiles its adapter.
     *
     * @param root the root of this checkout
     */
    static Baseline prepare(Path root, String requested) throws IOException, InterruptedException {
        String commit = resolve(root, requested);
        Path tree = root.resolve("benchmarks/target/baseline-" + commit.substring(0, 12));
        Baseline baseline = new Baseline(commit, tree);
        Path marker = tree.resolve(BUILT_MARKER);
        if (Files.isRegularFile(marker) && Files.readString(marker).trim().equals(commit)) {
            System.out.println("  baseline " + requested + " (" + commit.substring(0, 12) + "): reusing the build in "
                    + tree);
        } else {
            long start = System.nanoTime();
            System.out.println("  baseline " + requested + " (" + commit.substring(0, 12) + "): building core and "
                    + String.join(", ", MODULES.subList(1, MODULES.size())) + " in " + tree + " (a few minutes)");
            deleteRecursively(tree);
            Files.createDirectories(tree);
            Path archive = tree.resolveSibling(tree.getFileName() + ".tar");
            run(root, List.of("git", "archive", "--format=tar", "--output=" + archive, commit), 120);
            run(tree, List.of("tar", "-xf", archive.toString()), 120);
            Files.delete(archive);
            List<String> mvn = new ArrayList<>(List.of(tree.resolve("mvnw").toString(), "-B", "-q",
                    "-pl", String.join(",", MODULES), "-am", "package", "dependency:build-classpath",
                    "-DincludeScope=runtime", "-Dmdep.outputFile=" + CLASSPATH_FILE, "-DskipTests",
                    "-Dmaven.javadoc.skip=true", "-Dmaven.source.skip=true"));
            Path spec = root.resolveSibling("shared").resolve("spec");
            if (Files.isDirectory(spec)) {
                mvn.add("-Dconvai4j.spec.dir=" + spec);
            }
            if (Boolean.getBoolean("benchmarks.offline")) {
                mvn.add("-o");
            }
            try {
                run(tree, mvn, 1800);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("Building the baseline " + requested + " failed in " + tree + " ("
                        + e.getMessage() + "). Its build is its own: it may need its dependencies in ~/.m2 (run once"
                        + " without -o) or, for another commit than " + DEFAULT_COMMIT + ", the API spec at " + spec
                        + (Files.isDirectory(spec) ? "" : " (absent)"), e);
            }
            Files.writeString(marker, commit + "\n");
            System.out.printf("  baseline built in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        }
        baseline.compileAdapter(root);
        return baseline;
    }

    String commit() {
        return commit;
    }

    /** The built jar of a baseline module, e.g. {@code core}. */
    Path jar(String module) {
        Path target = tree.resolve(module).resolve("target");
        Path jar = target.resolve("convai4j-" + module + "-0.1.0-SNAPSHOT.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("convai4j-" + module + "-.*\\.jar")
                    && !p.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("The baseline build left no jar in " + target));
        } catch (IOException e) {
            throw new IllegalStateException("The baseline build left no " + target, e);
        }
    }

    /**
     * What a user's application of that time had for core and, unless null, one transport: the module's jar and its
     * run-time class path as the baseline's build resolved it.
     */
    List<Path> library(String transport) throws IOException {
        String module = transport == null ? "core" : switch (transport) {
            case "httpclient5" -> "transport-httpclient";
            case "netty" -> "transport-netty";
            default -> throw new IllegalArgumentException("The baseline has no transport " + transport);
        };
        List<Path> entries = new ArrayList<>();
        entries.add(jar(module));
        String classpath = Files.readString(tree.resolve(module).resolve(CLASSPATH_FILE), StandardCharsets.UTF_8).trim();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                Path p = Path.of(entry);
                // A reactor module may appear as its classes directory rather than its jar: use the jar.
                entries.add(p.endsWith("target/classes") ? jar(p.getParent().getParent().getFileName().toString()) : p);
            }
        }
        return entries.stream().distinct().toList();
    }

    /** The classes of {@code BaselineApi}, compiled against the baseline's jars. */
    Path adapterClasses() {
        return adapterClasses;
    }

    private void compileAdapter(Path root) throws IOException {
        Path source = root.resolve("benchmarks/src/baseline/java/io/github/convai4j/benchmarks/baseline/BaselineApi.java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("The suite compiles the baseline's adapter and needs a JDK, not a JRE");
        }
        deleteRecursively(adapterClasses);
        Files.createDirectories(adapterClasses);
        List<Path> classpath = new ArrayList<>(library("httpclient5"));
        classpath.addAll(library("netty"));
        classpath.addAll(Classpath.select(List.of("benchmarks")));
        int status = javac.run(null, null, null, "-d", adapterClasses.toString(), "-proc:none", "-nowarn",
                "-cp", join(classpath), source.toString());
        if (status != 0) {
            throw new IllegalStateException("BaselineApi does not compile against the baseline " + commit
                    + " (javac's errors above): adapt benchmarks/src/baseline/java to that commit's API");
        }
    }

    static String join(List<Path> entries) {
        StringBuilder sb = new StringBuilder();
        for (Path p : entries) {
            sb.append(sb.length() == 0 ? "" : File.pathSeparator).append(p);
        }
        return sb.toString();
    }

    private static String resolve(Path root, String requested) throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--verify", "--quiet",
                    requested + "^{commit}").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("The before/after benchmarks build the baseline " + requested
                    + " from git history, and git is not installed", e);
        }
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (git.waitFor() != 0 || !out.matches("[0-9a-f]{40}")) {
            throw new IllegalStateException("The before/after benchmarks build the baseline " + requested
                    + " from git history, and " + root + " has no such commit: run them in a clone with its full"
                    + " history (git fetch --unshallow), or name another commit with CONVAI4J_BASELINE=<commit>");
        }
        return out;
    }

    private static void run(Path directory, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + " from " + String.join(" ", command));
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) walk.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(p);
            }
        }
    }
}
