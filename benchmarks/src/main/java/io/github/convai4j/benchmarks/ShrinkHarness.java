package io.github.convai4j.benchmarks;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Issue 14's shrink measure, for each version: the shrink check's agents app
 * ({@code shrink-check/src/main/java/.../AgentsApp.java}: {@code agents().get} and {@code agents().update} on the
 * HttpClient 5 transport, found by ServiceLoader) compiled against that version's jars (its source compiles
 * unchanged against both), shrunk by ProGuard with its entry point and the consumer rules the jars carry, names kept
 * and optimizer off (as the issue measured 7ea44c3, and as the shrink check's measured run does), then run against
 * the loopback server: a shrunk app that fails fails the benchmark. The code before issue 14 ships no consumer
 * rules; it gets the ones it needs, this tree's rule files for core and the HttpClient 5 transport (their
 * {@code src/main/resources/META-INF/proguard/}).
 *
 * <p>ProGuard runs in a JVM of its own, from the class path in {@value #PROGUARD_CLASSPATH} (written by the
 * benchmarks profile of this module's pom; ProGuard brings Kotlin, which never reaches the suite's own class path).
 */
final class ShrinkHarness {

    /** One version's agents app, shrunk: core's jar before and after ProGuard. */
    record Run(String version, ClassFiles core, ClassFiles kept) {
    }

    static final String APP = "io.github.convai4j.shrinkcheck.AgentsApp";
    /** ProGuard's class path, written by the benchmarks profile (maven-dependency-plugin, provided scope). */
    static final String PROGUARD_CLASSPATH = "benchmarks/target/proguard-classpath.txt";
    private static final String TRANSPORT = "httpclient5";

    private final Path root;
    private final Path workDir;

    ShrinkHarness(Path root, Path workDir) {
        this.root = root;
        this.workDir = workDir;
    }

