package io.github.convai4j.transport.tck.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One request received by the {@link LoopbackServer} and the means to answer it, handed to a
 * {@link Handler} on the connection's thread.
 *
 * <p>The request: {@link #method()}, the raw {@link #target()}, the {@link #headers()} in order, and the
 * {@link #requestBody()} with its framing removed. The response, from the simplest to the most raw:
 * <ul>
 *   <li>{@link #respond(int, byte[], String...)}: a complete response with {@code Content-Length};</li>
 *   <li>{@link #respondStreaming(int, long, InputStream, String...)}: a body streamed from a generator,
 *       with {@code Content-Length} or chunked;</li>
 *   <li>{@link #sendHead}, {@link #write(byte[])}, {@link #writeChunk(byte[])} and friends: raw bytes for
 *       broken, stalled or trickled responses, finished with {@link #markResponseComplete()} if the
 *       connection may be reused, or {@link #closeConnection()} to cut it.</li>
 * </ul>
 * Every write is flushed to the socket before the method returns, so a handler that stalls after a
 * write stalls with those bytes on the wire.
 *
 * <p>Not thread-safe: used by its handler's thread only, except {@link #closeConnection()}.
 */
public final class Exchange {
    private final LoopbackServer server;
    private final Socket socket;
    private final InputStream socketIn;
    private final OutputStream out;
    private final RequestHead head;
    private final RequestBodyStream body;
    private boolean responseStarted;
    private boolean responseComplete;
    private boolean closeAfterResponse;
    private volatile boolean connectionClosed;
    private volatile RecordedRequest record;

    Exchange(LoopbackServer server, Socket socket, InputStream socketIn, OutputStream out, RequestHead head,
            RequestBodyStream body) {
        this.server = server;
        this.socket = socket;
        this.socketIn = socketIn;
        this.out = out;
        this.head = head;
        this.body = body;
    }

    /**
     * Returns the request method.
     *
     * @return the method as sent
     */
    public String method() {
        return head.method;
    }

    /**
     * Returns the request-target exactly as sent.
     *
     * @return the raw target, e.g. {@code /a%2Fb?x=1}
     */
    public String target() {
        return head.target;
    }

    /**
     * Returns the header fields in order, repeats included.
     *
     * @return the fields
     */
    public List<HeaderField> headers() {
        return head.headers;
    }

    /**
     * Returns the first value of a request header.
     *
     * @param name the name, any case
     * @return the value, or {@code null}
     */
    public String header(String name) {
        return head.header(name);
    }

    /**
     * Returns the number of the connection that carried the request (1 for the first accepted).
     *
     * @return the connection number
     */
    public int connectionId() {
        return head.connectionId;
    }

    /**
     * Returns the request body with its framing removed. Reading it to its end records the request
     * (see {@link LoopbackServer#takeRequest(Duration)}); what the handler leaves unread is read by the
     * server after the handler returns. Closing it does nothing.
     *
     * @return the body stream; empty if the request has no body
     */
    public InputStream requestBody() {
        return body;
    }

    /**
     * Reads the rest of the request body (so that the request is recorded) and returns the record.
     *
     * @return the recorded request
     * @throws IOException if the connection breaks while the body is read
     */
    public RecordedRequest readRequest() throws IOException {
        body.drain();
        return record;
    }

    void recorded(RecordedRequest request) {
        this.record = request;
    }

    /**
     * Sends a complete response with a {@code Content-Length} body. For {@code HEAD} requests and for
     * 204 and 304 responses no body bytes are sent ({@code Content-Length} still describes {@code body}
     * for {@code HEAD}; it is left out for 204 and 304).
     *
     * @param status the status code
     * @param responseBody the body bytes
     * @param namesAndValues extra header fields as name, value, ...; repeats allowed
     * @throws IOException if writing fails
     */
    public void respond(int status, byte[] responseBody, String... namesAndValues) throws IOException {
        boolean noBody = status == 204 || status == 304;
        StringBuilder head = statusLine(status);
        appendFields(head, namesAndValues);
        if (!noBody) {
            head.append("Content-Length: ").append(responseBody.length).append("\r\n");
        }
        head.append("\r\n");
        writeRaw(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!noBody && !"HEAD".equals(this.head.method)) {
            out.write(responseBody);
        }
        out.flush();
        responseComplete = true;
    }

    /**
     * Sends a complete response with a UTF-8 text body.
     *
     * @param status the status code
     * @param text the body text
     * @param namesAndValues extra header fields as name, value, ...
     * @throws IOException if writing fails
     */
    public void respond(int status, String text, String... namesAndValues) throws IOException {
        respond(status, text.getBytes(StandardCharsets.UTF_8), namesAndValues);
    }

    /**
     * Sends a response whose body is streamed from {@code content}: exactly {@code length} bytes with
     * {@code Content-Length}, or, if {@code length} is -1, the whole of {@code content} with chunked
     * transfer encoding. Memory use is bounded whatever the size. For {@code HEAD} only the head is sent.
     *
     * @param status the status code
     * @param length the body length, or -1 for chunked
     * @param content where the body bytes come from (not closed)
     * @param namesAndValues extra header fields as name, value, ...
     * @throws IOException if writing fails, or if {@code content} is shorter than {@code length}
     */
    public void respondStreaming(int status, long length, InputStream content, String... namesAndValues)
            throws IOException {
        StringBuilder head = statusLine(status);
        appendFields(head, namesAndValues);
        head.append(length >= 0 ? "Content-Length: " + length : "Transfer-Encoding: chunked").append("\r\n\r\n");
        writeRaw(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (!"HEAD".equals(this.head.method)) {
            byte[] buffer = new byte[64 * 1024];
            if (length >= 0) {
                long left = length;
                while (left > 0) {
                    int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException("Response content ended " + left + " bytes short of " + length);
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            } else {
                int n;
                while ((n = content.read(buffer)) >= 0) {
                    if (n > 0) {
                        writeChunkBytes(buffer, 0, n);
                    }
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        out.flush();
        responseComplete = true;
    }

    /**
     * Sends a status line and the given header fields and the empty line that ends them; adds no framing
     * header. Continue with {@link #write(byte[])} or {@link #writeChunk(byte[])}.
     *
     * @param status the status code
     * @param namesAndValues header fields as name, value, ...
     * @throws IOException if writing fails
     */
    public void sendHead(int status, String... namesAndValues) throws IOException {
        StringBuilder head = statusLine(status);
        appendFields(head, namesAndValues);
        head.append("\r\n");
        write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Writes raw bytes and flushes them.
     *
     * @param bytes the bytes
     * @throws IOException if writing fails
     */
    public void write(byte[] bytes) throws IOException {
        writeRaw(bytes);
        out.flush();
    }

    /**
     * Writes raw text as ISO-8859-1 bytes (use {@code \r\n} line ends) and flushes it.
     *
     * @param text the text
     * @throws IOException if writing fails
     */
    public void writeAscii(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Writes one chunk of a chunked body (size line, data, CRLF) and flushes it.
     *
     * @param data the chunk's data; must not be empty (an empty chunk is the last chunk)
     * @throws IOException if writing fails
     */
    public void writeChunk(byte[] data) throws IOException {
        if (data.length == 0) {
            throw new IllegalArgumentException("An empty chunk ends the body; use writeLastChunk()");
        }
        responseStarted = true;
        writeChunkBytes(data, 0, data.length);
        out.flush();
    }

    /**
     * Writes the last chunk and the empty trailer, completing a chunked body, and marks the response
     * complete.
     *
     * @throws IOException if writing fails
     */
    public void writeLastChunk() throws IOException {
        write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        responseComplete = true;
    }

    /**
     * Declares that the raw bytes written so far form a complete response, so the connection may carry
     * the next request.
     */
    public void markResponseComplete() {
        responseComplete = true;
    }

    /**
     * Makes the server close the connection after this response instead of keeping it alive.
     */
    public void closeAfterResponse() {
        closeAfterResponse = true;
    }

    /**
     * Sleeps, with the socket untouched: a stall at whatever point of the response the handler has reached.
     *
     * @param duration how long
     * @throws InterruptedIOException if the server stops meanwhile
     */
    public void pause(Duration duration) throws InterruptedIOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("The loopback server is stopping");
        }
    }

    /**
     * Reads the rest of the request body, then waits until the client closes (or resets) the connection,
     * sending nothing: "the server never answers" or "the server stalls" at whatever point the handler
     * has reached.
     *
     * @param max the longest wait
     * @return {@code true} if the client closed the connection, {@code false} if {@code max} ran out
     * @throws IOException if the request body cannot be read
     * @throws InterruptedIOException if the server stops meanwhile
     */
    public boolean awaitClientClose(Duration max) throws IOException {
        if (!body.ended()) {
            body.drain();
        }
        try {
            out.flush();
        } catch (IOException e) {
            return markClosed();
        }
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.min(left, 200));
                try {
                    if (socketIn.read() < 0) {
                        return markClosed();
                    }
                    // Bytes of a next request although this one is unanswered: ignore them.
                } catch (SocketTimeoutException e) {
                    if (server.isClosed()) {
                        throw new InterruptedIOException("The loopback server is stopping");
                    }
                }
            }
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            if (server.isClosed()) {
                throw new InterruptedIOException("The loopback server is stopping");
            }
            return markClosed();
        } finally {
            if (!socket.isClosed()) {
                try {
                    socket.setSoTimeout(0);
                } catch (IOException ignored) {
                    // the socket is going away anyway
                }
            }
        }
    }

    /**
     * Closes the connection now (a FIN, after flushing what was written): "the server closes mid-response"
     * when some of the response has been sent.
     */
    public void closeConnection() {
        try {
            out.flush();
        } catch (IOException ignored) {
            // closing anyway
        }
        markClosed();
    }

    private boolean markClosed() {
        connectionClosed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        return true;
    }

    boolean connectionClosed() {
        return connectionClosed;
    }

    boolean responseComplete() {
        return responseComplete;
    }

    boolean responseStarted() {
        return responseStarted;
    }

    boolean wantsClose() {
        return closeAfterResponse;
    }

    RequestBodyStream body() {
        return body;
    }

    RequestHead head() {
        return head;
    }

    private void writeRaw(byte[] bytes) throws IOException {
        responseStarted = true;
        out.write(bytes);
    }

    private void writeChunkBytes(byte[] data, int off, int len) throws IOException {
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data, off, len);
        out.write('\r');
        out.write('\n');
    }

    private static StringBuilder statusLine(int status) {
        return new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(Wire.reason(status)).append("\r\n");
    }

    private void appendFields(StringBuilder sb, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Header fields come as name, value pairs; got an odd count");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            if (name.equalsIgnoreCase("Connection")
                    && namesAndValues[i + 1].toLowerCase(Locale.ROOT).contains("close")) {
                closeAfterResponse = true;
            }
            sb.append(name).append(": ").append(namesAndValues[i + 1]).append("\r\n");
        }
    }
}
