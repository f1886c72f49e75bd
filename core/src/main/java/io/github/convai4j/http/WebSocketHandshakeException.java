package io.github.convai4j.http;

import java.io.IOException;

/** The server refused the WebSocket upgrade: it answered the opening handshake with a non-101 status. */
public final class WebSocketHandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the refusal. */
    private final int statusCode;
    private final transient Headers headers;
    /** The start of the refusal's body. */
    private final String body;

    /**
     * Creates the exception.
     *
     * @param statusCode the HTTP status the server answered with
     * @param headers the response headers
     * @param body the start of the response body (may be empty), for error details
     */
    public WebSocketHandshakeException(int statusCode, Headers headers, String body) {
        super("The server refused the WebSocket upgrade with HTTP " + statusCode);
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body == null ? "" : body;
    }

    /**
     * Returns the HTTP status of the refusal.
     *
     * @return the status code
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns the response headers of the refusal.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the start of the refusal's body.
     *
     * @return the body text, possibly empty
     */
    public String body() {
        return body;
    }
}
