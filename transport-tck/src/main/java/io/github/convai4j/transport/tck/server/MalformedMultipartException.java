package io.github.convai4j.transport.tck.server;

import java.io.IOException;

/** A {@code multipart/form-data} body that does not follow RFC 7578 / RFC 2046. */
public final class MalformedMultipartException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the body
     */
    public MalformedMultipartException(String message) {
        super(message);
    }
}
