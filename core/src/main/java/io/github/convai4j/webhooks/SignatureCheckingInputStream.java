package io.github.convai4j.webhooks;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a request body through while it feeds the signature computation, and checks the signature when the
 * body ends: the read that reaches the end runs the check, which throws if the signature does not match, and
 * keeps throwing on every later read. Bytes are never skipped unseen ({@link #skip} reads them) and mark/reset
 * is not supported, so every byte is counted exactly once. Not thread-safe, like any stream.
 */
final class SignatureCheckingInputStream extends FilterInputStream {

    private final Signatures signatures;
    private final Runnable check;
    private boolean checked;
    private RuntimeException failure;

    SignatureCheckingInputStream(InputStream body, Signatures signatures, Runnable check) {
        super(body);
        this.signatures = signatures;
        this.check = check;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, len);
        if (n > 0) {
            signatures.update(b, off, n);
        } else if (n < 0 && !checked) {
            try {
                check.run();
                checked = true;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are part of the signed body: read them.
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
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

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would feed bytes to the signature twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset is not supported by a verifying stream");
    }
}
