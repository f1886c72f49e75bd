package io.github.convai4j.benchmarks;

import java.util.concurrent.atomic.AtomicReference;

/** The outcome of the last upload the {@link LoopbackServer} received, for the harness to check. */
public final class UploadLog {

    /**
     * One finished upload.
     *
     * @param fileBytes bytes of the file part
     * @param crc32 CRC-32 of the file part
     */
    public record Upload(long fileBytes, long crc32) {
    }

    private final AtomicReference<Upload> last = new AtomicReference<>();

    void record(Upload upload) {
        last.set(upload);
    }

    /**
     * Returns and forgets the last upload.
     *
     * @return the upload, or {@code null} if none finished since the last call
     */
    public Upload take() {
        return last.getAndSet(null);
    }
}
