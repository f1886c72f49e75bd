package io.github.convai4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a process (a child JVM running a harness main, or curl), collects its stdout lines and, while it
 * runs, polls its peak RSS. Stderr is inherited so that a failure shows.
 */
final class ChildJvm {

    /**
     * What a finished process left.
     *
     * @param lines its stdout
     * @param peakRssKb the highest VmHWM seen while it ran, -1 if none was seen
     * @param firstLineNanos from the start of the process to its first line on stdout
     */
    record Outcome(List<String> lines, long peakRssKb, long firstLineNanos) {
        String lineStartingWith(String prefix) {
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new IllegalStateException("The child printed no line starting with " + prefix + ": " + lines);
        }
    }

    private ChildJvm() {
    }

    /** The command of a JVM like this one running {@code mainClass} on {@code classpath}. */
    static List<String> java(List<String> jvmOptions, String classpath, Class<?> mainClass, String... args) {
        return javaCommand(jvmOptions, classpath, mainClass.getName(), args);
    }

    /** The same, for a main class this JVM does not have (e.g. an app compiled by the suite). */
    static List<String> javaCommand(List<String> jvmOptions, String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a command to its end; fails if it exits non-zero or outlives {@code timeoutSeconds}. */
    static Outcome run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        return run(command, timeoutSeconds, false);
    }

    /**
     * Runs a command to its end, printing its stdout as it comes if {@code echo} (a long child, such as a JMH run,
     * shows its progress); fails if it exits non-zero or outlives {@code timeoutSeconds}.
     */
    static Outcome run(List<String> command, int timeoutSeconds, boolean echo) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        long[] firstLine = {-1};
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (lines) {
                        if (lines.isEmpty()) {
                            firstLine[0] = System.nanoTime() - start;
                        }
                        lines.add(line);
                    }
                    if (echo) {
                        System.out.println("    " + line);
                    }
                }
            } catch (IOException ignored) {
                // The process went away; its exit code tells.
            }
        }, "child-stdout");
        reader.start();
        long peak = -1;
        // VmHWM only grows, so the last reading before the exit is the peak (to within one poll interval).
        while (!process.waitFor(10, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, ProcStatus.peakRssKb(process.pid()));
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out after " + timeoutSeconds + " s: " + command);
            }
        }
        reader.join();
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Exit code " + process.exitValue() + " from " + command + "; output "
                    + lines);
        }
        synchronized (lines) {
            return new Outcome(List.copyOf(lines), peak, firstLine[0]);
        }
    }
}
