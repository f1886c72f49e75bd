package io.github.convai4j.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Keeps a copy of the first bytes of a response body as the caller reads it, and reports them once the
 * body is read to its end or closed. Nothing is read ahead of the caller, so a streaming body stays a
 * stream; memory is bounded by {@code limit}.
 */
final class BodyTap extends FilterInputStream {

    /** Receives the captured start of the body. */
    interface Listener {
        void onBody(byte[] captured, int length, long total, boolean complete);
    }

    private final byte[] captured;
    private final Listener listener;
    private int length;
    private long total;
    private boolean reported;

    BodyTap(InputStream in, int limit, Listener listener) {
        super(in);
        this.captured = new byte[limit];
        this.listener = listener;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            report(true);
        } else {
            keep(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            report(true);
        } else {
            keep(buf, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are not captured; they still count towards the total.
        long skipped = super.skip(n);
        total += Math.max(skipped, 0);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            report(false);
        }
    }

    private void keep(byte[] buf, int off, int n) {
        int room = captured.length - length;
        if (room > 0) {
            System.arraycopy(buf, off, captured, length, Math.min(room, n));
            length += Math.min(room, n);
        }
        total += n;
    }

    private void report(boolean atEnd) {
        if (!reported) {
            reported = true;
            listener.onBody(captured, length, total, atEnd);
        }
    }
}
