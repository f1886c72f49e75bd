package io.github.convai4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/** A {@link RequestBody} over a {@link ContentSource}. */
final class SourceBody implements RequestBody {
    private final ContentSource source;
    private final String contentType;

    SourceBody(ContentSource source, String contentType) {
        this.source = Objects.requireNonNull(source, "source");
        if (contentType != null) {
            Headers.checkValue("Content-Type", contentType);
        }
        this.contentType = contentType;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public long contentLength() {
        return source.length();
    }

    @Override
    public boolean isRepeatable() {
        return source.isRepeatable();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = source.open()) {
            Streams.copy(in, out);
        }
    }

    @Override
    public String toString() {
        return "RequestBody[" + contentType + ", " + source + "]";
    }
}
