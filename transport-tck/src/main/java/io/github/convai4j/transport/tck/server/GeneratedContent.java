package io.github.convai4j.transport.tck.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * A deterministic pseudo-random byte stream of a given length, generated on the fly: the same seed and
 * length always give the same bytes, so both ends of a transfer of any size can check it by length and
 * CRC-32 without holding it in memory. Byte {@code i} depends only on the seed and {@code i}.
 *
 * <p>{@link #position()} may be read from another thread (how many bytes were handed out so far); the
 * stream itself is for one reader.
 */
public final class GeneratedContent extends InputStream {
    private final long seed;
    private final long length;
    private volatile long position;

    /**
     * Creates the stream.
     *
     * @param seed selects the content
     * @param length the number of bytes the stream yields
     */
    public GeneratedContent(long seed, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        this.seed = seed;
        this.length = length;
    }

    /**
     * Returns the CRC-32 of the content that {@code new GeneratedContent(seed, length)} yields.
     *
     * @param seed selects the content
     * @param length the length
     * @return the CRC-32 value
     */
    public static long crc32(long seed, long length) {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        GeneratedContent content = new GeneratedContent(seed, length);
        int n;
        while ((n = content.read(buffer, 0, buffer.length)) > 0) {
            crc.update(buffer, 0, n);
        }
        return crc.getValue();
    }

    /**
     * Returns the content as an array (for small sizes only).
     *
     * @param seed selects the content
     * @param length the length
     * @return the bytes
     */
    public static byte[] bytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new GeneratedContent(seed, length).read(bytes, 0, length);
        return bytes;
    }

    /**
     * Returns how many bytes have been read so far.
     *
     * @return the position
     */
    public long position() {
        return position;
    }

    /**
     * Returns the total length.
     *
     * @return the length
     */
    public long length() {
        return length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        long pos = position;
        if (pos >= length) {
            return len == 0 ? 0 : -1;
        }
        int n = (int) Math.min(len, length - pos);
        long word = mix(pos >>> 3);
        for (int i = 0; i < n; i++) {
            long p = pos + i;
            int shift = (int) (p & 7);
            if (shift == 0 && i > 0) {
                word = mix(p >>> 3);
            }
            buf[off + i] = (byte) (word >>> (shift << 3));
        }
        position = pos + n;
        return n;
    }

    @Override
    public long skip(long n) {
        long pos = position;
        long skipped = Math.max(0, Math.min(n, length - pos));
        position = pos + skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - position);
    }

    @Override
    public void close() throws IOException {
        // nothing to release
    }

    /** SplitMix64 of the word index: random access, good spread. */
    private long mix(long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
