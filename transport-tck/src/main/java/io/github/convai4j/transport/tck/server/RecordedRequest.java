package io.github.convai4j.transport.tck.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A request as the {@link LoopbackServer} received it, recorded once its body has ended (or the
 * connection broke while it was being read): method, the request-target exactly as sent, every header
 * field in order (repeats included), how the body was framed, its length and CRC-32, and the body itself
 * when it is small.
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordedRequest {

    /** Bodies up to this many bytes are kept whole and returned by {@link #body()}: 256 KiB. */
    public static final int KEPT_BODY_LIMIT = 256 * 1024;

    private final int connectionId;
    private final int sequenceOnConnection;
    private final String method;
    private final String target;
    private final String version;
    private final List<HeaderField> headers;
    private final boolean chunked;
    private final long declaredLength;
    private final long bodyLength;
    private final long bodyCrc32;
    private final byte[] keptBody;
    private final boolean bodyComplete;
    private final List<String> problems;

    RecordedRequest(RequestHead head, boolean chunked, long declaredLength, long bodyLength, long bodyCrc32,
            byte[] keptBody, boolean bodyComplete, List<String> problems) {
        this.connectionId = head.connectionId;
        this.sequenceOnConnection = head.sequenceOnConnection;
        this.method = head.method;
        this.target = head.target;
        this.version = head.version;
        this.headers = head.headers;
        this.chunked = chunked;
        this.declaredLength = declaredLength;
        this.bodyLength = bodyLength;
        this.bodyCrc32 = bodyCrc32;
        this.keptBody = keptBody;
        this.bodyComplete = bodyComplete;
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    }

    /**
     * Returns the number of the connection that carried this request: 1 for the first connection the
     * server accepted, 2 for the second, and so on.
     *
     * @return the connection number
     */
    public int connectionId() {
        return connectionId;
    }

    /**
     * Returns the position of this request on its connection: 1 for the first request, 2 for the first
     * one sent over a kept-alive connection, and so on.
     *
     * @return the position, from 1
     */
    public int sequenceOnConnection() {
        return sequenceOnConnection;
    }

    /**
     * Returns the method as sent.
     *
     * @return the method, e.g. {@code PATCH}
     */
    public String method() {
        return method;
    }

    /**
     * Returns the request-target exactly as sent, byte for byte (bytes above 0x7F appear as the
     * ISO-8859-1 characters of the same code).
     *
     * @return the raw request-target, e.g. {@code /v1/x?q=a%20b}
     */
    public String target() {
        return target;
    }

    /**
     * Returns the HTTP version of the request line.
     *
     * @return e.g. {@code HTTP/1.1}
     */
    public String version() {
        return version;
    }

    /**
     * Returns every header field in the order received; a repeated name appears once per line.
     *
     * @return the fields
     */
    public List<HeaderField> headers() {
        return headers;
    }

    /**
     * Returns the values of every field line with this name, in order. A line is not split at commas.
     *
     * @param name the field name, any case
     * @return the values; empty if there is no such field
     */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (HeaderField field : headers) {
            if (field.is(name)) {
                values.add(field.value());
            }
        }
        return values;
    }

    /**
     * Returns the value of the first field line with this name.
     *
     * @param name the field name, any case
     * @return the value, or {@code null} if absent
     */
    public String header(String name) {
        for (HeaderField field : headers) {
            if (field.is(name)) {
                return field.value();
            }
        }
        return null;
    }

    /**
     * Tells whether the body came with {@code Transfer-Encoding: chunked}.
     *
     * @return {@code true} if chunked
     */
    public boolean chunked() {
        return chunked;
    }

    /**
     * Returns the {@code Content-Length} the request declared.
     *
     * @return the declared length, or -1 if the request had no {@code Content-Length}
     */
    public long declaredContentLength() {
        return declaredLength;
    }

    /**
     * Returns the number of body bytes received (after removing the chunked framing).
     *
     * @return the body length
     */
    public long bodyLength() {
        return bodyLength;
    }

    /**
     * Returns the CRC-32 of the body bytes received.
     *
     * @return the CRC-32 value
     */
    public long bodyCrc32() {
        return bodyCrc32;
    }

    /**
     * Tells whether the body ended as its framing says (the declared length was reached, or the last
     * chunk arrived). {@code false} means the connection broke or closed part way through the body.
     *
     * @return {@code true} if the body is complete
     */
    public boolean bodyComplete() {
        return bodyComplete;
    }

    /**
     * Returns the body bytes, if the body was small enough to keep ({@link #KEPT_BODY_LIMIT}).
     *
     * @return a copy of the body
     * @throws IllegalStateException if the body was larger than the limit; compare
     *     {@link #bodyLength()} and {@link #bodyCrc32()} instead
     */
    public byte[] body() {
        if (keptBody == null) {
            throw new IllegalStateException("The body of " + bodyLength + " bytes was larger than "
                    + KEPT_BODY_LIMIT + " bytes and was not kept; compare bodyLength() and bodyCrc32() instead");
        }
        return keptBody.clone();
    }

    /**
     * Returns the body decoded as UTF-8, if it was kept.
     *
     * @return the body text
     * @throws IllegalStateException if the body was too large to keep
     */
    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /**
     * Returns what the server found wrong with the request's syntax or framing (for example both
     * {@code Content-Length} and {@code Transfer-Encoding}, a bare LF, a body shorter than declared).
     *
     * @return the problems; empty for a well-formed request
     */
    public List<String> problems() {
        return problems;
    }

    /** Returns the request line, header count and body summary, for assertion messages. */
    @Override
    public String toString() {
        return method + " " + target + " " + version + " (connection " + connectionId + "#" + sequenceOnConnection
                + ", headers " + headers + ", body " + bodyLength + " bytes"
                + (chunked ? " chunked" : declaredLength >= 0 ? " with Content-Length " + declaredLength : "")
                + (bodyComplete ? "" : ", INCOMPLETE") + (problems.isEmpty() ? "" : ", problems " + problems) + ")";
    }
}
