package io.github.convai4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The body of an {@link HttpRequest}: bytes that write themselves to an {@link OutputStream}, with a
 * content type, a length, and whether they can be written more than once.
 *
 * <p>Contract for transports:
 * <ul>
 *   <li>Send {@link #contentType()} as the request's {@code Content-Type}, unchanged, and no
 *       {@code Content-Type} if it is {@code null} (do not add a default such as
 *       {@code application/octet-stream}).</li>
 *   <li>If {@link #contentLength()} is {@code >= 0}, send it as {@code Content-Length} and expect exactly
 *       that many bytes from {@link #writeTo}; if it is -1, send the body with chunked transfer encoding.</li>
 *   <li>{@link #writeTo} may block (it reads files or the caller's streams); a non-blocking transport calls
 *       it off its event loop. It writes the whole body and does not close {@code out}.</li>
 *   <li>A body whose {@link #isRepeatable()} is {@code false} may be written at most once; a second
 *       {@code writeTo} fails with {@link IllegalStateException}.</li>
 *   <li>A transport never buffers a whole body in memory: bytes flow from {@code writeTo} to the socket
 *       with bounded buffering.</li>
 * </ul>
 *
 * <p>Bodies made by the factories here are immutable and thread-safe (a non-repeatable one can still be
 * written only once).
 */
public interface RequestBody {

    /**
     * Returns the media type sent as {@code Content-Type}: the request's one and only {@code Content-Type}
     * (an {@link HttpRequest} with a body cannot have a {@code Content-Type} header of its own), sent
     * exactly as given, parameters such as a multipart boundary included.
     *
     * @return the content type, or {@code null} to send none
     */
    String contentType();

    /**
     * Returns the number of bytes {@link #writeTo} writes.
     *
     * @return the length, or -1 if unknown (sent chunked)
     */
    long contentLength();

    /**
     * Tells whether {@link #writeTo} may be called again, writing the same bytes (which allows retries).
     *
     * @return {@code true} if the body can be replayed
     */
    boolean isRepeatable();

    /**
     * Writes the whole body to {@code out}. Does not close {@code out}.
     *
     * @param out where the bytes go
     * @throws IOException if reading the source or writing fails
     */
    void writeTo(OutputStream out) throws IOException;

    /**
     * A body read from a {@link ContentSource}; repeatable if the source is.
     *
     * @param source the bytes
     * @param contentType the media type, or {@code null}
     * @return the body
     */
    static RequestBody of(ContentSource source, String contentType) {
        return new SourceBody(source, contentType);
    }

    /**
     * A repeatable body over a byte array (not copied: do not modify it afterwards).
     *
     * @param bytes the content
     * @param contentType the media type, or {@code null}
     * @return the body
     */
    static RequestBody ofBytes(byte[] bytes, String contentType) {
        return new BytesBody(bytes, contentType);
    }

    /**
     * A repeatable body holding a string encoded as UTF-8.
     *
     * @param text the content
     * @param contentType the media type, or {@code null}
     * @return the body
     */
    static RequestBody ofString(String text, String contentType) {
        return ofBytes(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /**
     * A repeatable body streamed from a file.
     *
     * @param path a readable regular file
     * @param contentType the media type, or {@code null}
     * @return the body
     */
    static RequestBody ofPath(Path path, String contentType) {
        return of(ContentSource.ofPath(path), contentType);
    }

    /**
     * A body read once from the caller's stream; not repeatable, so it is never retried.
     *
     * @param in the content; closed once sent
     * @param length the exact length, or -1 if unknown (sent chunked)
     * @param contentType the media type, or {@code null}
     * @return the body
     */
    static RequestBody ofInputStream(InputStream in, long length, String contentType) {
        return of(ContentSource.ofInputStream(in, length), contentType);
    }
}
