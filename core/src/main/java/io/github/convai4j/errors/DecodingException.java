package io.github.convai4j.errors;

/**
 * A successful (2xx) response could not be read as the expected type: its body is not well-formed JSON,
 * breaks one of the read limits of {@code io.github.convai4j.json.Json} (nesting depth, string, number or
 * document length), or is cut short. Not retried: the same request would most likely get the same answer.
 */
public class DecodingException extends ConvaiException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the response. */
    private final int statusCode;
    /** The request id of the response, or null. */
    private final String requestId;

    /**
     * Creates the exception.
     *
     * @param message what could not be read; must not hold a secret
     * @param statusCode the response's HTTP status
     * @param requestId the response's request id, or {@code null}
     * @param cause the parser's failure, or {@code null}
     */
    public DecodingException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.requestId = requestId;
    }

    /**
     * Returns the HTTP status of the response that could not be read.
     *
     * @return the status code
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns the request id the server gave the response ({@code request-id} or {@code x-trace-id}).
     *
     * @return the id, or {@code null} if the response had none
     */
    public String requestId() {
        return requestId;
    }
}
