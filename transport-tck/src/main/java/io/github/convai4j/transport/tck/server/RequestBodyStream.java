package io.github.convai4j.transport.tck.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The body of one request, with the HTTP framing (Content-Length or chunked) removed. Counts and
 * checksums what passes, keeps a small body whole, and records the request exactly once: when the body
 * ends as framed, or when the connection breaks part way.
 */
final class RequestBodyStream extends InputStream {
    private final InputStream in;
    private final RequestHead head;
    private final boolean chunked;
    private final long declaredLength;
    private final List<String> problems;
    private final Consumer<RecordedRequest> recorder;
    private final CRC32 crc = new CRC32();
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long count;
    /** Bytes left in the current chunk or in the fixed-length body. */
    private long remaining;
    private boolean ended;
    private boolean failed;

    RequestBodyStream(InputStream in, RequestHead head, boolean chunked, long declaredLength, List<String> problems,
            Consumer<RecordedRequest> recorder) {
        this.in = in;
        this.head = head;
        this.chunked = chunked;
        this.declaredLength = declaredLength;
        this.problems = problems;
        this.recorder = recorder;
        this.remaining = chunked ? 0 : Math.max(declaredLength, 0);
    }

    /** Records the request at once if it has no body. */
    void begin() {
        if (!chunked && remaining == 0) {
            finish(true);
        }
    }

    boolean ended() {
        return ended;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (ended) {
            if (failed) {
                throw new IOException("The request body was cut off");
            }
            return -1;
        }
        try {
            if (chunked && remaining == 0) {
                if (!nextChunk()) {
                    return -1;
                }
            }
            int n = in.read(buf, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("The connection closed after " + count + " bytes of the request body, "
                        + (chunked ? "inside a chunk (no last chunk)" : "short of its Content-Length " + declaredLength));
            }
            consumed(buf, off, n);
            remaining -= n;
            if (remaining == 0) {
                if (chunked) {
                    expectCrlf("after a chunk's data");
                } else {
                    finish(true);
                }
            }
            return n;
        } catch (IOException e) {
            if (!ended) {
                problems.add("Request body incomplete: " + e.getMessage());
                finish(false);
            }
            throw e;
        }
    }

    /** Reads the next chunk header; returns false after the last chunk and its trailer. */
    private boolean nextChunk() throws IOException {
        String line = Wire.readLine(in, problems);
        if (line == null) {
            throw new EOFException("The connection closed after " + count + " bytes of a chunked request body,"
                    + " before its last chunk");
        }
        int semi = line.indexOf(';');
        String size = (semi >= 0 ? line.substring(0, semi) : line).trim();
        long chunkSize;
        try {
            chunkSize = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("Malformed chunk size line \"" + Wire.printable(line) + "\"");
        }
        if (chunkSize < 0) {
            throw new IOException("Negative chunk size \"" + Wire.printable(line) + "\"");
        }
        if (chunkSize > 0) {
            remaining = chunkSize;
            return true;
        }
        // Last chunk: trailer fields until an empty line.
        while (true) {
            String trailer = Wire.readLine(in, problems);
            if (trailer == null) {
                throw new EOFException("The connection closed inside the trailer of a chunked request body");
            }
            if (trailer.isEmpty()) {
                break;
            }
        }
        finish(true);
        return false;
    }

    private void expectCrlf(String where) throws IOException {
        int cr = in.read();
        int lf = cr < 0 ? -1 : in.read();
        if (cr < 0 || lf < 0) {
            throw new EOFException("The connection closed " + where);
        }
        if (cr != '\r' || lf != '\n') {
            throw new IOException("Chunked framing broken: expected CRLF " + where
                    + String.format(", got 0x%02x 0x%02x", cr, lf));
        }
    }

    private void consumed(byte[] buf, int off, int n) {
        crc.update(buf, off, n);
        count += n;
        if (kept != null) {
            if (kept.size() + n <= RecordedRequest.KEPT_BODY_LIMIT) {
                kept.write(buf, off, n);
            } else {
                kept = null;
            }
        }
    }

    /** Reads whatever is left of the body. */
    void drain() throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (read(buf, 0, buf.length) >= 0) {
            // discard
        }
    }

    private void finish(boolean complete) {
        if (ended) {
            return;
        }
        ended = true;
        failed = !complete;
        recorder.accept(new RecordedRequest(head, chunked, declaredLength, count, crc.getValue(),
                kept == null ? null : kept.toByteArray(), complete, new ArrayList<>(problems)));
    }

    /** Records the request as incomplete if the body has not ended (the connection is going away). */
    void abandon(String why) {
        if (!ended) {
            problems.add("Request body incomplete: " + why);
            finish(false);
        }
    }

    @Override
    public void close() {
        // The connection owns the underlying stream; the rest of the body is drained by the server.
    }
}
