package io.github.convai4j.benchmarks;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.BinaryResponse;
import io.github.convai4j.core.FilePart;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.http.Transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The client's side of benchmark 3, run by {@link StreamingHarness} in a JVM of its own with {@code -Xmx64m}:
 * one 1 GiB transfer through {@link ConvaiClient} on the named transport, then one line on stdout:
 * {@code RESULT <bytes> <crc32> <nanos> <VmHWM kB>}, the time being that of the call alone (JVM start-up
 * excluded, as curl's {@code time_total} excludes curl's).
 *
 * <p>Upload: {@code conversations().files().create(id, FilePart.of(file))}, a multipart body streamed from
 * the file. Download: {@code conversations().audio().get(id)}, a {@link BinaryResponse} read to its end in
 * 64 KiB reads (and checksummed, so that a short or corrupted body cannot pass).
 *
 * <p>With the system property {@value #WARMUPS_PROPERTY} set to N, it first makes N untimed transfers of the
 * same kind on the same client (for diagnosis: the timed one then runs on compiled code).
 */
public final class StreamingChild {

    /** The system property that asks for untimed transfers first; see the class comment. */
    public static final String WARMUPS_PROPERTY = "streaming.warmups";

    private StreamingChild() {
    }

    /**
     * Runs one transfer.
     *
     * @param args {@code upload <transport> <baseUrl> <file>} or {@code download <transport> <baseUrl> <bytes>}
     * @throws IOException if the transfer fails
     */
    public static void main(String[] args) throws IOException {
        String mode = args[0];
        try (Transport transport = Transports.create(args[1]);
                ConvaiClient client = ConvaiClient.builder().apiKey(BareRequests.API_KEY).baseUrl(args[2])
                        .transport(transport).build()) {
            for (int warmup = Integer.getInteger(WARMUPS_PROPERTY, 0); warmup > 0; warmup--) {
                transfer(client, mode, args[3]);
            }
            long start = System.nanoTime();
            long[] result = transfer(client, mode, args[3]);
            long nanos = System.nanoTime() - start;
            System.out.println("RESULT " + result[0] + " " + result[1] + " " + nanos + " "
                    + ProcStatus.peakRssKb(ProcessHandle.current().pid()));
        }
    }

    /** One transfer; returns the bytes downloaded and their CRC-32 (-1 and -1 for an upload). */
    private static long[] transfer(ConvaiClient client, String mode, String what) throws IOException {
        if (mode.equals("upload")) {
            String fileId = client.conversations().files().create("conv_bench", FilePart.of(Path.of(what))).fileId();
            if (fileId == null) {
                throw new IllegalStateException("no file id");
            }
            return new long[] {-1, -1}; // the server counts and checks the upload
        }
        RequestOptions size = RequestOptions.builder().queryParam("bytes", what).build();
        try (BinaryResponse audio = client.conversations().audio().get("conv_bench", size)) {
            CRC32 sum = new CRC32();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            InputStream in = audio.body();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sum.update(buffer, 0, n);
                total += n;
            }
            return new long[] {total, sum.getValue()};
        }
    }
}
