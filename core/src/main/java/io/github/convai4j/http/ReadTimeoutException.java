package io.github.convai4j.http;

import java.time.Duration;

/** The read timeout ran out: no byte of the response arrived in time. */
public final class ReadTimeoutException extends TimeoutIOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param timeout the timeout that ran out
     * @param detail what was happening, e.g. the host; must not hold credentials
     */
    public ReadTimeoutException(Duration timeout, String detail) {
        super("Read", timeout, detail);
    }
}
