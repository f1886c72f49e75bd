package io.github.convai4j.http;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A timeout of an exchange ran out. One subclass per timeout of {@link HttpRequest}:
 * {@link ConnectTimeoutException}, {@link ReadTimeoutException}, {@link TotalTimeoutException}. Thrown by
 * a {@link Transport} from {@code execute}, as the cause of a failed {@code executeAsync} future, or from a
 * response body stream.
 */
public abstract class TimeoutIOException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    private final transient Duration timeout;

    TimeoutIOException(String which, Duration timeout, String detail) {
        super(which + " timeout of " + timeout.toMillis() + " ms ran out"
                + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.timeout = timeout;
    }

    /**
     * Returns the timeout that ran out.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