    List<Run> run(List<ApiVersion> versions) throws IOException, InterruptedException {
        Path classpathFile = root.resolve(PROGUARD_CLASSPATH);
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("The shrink part runs ProGuard from the class path in " + classpathFile
                    + ", which the benchmarks profile of benchmarks/pom.xml writes: run it through benchmarks/run.sh");
        }
        String proguard = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
        List<Run> runs = new ArrayList<>();
        try (LoopbackServer server = LoopbackServer.start(1)) {
            for (ApiVersion version : versions) {
                runs.add(once(version, proguard, server));
            }
        }
        return runs;
    }

    private Run once(ApiVersion version, String proguard, LoopbackServer server) throws IOException, InterruptedException {
        Path dir = workDir.resolve(version.name());
        Baseline.deleteRecursively(dir);
        Path classes = dir.resolve("app-classes");
        Path out = dir.resolve("out");
        Path rules = dir.resolve("rules");
        Files.createDirectories(classes);
        Files.createDirectories(out);
        Files.createDirectories(rules);
        List<Path> library = version.library(TRANSPORT);
        compileApp(library, classes);

        List<String> config = new ArrayList<>();
        config.add("# Written by the shrink part of benchmarks/run.sh (ShrinkHarness), " + version + ".");
        config.add("-injars " + quote(classes));
        Path appJar = out.resolve("app.jar");
        config.add("-outjars " + quote(appJar));
        List<Path> outputs = new ArrayList<>();
        List<String> includes = new ArrayList<>();
        Path coreIn = library.get(0);
        Path coreOut = null;
        for (int i = 0; i < library.size(); i++) {
            Path input = library.get(i);
            Path output = out.resolve(String.format("%02d-%s", i + 1, input.getFileName()));
            outputs.add(output);
            if (Classpath.artifactName(input).startsWith("convai4j-core")) {
                coreIn = input;
                coreOut = output;
            }
            // What a Java 8 or Android app sees of a multi-release jar: its base classes.
            config.add("-injars " + quote(input) + "(!META-INF/versions/**,!module-info.class)");
            config.add("-outjars " + quote(output));
            for (String[] file : consumerRules(input)) {
                Path copy = rules.resolve(String.format("%02d-%s", i + 1, Path.of(file[0]).getFileName()));
                Files.writeString(copy, file[1], StandardCharsets.UTF_8);
                includes.add("-include " + quote(copy));
            }
        }
        if (coreOut == null) {
            throw new IllegalStateException("No convai4j-core jar among " + library);
        }
        if (version.isBefore()) {
            // Its jars ship no rules; it gets this tree's core and HttpClient 5 rules, which depend on nothing
            // issue 14 changed (ServiceLoader discovery, HttpClient 5's optional dependencies): the same files,
            // not a copy that could drift.
            includes.add("# The rules the code before issue 14 needs (its jars ship none): this tree's own.");
            includes.add("-include " + quote(root.resolve("core/src/main/resources/META-INF/proguard/convai4j-core.pro")));
            includes.add("-include " + quote(root.resolve(
                    "transport-httpclient/src/main/resources/META-INF/proguard/convai4j-transport-httpclient.pro")));
        }
        Path javaBase = Path.of(System.getProperty("java.home"), "jmods", "java.base.jmod");
        if (!Files.isRegularFile(javaBase)) {
            throw new IllegalStateException("ProGuard needs the JDK's jmods as its library and " + javaBase
                    + " does not exist: run on a full JDK");
        }
        config.add("-libraryjars " + quote(javaBase) + "(!**.jar;!module-info.class)");
        config.add("-keep public class " + APP + " { public static void main(java.lang.String[]); }");
        config.addAll(includes);
        config.add("-dontobfuscate");
        config.add("-dontoptimize");
        config.add("-dontnote");
        Path configFile = dir.resolve("proguard.pro");
        Files.write(configFile, config, StandardCharsets.UTF_8);

        long start = System.nanoTime();
        Path log = dir.resolve("proguard.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", proguard, "proguard.ProGuard", "@" + configFile)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(900, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("ProGuard took more than 900 s; its log: " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("ProGuard failed (exit " + process.exitValue() + ") on " + configFile
                    + "; its log: " + log);
        }
        System.out.printf("  %s: ProGuard took %d s%n", version, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));

        // The shrunk app must work: it reads the fixture agent and writes it back through the loopback server.
        List<Path> runPath = new ArrayList<>(List.of(appJar));
        runPath.addAll(outputs);
        ChildJvm.Outcome app = ChildJvm.run(ChildJvm.javaCommand(List.of("-Xmx64m"), Baseline.join(runPath), APP,
                server.baseUrl(), BareRequests.API_KEY, AgentFixture.AGENT_ID), 120);
        app.lineStartingWith("get: " + AgentFixture.AGENT_ID + " named ");
        app.lineStartingWith("update: " + AgentFixture.AGENT_ID + " named ");

        Run run = new Run(version.name(), ClassFiles.of(coreIn), ClassFiles.of(coreOut));
        System.out.println("  " + describe(run));
        return run;
    }

    static String describe(Run run) {
        return String.format("%s: core kept %,d of %,d classes, %,d of %,d methods, %,d of %,d deflated bytes",
                run.version(), run.kept().classes(), run.core().classes(), run.kept().methods(), run.core().methods(),
                run.kept().deflatedBytes(), run.core().deflatedBytes());
    }

    private void compileApp(List<Path> library, Path classes) throws IOException {
        Path source = root.resolve("shrink-check/src/main/java/" + APP.replace('.', '/') + ".java");
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException("The shrink part compiles the shrink check's app, and " + source
                    + " does not exist");
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "8", "-nowarn", "-proc:none", "-d", classes.toString(),
                "-cp", Baseline.join(library), source.toString());
        if (status != 0) {
            throw new IllegalStateException(source + " does not compile against " + library + " (javac's errors above)");
        }
    }

    /**
     * The consumer rules a jar carries for ProGuard, as the shrink check reads them: the files in
     * {@code META-INF/com.android.tools/proguard/} when the jar has that folder, else those in {@code META-INF/proguard/}.
     */
    static List<String[]> consumerRules(Path jar) throws IOException {
        List<String[]> legacy = new ArrayList<>();
        List<String[]> androidTools = new ArrayList<>();
        if (!Files.isRegularFile(jar)) {
            return legacy;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                boolean isLegacy = name.startsWith("META-INF/proguard/") && name.indexOf('/', 18) < 0;
                boolean isAndroid = name.startsWith("META-INF/com.android.tools/proguard/") && name.indexOf('/', 36) < 0;
                if (!entry.isDirectory() && (isLegacy || isAndroid)) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        String[] file = {name, new String(in.readAllBytes(), StandardCharsets.UTF_8)};
                        (isLegacy ? legacy : androidTools).add(file);
                    }
                }
            }
        }
        return androidTools.isEmpty() ? legacy : androidTools;
    }

    private static String quote(Path path) {
        return "'" + path.toAbsolutePath() + "'";
    }
}
