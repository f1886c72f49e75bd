package io.github.convai4j.testkit;

import java.util.Locale;

/**
 * A file the fake server stored from a multipart upload (an agent avatar, a conversation file, a
 * knowledge-base file document), as it arrived: part filename, part content type and bytes.
 * Immutable and thread-safe; {@link #bytes()} returns a copy.
 */
public final class StoredFile {

    private final String filename;
    private final String contentType;
    private final byte[] bytes;

    StoredFile(String filename, String contentType, byte[] bytes) {
        this.filename = filename;
        this.contentType = contentType;
        this.bytes = bytes;
    }

    /**
     * Returns the {@code filename} parameter of the part's {@code Content-Disposition}.
     *
     * @return the file name as sent
     */
    public String filename() {
        return filename;
    }

    /**
     * Returns the part's {@code Content-Type}.
     *
     * @return the media type as sent, or {@code application/octet-stream} when the part had none
     */
    public String contentType() {
        return contentType;
    }

    /**
     * Returns a copy of the file's bytes.
     *
     * @return the content
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the file's size.
     *
     * @return the number of bytes
     */
    public int size() {
        return bytes.length;
    }

    byte[] bytesUnsafe() {
        return bytes;
    }

    String extension() {
        int dot = filename.lastIndexOf('.');
        if (dot < 0 || dot == filename.length() - 1) {
            return "";
        }
        return filename.substring(dot).toLowerCase(Locale.ROOT);
    }

    /**
     * Describes the file without its content.
     *
     * @return e.g. {@code "StoredFile[avatar.png, image/png, 1024 bytes]"}
     */
    @Override
    public String toString() {
        return "StoredFile[" + filename + ", " + contentType + ", " + bytes.length + " bytes]";
    }
}
