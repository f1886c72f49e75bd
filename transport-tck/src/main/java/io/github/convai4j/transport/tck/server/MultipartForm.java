package io.github.convai4j.transport.tck.server;

import java.util.List;

/**
 * A parsed {@code multipart/form-data} body: its parts in order, and the framing around them that
 * RFC 2046 allows but a convai4j request never has (a preamble, an epilogue). Immutable.
 */
public final class MultipartForm {
    private final List<ReceivedPart> parts;
    private final long preambleLength;
    private final long epilogueLength;
    private final boolean crlfAfterClose;

    MultipartForm(List<ReceivedPart> parts, long preambleLength, long epilogueLength, boolean crlfAfterClose) {
        this.parts = parts;
        this.preambleLength = preambleLength;
        this.epilogueLength = epilogueLength;
        this.crlfAfterClose = crlfAfterClose;
    }

    /**
     * Returns the parts in the order received.
     *
     * @return the parts
     */
    public List<ReceivedPart> parts() {
        return parts;
    }

    /**
     * Returns the first part with this form name.
     *
     * @param name the form field name
     * @return the part, or {@code null}
     */
    public ReceivedPart part(String name) {
        for (ReceivedPart part : parts) {
            if (name.equals(part.name())) {
                return part;
            }
        }
        return null;
    }

    /**
     * Returns the number of bytes before the first boundary.
     *
     * @return the preamble length
     */
    public long preambleLength() {
        return preambleLength;
    }

    /**
     * Returns the number of bytes after the close delimiter and its CRLF.
     *
     * @return the epilogue length
     */
    public long epilogueLength() {
        return epilogueLength;
    }

    /**
     * Tells whether the close delimiter was followed by CRLF.
     *
     * @return {@code true} if it was
     */
    public boolean crlfAfterCloseDelimiter() {
        return crlfAfterClose;
    }

    @Override
    public String toString() {
        return "MultipartForm" + parts + (preambleLength > 0 ? ", preamble " + preambleLength + " bytes" : "")
                + (epilogueLength > 0 ? ", epilogue " + epilogueLength + " bytes" : "");
    }
}
