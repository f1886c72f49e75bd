package io.github.convai4j.transport.jdk;

import java.io.IOException;
import java.io.InputStream;

/**
 * The response body on {@link java.net.HttpURLConnection}: counts bytes against {@code Content-Length} (the
 * JDK's stream may end quietly when the connection closes early), maps failures onto the SPI's types, and
 * frees the exchange's slot at the end or on close.
 */
final class UrlConnectionBody extends InputStream {
    private final UrlConnectionExchange exchange;
    private final InputStream in;
    private final long expected;
    private long count;
    private boolean eof;
    private boolean closed;

    UrlConnectionBody(UrlConnectionExchange exchange, InputStream in, long expected) {
        this.exchange = exchange;
        this.in = in;
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("The response body is closed");
        }
        if (eof) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        exchange.checkAborted();
        int n;
        try {
            n = in.read(buf, off, len);
        } catch (IOException | RuntimeException e) {
            exchange.finish(false);
            throw exchange.translate(e);
        }
        if (n < 0) {
            if (expected >= 0 && count < expected) {
                exchange.finish(false);
                throw new IOException("The connection closed after " + count + " of " + expected
                        + " body bytes (Content-Length)");
            }
            eof = true;
            exchange.finish(true);
            return -1;
        }
        count += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!eof) {
            exchange.finish(false); // disconnects first, so that close() does not drain the rest
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is gone anyway
        }
    }
}
