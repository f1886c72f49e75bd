package io.github.convai4j.transport.httpclient;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes a request body through while holding it to its declared length: writing more than declared fails
 * at once, and {@link #finish()} fails if fewer bytes came. Without it HttpClient would truncate an
 * over-long body silently, or leave the server waiting for bytes that never come.
 */
final class LengthGuard extends FilterOutputStream {
    private final long declared;
    private long written;

    LengthGuard(OutputStream out, long declared) {
        super(out);
        this.declared = declared;
    }

    @Override
    public void write(int b) throws IOException {
        count(1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count(len);
        out.write(b, off, len);
    }

    @Override
    public void close() {
        // RequestBody.writeTo does not close its stream; the transport ends the message itself.
    }

    long written() {
        return written;
    }

    void finish() throws IOException {
        if (declared >= 0 && written != declared) {
            throw new IOException("The request body wrote " + written + " bytes but declared a length of "
                    + declared + "; declare the right length (or -1 if unknown)");
        }
    }

    private void count(int n) throws IOException {
        written += n;
        if (declared >= 0 && written > declared) {
            throw new IOException("The request body wrote more than its declared length of " + declared
                    + " bytes; declare the right length (or -1 if unknown)");
        }
    }
}
