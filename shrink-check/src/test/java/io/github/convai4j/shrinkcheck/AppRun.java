package io.github.convai4j.shrinkcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of a shrunk app, in a JVM of its own: its exit status and what it printed. */
record AppRun(int exitCode, List<String> lines, String stderr) {

    private static final long TIMEOUT_SECONDS = 60;

    static AppRun of(ProGuardRun shrunk, String mainClass, String... args) {
        Path stdout = shrunk.directory().resolve("app-stdout.txt");
        Path stderr = shrunk.directory().resolve("app-stderr.txt");
        List<String> command = new ArrayList<>(List.of(ProGuardRun.java(), "-Xmx64m", "-cp", shrunk.classPath(),
                mainClass));
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The shrunk app " + mainClass + " did not end within " + TIMEOUT_SECONDS
                        + " s; its output: " + stdout + ", " + stderr);
            }
            return new AppRun(process.exitValue(), Files.readAllLines(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run the shrunk app " + mainClass, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while the shrunk app ran", e);
        }
    }

    /** For assertion messages: everything the app printed. */
    String describe() {
        return "exit " + exitCode + "\n--- stdout\n" + String.join("\n", lines) + "\n--- stderr\n" + stderr;
    }
}
