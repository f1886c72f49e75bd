package io.github.convai4j.http;

import java.time.Duration;

/** The total timeout ran out: the whole exchange, until the response body was read or closed, took too long. */
public final class TotalTimeoutException extends TimeoutIOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param timeout the timeout that ran out
     * @param detail what was happening, e.g. the host; must not hold credentials
     */
    public TotalTimeoutException(Duration timeout, String detail) {
        super("Total", timeout, detail);
    }
}
