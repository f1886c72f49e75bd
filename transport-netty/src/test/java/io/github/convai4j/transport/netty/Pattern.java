package io.github.convai4j.transport.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Deterministic test bytes of any length, made without holding them: byte {@code i} of a pattern is a
 * function of {@code i} (a precomputed block whose prime length keeps it out of step with any buffer size).
 */
final class Pattern {
    private static final int BLOCK = 65521;
    private static final byte[] BYTES = new byte[BLOCK];

    static {
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < BLOCK; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            BYTES[i] = (byte) x;
        }
    }

    private Pattern() {
    }

    /** Fills {@code b[off..off+len)} with pattern bytes from position {@code pos}. */
    static void fill(long pos, byte[] b, int off, int len) {
        while (len > 0) {
            int at = (int) (pos % BLOCK);
            int n = Math.min(len, BLOCK - at);
            System.arraycopy(BYTES, at, b, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        fill(0, b, 0, n);
        return b;
    }

    /** CRC32 of the first {@code n} pattern bytes. */
    static long crc(long n) {
        CRC32 crc = new CRC32();
        byte[] buf = new byte[64 * 1024];
        long pos = 0;
        while (pos < n) {
            int len = (int) Math.min(buf.length, n - pos);
            fill(pos, buf, 0, len);
            crc.update(buf, 0, len);
            pos += len;
        }
        return crc.getValue();
    }

    /** A stream of {@code n} pattern bytes that counts what has been read from it. */
    static InputStream stream(long n, AtomicLong produced) {
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= n) {
                    return -1;
                }
                int k = (int) Math.min(len, n - pos);
                fill(pos, b, off, k);
                pos += k;
                produced.addAndGet(k);
                return k;
            }
        };
    }

    /** Writes {@code n} pattern bytes, counting them in {@code sent} as they go. */
    static void write(OutputStream out, long n, AtomicLong sent) throws IOException {
        byte[] buf = new byte[16 * 1024];
        long pos = 0;
        while (pos < n) {
            int len = (int) Math.min(buf.length, n - pos);
            fill(pos, buf, 0, len);
            out.write(buf, 0, len);
            pos += len;
            sent.addAndGet(len);
        }
    }

    /** Reads a stream to its end: its length and CRC32. */
    static long[] lengthAndCrc(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            crc.update(buf, 0, n);
            total += n;
        }
        return new long[] {total, crc.getValue()};
    }
}
