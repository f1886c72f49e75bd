package io.github.convai4j.benchmarks;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's upload check counts exactly the file part's bytes, however the body is cut into chunks. */
class UploadDigestTest {

    private static final String BOUNDARY = "----convai4jBoundary7MA4YWxkTrZu0gW";

    @Test
    void countsAndChecksumsTheFilePartAcrossChunkBoundaries() {
        byte[] file = new byte[100_003];
        new SplittableRandom(1).nextBytes(file);
        byte[] body = multipart(file);
        CRC32 expected = new CRC32();
        expected.update(file);

        for (int chunk : new int[] {1, 7, 64, 8192, body.length}) {
            UploadDigest digest = new UploadDigest(BOUNDARY);
            for (int at = 0; at < body.length; at += chunk) {
                digest.feed(Unpooled.wrappedBuffer(body, at, Math.min(chunk, body.length - at)));
            }
            UploadLog.Upload upload = digest.finish();
            assertThat(upload.fileBytes()).as("chunks of %d", chunk).isEqualTo(file.length);
            assertThat(upload.crc32()).as("chunks of %d", chunk).isEqualTo(expected.getValue());
        }
    }

    @Test
    void findsTheBoundaryInTheContentType() {
        assertThat(UploadDigest.boundaryOf("multipart/form-data; boundary=\"" + BOUNDARY + "\"")).isEqualTo(BOUNDARY);
        assertThat(UploadDigest.boundaryOf("application/json")).isNull();
    }

    @Test
    void rejectsABodyCutBeforeItsClosingDelimiter() {
        byte[] body = multipart(new byte[1000]);
        UploadDigest digest = new UploadDigest(BOUNDARY);
        digest.feed(Unpooled.wrappedBuffer(body, 0, body.length - 20));

        assertThatThrownBy(digest::finish).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] multipart(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
