package io.github.convai4j.benchmarks;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Counts and checksums the content of the one file part of a {@code multipart/form-data} body as it streams
 * in, keeping only a few hundred bytes: the part's headers until they end, then a tail as long as the closing
 * delimiter, which is held back until the body ends so that it is not counted as content.
 */
final class UploadDigest {

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] closing;
    private final CRC32 crc = new CRC32();
    private byte[] pending = new byte[0];
    private boolean inContent;
    private long contentBytes;

    /**
     * @param boundary the boundary parameter of the request's {@code Content-Type}
     */
    UploadDigest(String boundary) {
        this.closing = ("\r\n--" + boundary + "--").getBytes(StandardCharsets.US_ASCII);
    }

    static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                return p.substring(9).replace("\"", "");
            }
        }
        return null;
    }

    void feed(ByteBuf chunk) {
        byte[] bytes = new byte[pending.length + chunk.readableBytes()];
        System.arraycopy(pending, 0, bytes, 0, pending.length);
        chunk.getBytes(chunk.readerIndex(), bytes, pending.length, chunk.readableBytes());
        int start = 0;
        if (!inContent) {
            int end = indexOf(bytes, HEADER_END);
            if (end < 0) {
                pending = bytes; // still in the preamble and part headers
                return;
            }
            inContent = true;
            start = end + HEADER_END.length;
        }
        // Hold back the closing delimiter (and the CRLF that may follow it) until the body ends.
        int keep = Math.min(bytes.length - start, closing.length + 2);
        int counted = bytes.length - start - keep;
        crc.update(bytes, start, counted);
        contentBytes += counted;
        pending = Arrays.copyOfRange(bytes, bytes.length - keep, bytes.length);
    }

    UploadLog.Upload finish() {
        int at = indexOf(pending, closing);
        if (!inContent || at < 0) {
            throw new IllegalStateException("The multipart body did not end with its closing delimiter");
        }
        crc.update(pending, 0, at);
        return new UploadLog.Upload(contentBytes + at, crc.getValue());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
