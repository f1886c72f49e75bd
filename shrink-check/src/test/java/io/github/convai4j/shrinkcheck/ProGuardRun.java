package io.github.convai4j.shrinkcheck;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Shrinks and obfuscates one app with ProGuard as an app's build would: the app's classes and every jar of its
 * run-time class path are program input, the JDK's {@code java.base} is the library, and the only rules are the
 * app's entry point and the consumer rules the jars carry. Each input jar gets an output jar of its own, so that
 * what is left of core can be counted by jar.
 *
 * <p>ProGuard runs in a JVM of its own, from the test JVM's class path (where surefire put it; it is not a
 * dependency of this module, see the pom).
 */
final class ProGuardRun {

    /** Seconds ProGuard may take before the check gives up on it. */
    private static final long TIMEOUT_SECONDS = 300;

    private final Path directory;
    private final Map<Path, Path> outputs;
    private final Path appOutput;
    private final String log;

    private ProGuardRun(Path directory, Map<Path, Path> outputs, Path appOutput, String log) {
        this.directory = directory;
        this.outputs = outputs;
        this.appOutput = appOutput;
        this.log = log;
    }

    /**
     * Shrinks the app whose entry point is {@code mainClass}.
     *
     * @param name a name for the work folder, e.g. {@code agents}
     * @param whyAreYouKeeping a ProGuard class specification to explain, or empty for none
     * @param optimize whether ProGuard's optimizer runs too
     * @param obfuscate whether ProGuard renames (the check's own runs do; a run that only measures what is kept
     *                  may keep the names, as the issue's baseline was measured)
     */
    static ProGuardRun shrink(String name, String mainClass, String whyAreYouKeeping, boolean optimize,
            boolean obfuscate) {
        Path directory = BuildOutputs.workDirectory().resolve(name);
        Path out = directory.resolve("out");
        Path rules = directory.resolve("rules");
        try {
            deleteRecursively(directory);
            Files.createDirectories(out);
            Files.createDirectories(rules);
            List<String> config = new ArrayList<>();
            config.add("# Written by the shrink check (shrink-check/src/test); the consumer rules come from the jars.");
            Path appOutput = out.resolve("app.jar");
            config.add("-injars " + quote(BuildOutputs.appClasses()));
            config.add("-outjars " + quote(appOutput));
            Map<Path, Path> outputs = new LinkedHashMap<>();
            List<String> includes = new ArrayList<>();
            int index = 0;
            for (Path input : BuildOutputs.appClassPath()) {
                index++;
                Path output = out.resolve(String.format("%02d-%s", index, jarName(input)));
                outputs.put(input, output);
                // What a Java 8 or Android app sees of a multi-release jar: its base classes.
                config.add("-injars " + quote(input) + "(!META-INF/versions/**,!module-info.class)");
                config.add("-outjars " + quote(output));
                for (Map.Entry<String, String> file : ConsumerRules.forProGuard(input).entrySet()) {
                    Path copy = rules.resolve(String.format("%02d-%s", index, Paths.get(file.getKey()).getFileName()));
                    Files.write(copy, file.getValue().getBytes(StandardCharsets.UTF_8));
                    includes.add("# " + file.getKey() + " in " + input.getFileName());
                    includes.add("-include " + quote(copy));
                }
            }
            config.add("-libraryjars " + quote(javaBase()) + "(!**.jar;!module-info.class)");
            config.add("");
            config.add("# The app's entry point: the only rule of the app's own.");
            config.add("-keep public class " + mainClass + " { public static void main(java.lang.String[]); }");
            config.add("");
            config.addAll(includes);
            config.add("");
            config.add("-printmapping " + quote(directory.resolve("mapping.txt")));
            config.add("-dontnote");
            if (!optimize) {
                config.add("-dontoptimize");
            }
            if (!obfuscate) {
                config.add("-dontobfuscate");
            }
            if (!whyAreYouKeeping.isEmpty()) {
                config.add("-whyareyoukeeping " + whyAreYouKeeping);
            }
            Path configFile = directory.resolve("proguard.pro");
            Files.write(configFile, config, StandardCharsets.UTF_8);

            Path logFile = directory.resolve("proguard.log");
            Process process = new ProcessBuilder(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    "proguard.ProGuard", "@" + configFile)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ProGuard took more than " + TIMEOUT_SECONDS + " s; its log: " + logFile);
            }
            String log = Files.readString(logFile, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("ProGuard failed (exit " + process.exitValue() + ") on " + configFile
                        + ". A \"can't find referenced class\" warning means a jar's consumer rules lack a -dontwarn"
                        + " (or the app a library jar). Its output:\n" + log);
            }
            return new ProGuardRun(directory, outputs, appOutput, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run ProGuard in " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while ProGuard ran", e);
        }
    }

    /** The shrunk jar that came from {@code input}. */
    Path outputOf(Path input) {
        Path output = outputs.get(input);
        if (output == null) {
            throw new IllegalArgumentException(input + " was not an input of this run");
        }
        return output;
    }

    /** The class path that runs the shrunk app: its own jar, then every shrunk jar. */
    String classPath() {
        List<String> entries = new ArrayList<>();
        entries.add(appOutput.toString());
        outputs.values().forEach(p -> entries.add(p.toString()));
        return String.join(File.pathSeparator, entries);
    }

    Path directory() {
        return directory;
    }

    /** What ProGuard printed (with -whyareyoukeeping, its explanations). */
    String log() {
        return log;
    }

    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path javaBase() {
        Path jmod = Paths.get(System.getProperty("java.home"), "jmods", "java.base.jmod");
        if (!Files.isRegularFile(jmod)) {
            throw new IllegalStateException("The shrink check needs the JDK's jmods as ProGuard's library and " + jmod
                    + " does not exist: run the build on a full JDK (e.g. a JDK 17 with jmods; a JRE has none)");
        }
        return jmod;
    }

    private static String jarName(Path input) {
        String name = input.getFileName().toString();
        if (name.endsWith(".jar")) {
            return name;
        }
        // A classes directory (a build that stopped before packaging): name it after its module.
        Path module = input.toAbsolutePath().getParent() == null ? null : input.toAbsolutePath().getParent().getParent();
        return (module == null ? name : module.getFileName() + "-" + name) + ".jar";
    }

    private static String quote(Path path) {
        return "'" + path.toAbsolutePath() + "'";
    }

    private static void deleteRecursively(Path directory) throws IOException {
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
