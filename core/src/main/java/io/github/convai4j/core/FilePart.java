package io.github.convai4j.core;

import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.MultipartBody;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file sent as one part of a multipart upload (an agent's avatar, a knowledge-base document, a
 * conversation file): its content, a filename and a content type.
 *
 * <p>Content is streamed when the request is sent, never buffered whole. A part from a {@link Path} or a
 * {@code byte[]} can be sent again, so the request can be retried; a part from an {@link InputStream} is
 * read once, so a request carrying it is never retried. The caller keeps ownership of the stream: the
 * runtime reads it but closes it only as far as the transport's body writing does; close it after the call.
 *
 * <p>The default content type is {@value #DEFAULT_CONTENT_TYPE}. Immutable and thread-safe (the content
 * of an {@link InputStream} part can of course be consumed only once).
 */
public final class FilePart {

    /** The content type used when none is given: {@value}. */
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final ContentSource source;
    private final String filename;
    private final String contentType;

    private FilePart(ContentSource source, String filename, String contentType) {
        this.source = source;
        this.filename = Objects.requireNonNull(filename, "filename");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
    }

    /**
     * A file on disk, sent under its own name. Repeatable.
     *
     * @param path the file
     * @return the part
     */
    public static FilePart of(Path path) {
        Objects.requireNonNull(path, "path");
        Path name = path.getFileName();
        return new FilePart(ContentSource.ofPath(path), name == null ? "file" : name.toString(), DEFAULT_CONTENT_TYPE);
    }

    /**
     * Bytes in memory. Repeatable.
     *
     * @param bytes the content (not copied: do not change it until the call returns)
     * @param filename the filename sent with the part
     * @return the part
     */
    public static FilePart of(byte[] bytes, String filename) {
        return new FilePart(ContentSource.ofBytes(Objects.requireNonNull(bytes, "bytes")), filename, DEFAULT_CONTENT_TYPE);
    }

    /**
     * A stream of known length. Read once: a request carrying it is not retried.
     *
     * @param in the content; the caller closes it after the call
     * @param length its exact length in bytes
     * @param filename the filename sent with the part
     * @return the part
     */
    public static FilePart of(InputStream in, long length, String filename) {
        return new FilePart(ContentSource.ofInputStream(Objects.requireNonNull(in, "in"), length), filename,
                DEFAULT_CONTENT_TYPE);
    }

    /**
     * Returns this part with another content type, such as {@code image/png} or {@code application/pdf}.
     *
     * @param contentType the content type
     * @return a new part
     */
    public FilePart withContentType(String contentType) {
        return new FilePart(source, filename, contentType);
    }

    /**
     * Returns the content.
     *
     * @return the source
     */
    public ContentSource source() {
        return source;
    }

    /**
     * Returns the filename sent with the part.
     *
     * @return the filename
     */
    public String filename() {
        return filename;
    }

    /**
     * Returns the content type sent with the part.
     *
     * @return the content type
     */
    public String contentType() {
        return contentType;
    }

    /**
     * Adds this part to a multipart body under a form field name; for generated services.
     *
     * @param body the body being built
     * @param name the form field name
     * @return {@code body}
     */
    public MultipartBody.Builder addTo(MultipartBody.Builder body, String name) {
        return body.addFile(name, filename, contentType, source);
    }

    @Override
    public String toString() {
        return "FilePart{" + filename + ", " + contentType + ", " + source + "}";
    }
}
