package io.github.convai4j.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where the bytes of a request body or of a multipart part come from: something that can be opened as
 * an {@link InputStream}, with a length if known, and re-opened if {@linkplain #isRepeatable() repeatable}.
 *
 * <p>A repeatable source can be sent again (core retries only requests whose body is repeatable). A
 * source made from a caller's {@code InputStream} can be opened once; it is not repeatable, so a request
 * that carries it is never re-sent.
 *
 * <p>The stream returned by {@link #open()} belongs to the caller, who closes it. Instances made by the
 * factories here are thread-safe; each {@code open()} of a repeatable source returns a fresh stream.
 */
public interface ContentSource {

    /**
     * Opens the content from its first byte.
     *
     * @return a new stream; the caller closes it
     * @throws IOException if the content cannot be opened
     * @throws IllegalStateException if the source is not repeatable and was already opened
     */
    InputStream open() throws IOException;

    /**
     * Returns the number of bytes {@link #open()} yields.
     *
     * @return the length in bytes, or -1 if unknown
     */
    long length();

    /**
     * Tells whether {@link #open()} may be called more than once, each time yielding the same bytes.
     *
     * @return {@code true} if the source can be replayed
     */
    boolean isRepeatable();

    /**
     * A source over a byte array. Repeatable. The array is not copied: do not modify it afterwards.
     *
     * @param bytes the content
     * @return the source
     */
    static ContentSource ofBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new ContentSource() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public boolean isRepeatable() {
                return true;
            }

            @Override
            public String toString() {
                return "ContentSource[" + bytes.length + " bytes]";
            }
        };
    }

    /**
     * A source over a file. Repeatable. The length is read now; if the file's size differs when it is
     * sent, the send fails with an {@link IOException} rather than sending a body that disagrees with its
     * declared length.
     *
     * @param path a readable regular file
     * @return the source
     * @throws IllegalArgumentException if the file does not exist or is not a regular file
     * @throws UncheckedIOException if its size cannot be read
     */
    static ContentSource ofPath(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Not a readable regular file: " + path
                    + " (check the path; directories and missing files cannot be uploaded)");
        }
        final long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + path, e);
        }
        return new ContentSource() {
            @Override
            public InputStream open() throws IOException {
                return new LengthCheckingInputStream(Files.newInputStream(path), size, path.toString());
            }

            @Override
            public long length() {
                return size;
            }

            @Override
            public boolean isRepeatable() {
                return true;
            }

            @Override
            public String toString() {
                return "ContentSource[" + path + ", " + size + " bytes]";
            }
        };
    }

    /**
     * A source over a caller's stream, readable once: not repeatable, so a request carrying it is never
     * retried. The stream is closed after it has been sent (or when sending fails).
     *
     * @param in the content
     * @param length the exact number of bytes {@code in} yields, or -1 if unknown (the body is then sent
     *     with chunked transfer encoding). A stream that yields a different number of bytes than a
     *     declared length fails the send with an {@link IOException}.
     * @return the source
     */
    static ContentSource ofInputStream(InputStream in, long length) {
        Objects.requireNonNull(in, "in");
        if (length < -1) {
            throw new IllegalArgumentException("length must be -1 (unknown) or >= 0, was " + length);
        }
        AtomicBoolean opened = new AtomicBoolean();
        return new ContentSource() {
            @Override
            public InputStream open() {
                if (!opened.compareAndSet(false, true)) {
                    throw new IllegalStateException("This InputStream content was already consumed; an InputStream"
                            + " can be sent once. Use ContentSource.ofPath, ofBytes or ofSupplier to send it again.");
                }
                return length < 0 ? in : new LengthCheckingInputStream(in, length, "InputStream");
            }

            @Override
            public long length() {
                return length;
            }

            @Override
            public boolean isRepeatable() {
                return false;
            }

            @Override
            public String toString() {
                return "ContentSource[InputStream, " + (length < 0 ? "unknown length" : length + " bytes") + "]";
            }
        };
    }

    /**
     * A repeatable source that opens a new stream from {@code supplier} for every send.
     *
     * @param supplier opens the content; each stream must yield the same bytes
     * @param length the exact number of bytes each stream yields, or -1 if unknown
     * @return the source
     */
    static ContentSource ofSupplier(StreamSupplier supplier, long length) {
        Objects.requireNonNull(supplier, "supplier");
        if (length < -1) {
            throw new IllegalArgumentException("length must be -1 (unknown) or >= 0, was " + length);
        }
        return new ContentSource() {
            @Override
            public InputStream open() throws IOException {
                InputStream in = Objects.requireNonNull(supplier.open(), "StreamSupplier.open() returned null");
                return length < 0 ? in : new LengthCheckingInputStream(in, length, "supplied stream");
            }

            @Override
            public long length() {
                return length;
            }

            @Override
            public boolean isRepeatable() {
                return true;
            }

            @Override
            public String toString() {
                return "ContentSource[supplier, " + (length < 0 ? "unknown length" : length + " bytes") + "]";
            }
        };
    }

    /** Opens a new stream over the same content each time it is called. */
    @FunctionalInterface
    interface StreamSupplier {
        /**
         * Opens the content.
         *
         * @return a new stream, which the caller closes
         * @throws IOException if it cannot be opened
         */
        InputStream open() throws IOException;
    }
}
