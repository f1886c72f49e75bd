package io.github.convai4j.webhooks;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code post_call_audio} event of tens of megabytes is verified and read in a JVM whose whole heap is
 * smaller than the event's audio, and the handler gets the audio intact; the same body read by a reader that
 * holds the audio string runs out of memory there. (Measured in a JVM of its own so that the heap limit is the
 * test's, not the test runner's.)
 */
class PostCallAudioHeapTest {

    static final long AUDIO_BYTES = 48L * 1024 * 1024;  // a 64 MiB body
    static final String HEAP = "-Xmx24m";

    @Test
    void streamsAFortyEightMebibyteRecordingThroughATwentyFourMebibyteHeap() throws Exception {
        Result result = probe();
        assertThat(result.output).contains("OK");
        assertThat(result.exitCode).isZero();
        Matcher peak = Pattern.compile("peak-heap-bytes=(\\d+)").matcher(result.output);
        assertThat(peak.find()).isTrue();
        long peakBytes = Long.parseLong(peak.group(1));
        assertThat(peakBytes).as("peak heap while reading a %d-byte recording", AUDIO_BYTES)
                .isLessThan(AUDIO_BYTES / 2);
    }

    @Test
    void theSameBodyHeldAsOneStringDoesNotFitThatHeap() throws Exception {
        Result result = probe("--control");
        assertThat(result.output).contains("OutOfMemoryError");
        assertThat(result.exitCode).isEqualTo(3);
    }

    private static Result probe(String... extra) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add(HEAP);
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(classpath);
        command.add(AudioEventHeapProbe.class.getName());
        command.add(Long.toString(AUDIO_BYTES));
        for (String e : extra) {
            command.add(e);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
            }
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println("probe " + String.join(" ", extra) + ": " + output.toString().trim());
        return new Result(process.exitValue(), output.toString());
    }

    private static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
