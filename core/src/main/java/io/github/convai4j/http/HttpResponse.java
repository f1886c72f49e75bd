package io.github.convai4j.http;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A response from a {@link Transport}: status, headers and a body that streams.
 *
 * <p><b>Who closes what:</b> the caller of {@code execute} owns the response and must {@link #close()} it
 * (or close its {@link #body()}) on every path, having read as much of the body as it wants. Reading the
 * body to its end and closing it lets the transport reuse the connection; closing it early discards
 * the rest of the exchange (the transport may then close the connection instead of draining a large body).
 *
 * <p><b>The body stream:</b> it is read on the caller's thread and may block until bytes arrive. It
 * throws an {@link IOException} if the exchange fails: {@link ReadTimeoutException} if no byte arrives
 * within the read timeout, {@link TotalTimeoutException} if the exchange outlives its total timeout, and
 * another {@code IOException} (never a silent end of stream) if the connection closes before the body's
 * declared end. A response without a body has an empty stream.
 *
 * <p>The status and headers are immutable; the body stream is for one reader at a time.
 */
public final class HttpResponse implements Closeable {

    private static final byte[] NO_BYTES = new byte[0];

    private final int statusCode;
    private final Headers headers;
    private final InputStream body;

    /**
     * Creates a response.
     *
     * @param statusCode the HTTP status code
     * @param headers the response headers
     * @param body the body stream, or {@code null} for an empty body
     */
    public HttpResponse(int statusCode, Headers headers, InputStream body) {
        if (statusCode < 100 || statusCode > 999) {
            throw new IllegalArgumentException("Not an HTTP status code: " + statusCode);
        }
        this.statusCode = statusCode;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body != null ? body : new ByteArrayInputStream(NO_BYTES);
    }

    /**
     * Returns the status code.
     *
     * @return the status code, e.g. 200
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns the response headers.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the body stream. The same stream is returned on every call.
     *
     * @return the body; empty if the response has none
     */
    public InputStream body() {
        return body;
    }

    /**
     * Closes the body, releasing the connection. Idempotent.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        body.close();
    }

    @Override
    public String toString() {
        return "HttpResponse[" + statusCode + " " + headers + "]";
    }
}
