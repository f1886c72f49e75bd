package io.github.convai4j.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a streamed response as its caller gets it: the object whose reachability the
 * {@link LeakDetector} watches. The caller reaches it through the response or holds it alone (the stream
 * from {@code BinaryResponse.body()}), so a response is unreachable only when both are.
 *
 * <p>Closing it, or reading it to its end, stops the watch. At the end it also closes the body it wraps, so
 * the transport gets the connection back even if the caller never closes; later reads return -1 as before.
 */
final class TrackedBody extends FilterInputStream {

    final LeakDetector.Watched watched;
    private boolean ended;

    TrackedBody(InputStream body, LeakDetector detector, String operation, Throwable openedAt) {
        super(body);
        this.watched = new LeakDetector.Watched(this, detector, body, operation, openedAt);
    }

    @Override
    public int read() throws IOException {
        if (ended) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            end(); // uses this after the read, so that it stays reachable while the read blocks
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            end();
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return ended ? 0 : in.available();
    }

    @Override
    public void close() throws IOException {
        watched.detector.forget(watched);
        in.close();
    }

    private void end() {
        ended = true;
        try {
            close();
        } catch (IOException ignored) {
            // The body was read whole; a transport that cannot release the connection drops it.
        }
    }
}
