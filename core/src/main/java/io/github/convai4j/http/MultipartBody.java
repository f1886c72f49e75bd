package io.github.convai4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/form-data} body (RFC 7578): text fields and file parts, encoded as they are sent.
 *
 * <p>Nothing is buffered whole: each part's {@link ContentSource} is opened in turn and streamed. The
 * {@linkplain #contentLength() length} is known when every part's length is known, and then sent as
 * {@code Content-Length}; otherwise it is -1 and the body goes chunked. The body is
 * {@linkplain #isRepeatable() repeatable} when every part's source is.
 *
 * <p>Field names and file names are written as UTF-8 inside quoted strings, with {@code "}, CR and LF
 * percent-encoded ({@code %22}, {@code %0D}, {@code %0A}) as browsers do, so no name can break the framing.
 *
 * <p>A transport may hand this body to its own multipart support instead of calling {@link #writeTo}, but
 * only if the transport conformance kit shows that the server receives the same parts and bytes.
 *
 * <p>Immutable and thread-safe (a part read from a caller's {@code InputStream} can be sent once).
 */
public final class MultipartBody implements RequestBody {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] DASHES = {'-', '-'};
    private static final String BOUNDARY_CHARS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final List<Part> parts;
    private final long contentLength;

    MultipartBody(Builder builder) {
        this.boundary = builder.boundary != null ? builder.boundary : randomBoundary();
        this.parts = Collections.unmodifiableList(new ArrayList<>(builder.parts));
        this.contentLength = computeLength();
    }

    /**
     * Returns a new builder.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the boundary that separates the parts.
     *
     * @return the boundary
     */
    public String boundary() {
        return boundary;
    }

    /**
     * Returns the parts, in sending order.
     *
     * @return the parts
     */
    public List<Part> parts() {
        return parts;
    }

    /** Returns {@code multipart/form-data; boundary=...}. */
    @Override
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public boolean isRepeatable() {
        for (Part part : parts) {
            if (!part.source.isRepeatable()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        byte[] boundaryBytes = boundary.getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[Streams.BUFFER_SIZE];
        for (Part part : parts) {
            out.write(DASHES);
            out.write(boundaryBytes);
            out.write(CRLF);
            out.write(part.headerBytes());
            try (InputStream in = part.source.open()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            }
            out.write(CRLF);
        }
        out.write(DASHES);
        out.write(boundaryBytes);
        out.write(DASHES);
        out.write(CRLF);
    }

    @Override
    public String toString() {
        return "MultipartBody" + parts;
    }

    private long computeLength() {
        long boundaryLength = boundary.length();
        long total = 2 + boundaryLength + 2 + 2; // closing delimiter: --boundary--CRLF
        for (Part part : parts) {
            long length = part.source.length();
            if (length < 0) {
                return -1;
            }
            total += 2 + boundaryLength + 2 + part.headerBytes().length + length + 2;
        }
        return total;
    }

    private static String randomBoundary() {
        StringBuilder sb = new StringBuilder("convai4j-");
        for (int i = 0; i < 32; i++) {
            sb.append(BOUNDARY_CHARS.charAt(RANDOM.nextInt(BOUNDARY_CHARS.length())));
        }
        return sb.toString();
    }

    /** Quoted-string content for a name: UTF-8, with {@code "} CR LF percent-encoded (WHATWG, RFC 7578 §2). */
    static String escapeName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '"':
                    sb.append("%22");
                    break;
                case '\r':
                    sb.append("%0D");
                    break;
                case '\n':
                    sb.append("%0A");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * One part of a multipart body: a name, an optional file name, an optional content type, and the
     * bytes. Immutable.
     */
    public static final class Part {
        final String name;
        final String filename;
        final String contentType;
        final ContentSource source;
        final byte[] headerBytes;

        Part(String name, String filename, String contentType, ContentSource source) {
            this.name = Objects.requireNonNull(name, "part name");
            this.filename = filename;
            if (contentType != null) {
                Headers.checkValue("Content-Type of part " + name, contentType);
            }
            this.contentType = contentType;
            this.source = Objects.requireNonNull(source, "source of part " + name);
            this.headerBytes = encodeHeaders();
        }

        /**
         * Returns the form field name.
         *
         * @return the name
         */
        public String name() {
            return name;
        }

        /**
         * Returns the file name sent in {@code Content-Disposition}.
         *
         * @return the file name, or {@code null} for a plain field
         */
        public String filename() {
            return filename;
        }

        /**
         * Returns the part's content type.
         *
         * @return the content type, or {@code null} for a plain text field
         */
        public String contentType() {
            return contentType;
        }

        /**
         * Returns where the part's bytes come from.
         *
         * @return the source
         */
        public ContentSource source() {
            return source;
        }

        byte[] headerBytes() {
            return headerBytes;
        }

        byte[] encodeHeaders() {
            StringBuilder sb = new StringBuilder("Content-Disposition: form-data; name=\"")
                    .append(escapeName(name)).append('"');
            if (filename != null) {
                sb.append("; filename=\"").append(escapeName(filename)).append('"');
            }
            sb.append("\r\n");
            if (contentType != null) {
                sb.append("Content-Type: ").append(contentType).append("\r\n");
            }
            sb.append("\r\n");
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Part[name=" + name + (filename != null ? ", filename=" + filename : "")
                    + (contentType != null ? ", " + contentType : "") + ", " + source + "]";
        }
    }

    /** Builds a {@link MultipartBody}. Not thread-safe. */
    public static final class Builder {
        final List<Part> parts = new ArrayList<>();
        String boundary;

        Builder() {
        }

        /**
         * Sets the boundary instead of a random one. Rarely needed; tests use it for exact bytes.
         *
         * @param boundary 1 to 70 characters from RFC 2046's boundary alphabet, not ending in a space
         * @return this builder
         * @throws IllegalArgumentException if the boundary is not valid
         */
        public Builder boundary(String boundary) {
            Objects.requireNonNull(boundary, "boundary");
            if (boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")) {
                throw new IllegalArgumentException("A multipart boundary has 1 to 70 characters and does not end"
                        + " with a space (RFC 2046); got " + boundary.length() + " characters");
            }
            for (int i = 0; i < boundary.length(); i++) {
                char c = boundary.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                        || "'()+_,-./:=? ".indexOf(c) >= 0)) {
                    throw new IllegalArgumentException("Character '" + c + "' is not allowed in a multipart"
                            + " boundary (RFC 2046: letters, digits and '()+_,-./:=? )");
                }
            }
            this.boundary = boundary;
            return this;
        }

        /**
         * Adds a text field, sent as UTF-8 without a content type (so {@code text/plain} by RFC 7578).
         *
         * @param name field name
         * @param value field value
         * @return this builder
         */
        public Builder addField(String name, String value) {
            Objects.requireNonNull(value, "value of field " + name);
            parts.add(new Part(name, null, null, ContentSource.ofBytes(value.getBytes(StandardCharsets.UTF_8))));
            return this;
        }

        /**
         * Adds a file part.
         *
         * @param name field name
         * @param filename file name sent to the server, or {@code null}
         * @param contentType the part's media type, or {@code null} ({@code application/octet-stream} is
         *     a good choice when unknown)
         * @param source the bytes
         * @return this builder
         */
        public Builder addFile(String name, String filename, String contentType, ContentSource source) {
            parts.add(new Part(name, filename, contentType, source));
            return this;
        }

        /**
         * Builds the body.
         *
         * @return the body
         * @throws IllegalStateException if no part was added
         */
        public MultipartBody build() {
            if (parts.isEmpty()) {
                throw new IllegalStateException("A multipart body needs at least one part");
            }
            return new MultipartBody(this);
        }
    }
}
