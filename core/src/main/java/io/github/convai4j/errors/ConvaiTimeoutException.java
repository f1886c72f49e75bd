package io.github.convai4j.errors;

import java.time.Duration;

/**
 * A timeout ran out. {@link #kind()} tells which one; {@link #timeout()} its value.
 */
public class ConvaiTimeoutException extends ConvaiIOException {
    private static final long serialVersionUID = 1L;

    /** Which timeout ran out. */
    public enum Kind {
        /** Establishing the connection (TCP and TLS) took too long; nothing was sent. */
        CONNECT,
        /** No byte of the response arrived within the read (idle) timeout. */
        READ,
        /** One attempt (request and response, until its body was read) took longer than the attempt timeout. */
        ATTEMPT,
        /** The overall deadline of the call, across all attempts and the waits between them, ran out. */
        DEADLINE
    }

    /** Which timeout ran out. */
    private final Kind kind;
    private final transient Duration timeout;

    /**
     * Creates the exception.
     *
     * @param kind which timeout ran out
     * @param timeout its value
     * @param message what was happening; must not hold a secret
     * @param cause the transport's failure, or {@code null}
     */
    public ConvaiTimeoutException(Kind kind, Duration timeout, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.timeout = timeout;
    }

    /**
     * Returns which timeout ran out.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the value of the timeout that ran out.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
