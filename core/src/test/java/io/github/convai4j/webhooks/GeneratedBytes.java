package io.github.convai4j.webhooks;

import java.io.InputStream;

/**
 * A deterministic stream of {@code size} bytes generated as it is read (never held in memory), optionally with
 * the byte at one position changed.
 */
final class GeneratedBytes extends InputStream {

    private final long size;
    private final long changedAt;
    private long position;

    /**
     * @param size the length
     * @param changedAt the position of a byte to flip, or -1 for none
     */
    GeneratedBytes(long size, long changedAt) {
        this.size = size;
        this.changedAt = changedAt;
    }

    static int byteAt(long i) {
        long x = i * 0x9E3779B97F4A7C15L;
        return (int) (x >>> 56) & 0xFF;
    }

    @Override
    public int read() {
        if (position >= size) {
            return -1;
        }
        int b = byteAt(position);
        if (position == changedAt) {
            b ^= 0x01;
        }
        position++;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            long p = position + i;
            int v = byteAt(p);
            b[off + i] = (byte) (p == changedAt ? v ^ 0x01 : v);
        }
        position += n;
        return n;
    }
}
