package io.github.convai4j.transport.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.convai4j.androidcheck.Allowlist;
import io.github.convai4j.androidcheck.AllowlistEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests the "never loaded on Android" claims of {@code android-api-26-allowlist.txt}: runs the transport the
 * Android way (every call on the classic client) in a JVM of its own that logs each class it loads, and checks
 * that no class the allowlist names was loaded. The same workload the JVM's way (async client) must load the I/O
 * reactor, which shows that the log sees what the check looks for.
 */
class AndroidPathClassLoadingTest {
    /** Loaded on the classic path; their entries are about one method that path never calls (see the allowlist). */
    private static final Set<String> LOADED_BUT_METHOD_UNUSED = Set.of(
            "org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy",
            "org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider");

    @TempDir
    Path dir;

    private Set<String> loadedClasses(String mode) throws IOException, InterruptedException {
        Path log = dir.resolve(mode + "-classes.log");
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-Xlog:class+load=info:file=" + log,
                "-cp", System.getProperty("java.class.path"), AndroidPathWorkload.class.getName(), mode)
                .redirectErrorStream(true).redirectOutput(dir.resolve(mode + ".out").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the workload finished").isTrue();
        assertThat(p.exitValue()).as("the workload's exit code; output: %s",
                Files.readString(dir.resolve(mode + ".out"))).isZero();
        Set<String> loaded = new HashSet<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int end = line.indexOf(" source:");
            int start = line.indexOf("] ", line.indexOf("class,load")) + 2;
            if (end > start) {
                loaded.add(line.substring(start, end).trim());
            }
        }
        return loaded;
    }

    @Test
    void theAndroidWayLoadsNoClassThatTheAllowlistSaysAndroidNeverReaches() throws Exception {
        Set<String> loaded = loadedClasses("android");
        assertThat(loaded).as("the workload ran on the classic client")
                .contains(SocketOperator.class.getName(), "org.apache.hc.client5.http.impl.classic.InternalHttpClient");

        List<String> reached = new ArrayList<>();
        for (AllowlistEntry e : Allowlist.read(Paths.get(System.getProperty("convai4j.android.allowlist"))).entries()) {
            if (loaded.contains(e.className()) && !LOADED_BUT_METHOD_UNUSED.contains(e.className())) {
                reached.add(e.className() + " (allowlist line " + e.line() + ")");
            }
        }
        assertThat(reached).as("classes the allowlist says Android never loads, loaded on the Android path").isEmpty();
    }

    @Test
    void theJvmWayLoadsTheIoReactorSoTheLogSeesWhatTheCheckLooksFor() throws Exception {
        assertThat(loadedClasses("jvm")).contains("org.apache.hc.core5.reactor.SingleCoreIOReactor",
                "org.apache.hc.core5.util.ReflectionUtils");
    }
}
