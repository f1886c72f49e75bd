package io.github.convai4j.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A {@link RequestBody} over a byte array: every JSON request body. Its own class rather than a {@link SourceBody}
 * over {@link ContentSource#ofBytes}, so that an app that sends only JSON keeps (when shrunk) neither of those, and
 * the bytes are written in one call instead of being copied through a stream and a buffer.
 */
final class BytesBody implements RequestBody {
    private final byte[] bytes;
    private final String contentType;

    BytesBody(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        if (contentType != null) {
            Headers.checkValue("Content-Type", contentType);
        }
        this.bytes = bytes;
        this.contentType = contentType;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public long contentLength() {
        return bytes.length;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** As a {@link SourceBody} over the same bytes shows itself. */
    @Override
    public String toString() {
        return "RequestBody[" + contentType + ", ContentSource[" + bytes.length + " bytes]]";
    }
}
