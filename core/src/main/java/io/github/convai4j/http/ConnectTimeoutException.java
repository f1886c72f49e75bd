package io.github.convai4j.http;

import java.time.Duration;

/** The connect timeout ran out: establishing the connection (TCP connect and TLS handshake) took too long. */
public final class ConnectTimeoutException extends TimeoutIOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param timeout the timeout that ran out
     * @param detail what was happening, e.g. the host; must not hold credentials
     */
    public ConnectTimeoutException(Duration timeout, String detail) {
        super("Connect", timeout, detail);
    }
}
