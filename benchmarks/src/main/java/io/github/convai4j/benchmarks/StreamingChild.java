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
 */
public final class StreamingChild {

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
            long start = System.nanoTime();
            long bytes;
            long crc;
            if (mode.equals("upload")) {
                Path file = Path.of(args[3]);
                String fileId = client.conversations().files().create("conv_bench", FilePart.of(file)).fileId();
                if (fileId == null) {
                    throw new IllegalStateException("no file id");
                }
                bytes = -1; // the server counts and checks the upload
                crc = -1;
            } else {
                RequestOptions size = RequestOptions.builder().queryParam("bytes", args[3]).build();
                try (BinaryResponse audio = client.conversations().audio().get("conv_bench", size)) {
                    CRC32 sum = new CRC32();
                    byte[] buffer = new byte[64 * 1024];
                    long total = 0;
                    InputStream in = audio.body();
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        sum.update(buffer, 0, n);
                        total += n;
                    }
                    bytes = total;
                    crc = sum.getValue();
                }
            }
            long nanos = System.nanoTime() - start;
            System.out.println("RESULT " + bytes + " " + crc + " " + nanos + " " + ProcStatus.peakRssKb(ProcessHandle.current().pid()));
        }
    }
}
