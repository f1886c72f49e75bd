package io.github.convai4j.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Yields exactly {@code expected} bytes or fails: a source that is shorter or longer than its declared
 * length must not produce a request whose body disagrees with its {@code Content-Length}.
 */
final class LengthCheckingInputStream extends FilterInputStream {
    private final long expected;
    private final String what;
    private long seen;

    LengthCheckingInputStream(InputStream in, long expected, String what) {
        super(in);
        this.expected = expected;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        if (seen == expected) {
            checkAtEnd();
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw shortBy();
        }
        seen++;
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (seen == expected) {
            checkAtEnd();
            return -1;
        }
        int n = in.read(buf, off, (int) Math.min(len, expected - seen));
        if (n < 0) {
            throw shortBy();
        }
        seen += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would bypass the count; read instead.
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void checkAtEnd() throws IOException {
        if (in.read() >= 0) {
            throw new IOException("The " + what + " holds more than its declared length of " + expected
                    + " bytes; declare the right length (or -1 if unknown)");
        }
    }

    private IOException shortBy() {
        return new IOException("The " + what + " ended after " + seen + " bytes, but its declared length is "
                + expected + "; declare the right length (or -1 if unknown)");
    }
}
