package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Benchmark 3, streaming: a 1 GiB multipart upload and a 1 GiB download through the client on each transport,
 * in a child JVM with {@code -Xmx64m} ({@link StreamingChild}), against curl doing the same transfer to the same
 * {@link LoopbackServer}. Every transfer is checked: the server checksums the uploaded file part, the child the
 * downloaded body. Runs interleave the tools, {@code rounds} times; the report takes medians.
 *
 * <p>For profiling and diagnosis, two environment variables change the client JVMs (the report's heading
 * says so when they are set): {@code CONVAI4J_STREAMING_JVM_OPTIONS}, options added to each child's command
 * line (e.g. {@code -XX:TieredStopAtLevel=1}, or {@code -XX:StartFlightRecording=...}), and
 * {@code CONVAI4J_STREAMING_WARMUPS}, a number of untimed transfers each child makes before the timed one,
 * so that the timed one runs on compiled code.
 */
final class StreamingHarness {

    static final long SIZE = 1L << 30;
    /** Extra options of the client JVMs, from {@code CONVAI4J_STREAMING_JVM_OPTIONS}; usually none. */
    static final List<String> CHILD_OPTIONS = childOptions();
    /** Untimed transfers before the timed one, from {@code CONVAI4J_STREAMING_WARMUPS}; usually 0. */
    static final int WARMUPS = warmups();

    /**
     * One transfer.
     *
     * @param loadAverage the machine's load average (1 minute) when the transfer started
     */
    record Run(String direction, String tool, long bytes, long nanos, long peakRssKb, double loadAverage) {
        double mibPerSecond() {
            return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
        }
    }

    private final Path workDir;
    private final int rounds;
    private final long size;

    StreamingHarness(Path workDir, int rounds, long size) {
        this.workDir = workDir;
        this.rounds = rounds;
        this.size = size;
    }

    List<Run> run() throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        Files.createDirectories(workDir);
        Path file = workDir.resolve("upload.bin");
        long crc = writeUploadFile(file, size);
        try (LoopbackServer server = LoopbackServer.start(2)) {
            for (int round = 1; round <= rounds; round++) {
                for (String tool : tools()) {
                    runs.add(upload(server, tool, file, crc));
                    runs.add(download(server, tool));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return runs;
    }

    private static List<String> tools() {
        List<String> tools = new ArrayList<>(Transports.NAMES);
        tools.add("curl");
        return tools;
    }

    private Run upload(LoopbackServer server, String tool, Path file, long crc)
            throws IOException, InterruptedException {
        String url = server.baseUrl() + "/v1/convai/conversations/conv_bench/files";
        double load = loadAverage();
        Run run;
        if (tool.equals("curl")) {
            ChildJvm.Outcome out = ChildJvm.run(List.of("curl", "-sS", "--fail", "-o", "/dev/null",
                    "-w", "CURL %{time_total}\n", "-H", "xi-api-key: " + BareRequests.API_KEY,
                    "-F", "file=@" + file + ";type=application/octet-stream", url), 600);
            run = new Run("upload", tool, size, curlNanos(out), out.peakRssKb(), load);
        } else {
            ChildJvm.Outcome out = ChildJvm.run(child(tool, "upload", server.baseUrl(), file.toString()), 600);
            String[] result = out.lineStartingWith("RESULT ").split(" ");
            run = new Run("upload", tool, size, Long.parseLong(result[3]),
                    Math.max(out.peakRssKb(), Long.parseLong(result[4])), load);
        }
        UploadLog.Upload seen = server.uploads().take();
        if (seen == null || seen.fileBytes() != size || seen.crc32() != crc) {
            throw new IllegalStateException(tool + " upload arrived as " + seen + "; expected " + size
                    + " bytes with CRC-32 " + crc);
        }
        return run;
    }

    private Run download(LoopbackServer server, String tool) throws IOException, InterruptedException {
        double load = loadAverage();
        if (tool.equals("curl")) {
            String url = server.baseUrl() + "/v1/convai/conversations/conv_bench/audio?bytes=" + size;
            ChildJvm.Outcome out = ChildJvm.run(List.of("curl", "-sS", "--fail", "-o", "/dev/null",
                    "-w", "CURL %{time_total} %{size_download}\n", "-H", "xi-api-key: " + BareRequests.API_KEY,
                    url), 600);
            long got = Long.parseLong(out.lineStartingWith("CURL ").split(" ")[2]);
            if (got != size) {
                throw new IllegalStateException("curl downloaded " + got + " bytes of " + size);
            }
            return new Run("download", tool, size, curlNanos(out), out.peakRssKb(), load);
        }
        ChildJvm.Outcome out = ChildJvm.run(child(tool, "download", server.baseUrl(), Long.toString(size)), 600);
        String[] result = out.lineStartingWith("RESULT ").split(" ");
        long bytes = Long.parseLong(result[1]);
        long crc = Long.parseLong(result[2]);
        if (bytes != size || crc != GeneratedContent.crc32Of(size)) {
            throw new IllegalStateException(tool + " downloaded " + bytes + " bytes with CRC-32 " + crc);
        }
        return new Run("download", tool, size, Long.parseLong(result[3]),
                Math.max(out.peakRssKb(), Long.parseLong(result[4])), load);
    }

    private static List<String> child(String transport, String mode, String baseUrl, String what) {
        List<String> options = new ArrayList<>(List.of("-Xmx64m",
                "-D" + StreamingChild.WARMUPS_PROPERTY + "=" + WARMUPS));
        options.addAll(CHILD_OPTIONS);
        return ChildJvm.java(options, Classpath.forChild(transport), StreamingChild.class, mode, transport, baseUrl,
                what);
    }

    private static List<String> childOptions() {
        String options = System.getenv("CONVAI4J_STREAMING_JVM_OPTIONS");
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    private static int warmups() {
        String warmups = System.getenv("CONVAI4J_STREAMING_WARMUPS");
        return warmups == null || warmups.isBlank() ? 0 : Integer.parseInt(warmups.trim());
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Machine.currentLoadAverage());
        } catch (NumberFormatException unknown) {
            return Double.NaN;
        }
    }

    private static long curlNanos(ChildJvm.Outcome out) {
        String seconds = out.lineStartingWith("CURL ").split(" ")[1];
        return (long) (Double.parseDouble(seconds.replace(',', '.')) * 1e9);
    }

    /** Writes {@code size} random bytes and returns their CRC-32. */
    private static long writeUploadFile(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] block = new byte[1 << 20];
        CRC32 crc = new CRC32();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                int n = (int) Math.min(block.length, left);
                crc.update(block, 0, n);
                out.write(block, 0, n);
            }
        }
        return crc.getValue();
    }

    static String describe(Run run) {
        return String.format(Locale.ROOT, "%s %-11s %8.1f MiB/s  peak RSS %,d kB  load %.2f", run.direction(),
                run.tool(), run.mibPerSecond(), run.peakRssKb(), run.loadAverage());
    }
}
