package io.github.convai4j.transport.tck.server;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One part of a parsed {@code multipart/form-data} body: header fields, the form name and file name from
 * {@code Content-Disposition}, the content type, and the content's length and digests (the content
 * itself is kept when it is small). Immutable.
 */
public final class ReceivedPart {
    /** Parts up to this many bytes keep their content for {@link #content()}: 64 KiB. */
    public static final int KEPT_CONTENT_LIMIT = 64 * 1024;

    private final List<HeaderField> headers;
    private final String name;
    private final String filename;
    private final String contentType;
    private final BodySummary summary;
    private final byte[] content;

    private ReceivedPart(List<HeaderField> headers, String name, String filename, String contentType,
            BodySummary summary, byte[] content) {
        this.headers = headers;
        this.name = name;
        this.filename = filename;
        this.contentType = contentType;
        this.summary = summary;
        this.content = content;
    }

    static ReceivedPart of(List<HeaderField> headers, BodySummary summary, byte[] content, int index)
            throws MalformedMultipartException {
        String disposition = null;
        String contentType = null;
        for (HeaderField field : headers) {
            if (field.is("Content-Disposition")) {
                if (disposition != null) {
                    throw new MalformedMultipartException("Part " + index + " has two Content-Disposition fields");
                }
                disposition = field.value();
            } else if (field.is("Content-Type")) {
                contentType = field.value();
            }
        }
        if (disposition == null) {
            throw new MalformedMultipartException("Part " + index + " has no Content-Disposition (RFC 7578 section"
                    + " 4.2); its headers are " + headers);
        }
        int semi = disposition.indexOf(';');
        String type = (semi < 0 ? disposition : disposition.substring(0, semi)).trim();
        if (!type.equalsIgnoreCase("form-data")) {
            throw new MalformedMultipartException("Part " + index + " has disposition \"" + type
                    + "\", expected form-data");
        }
        String name = null;
        String filename = null;
        for (MultipartParser.Parameter p : MultipartParser.parameters(semi < 0 ? "" : disposition.substring(semi))) {
            if (p.name.equals("name")) {
                name = p.value;
            } else if (p.name.equals("filename")) {
                filename = p.value;
            }
        }
        if (name == null) {
            throw new MalformedMultipartException("Part " + index + " has no name parameter: " + disposition);
        }
        return new ReceivedPart(headers, name, filename, contentType, summary, content);
    }

    /**
     * Returns the part's header fields in order.
     *
     * @return the fields
     */
    public List<HeaderField> headers() {
        return headers;
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
     * Returns the file name.
     *
     * @return the file name, or {@code null} if the part has none
     */
    public String filename() {
        return filename;
    }

    /**
     * Returns the part's {@code Content-Type}.
     *
     * @return the content type, or {@code null} if the part has none
     */
    public String contentType() {
        return contentType;
    }

    /**
     * Returns the length and digests of the part's content.
     *
     * @return the summary
     */
    public BodySummary summary() {
        return summary;
    }

    /**
     * Returns the content, if it was small enough to keep ({@link #KEPT_CONTENT_LIMIT}).
     *
     * @return a copy of the content
     * @throws IllegalStateException if the content was larger than the limit
     */
    public byte[] content() {
        if (content == null) {
            throw new IllegalStateException("Part " + name + " has " + summary.length()
                    + " bytes, too many to keep; compare summary() instead");
        }
        return content.clone();
    }

    /**
     * Returns the content decoded as UTF-8, if it was kept.
     *
     * @return the text
     * @throws IllegalStateException if the content was too large to keep
     */
    public String text() {
        return new String(content(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Part[name=" + name + (filename != null ? ", filename=" + filename : "")
                + (contentType != null ? ", " + contentType : "") + ", " + summary + "]";
    }
}
