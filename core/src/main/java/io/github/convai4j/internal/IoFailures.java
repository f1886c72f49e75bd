package io.github.convai4j.internal;

import io.github.convai4j.errors.ConnectionFailedException;
import io.github.convai4j.errors.ConvaiIOException;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.TotalTimeoutException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Maps the {@link IOException}s a transport reports (see {@code io.github.convai4j.http.Transport}) onto
 * the client's unchecked exceptions: connection failures, the four kinds of timeout, and other I/O errors.
 */
final class IoFailures {

    private final Redactor redactor;

    IoFailures(Redactor redactor) {
        this.redactor = redactor;
    }

    ConvaiIOException map(IOException e, PreparedCall call, Attempt attempt, Deadline deadline) {
        HttpRequest request = attempt.request();
        String where = call.describe() + " to " + hostAndPort(request);
        String cause = redactor.text(String.valueOf(e.getMessage()));
        if (e instanceof ConnectTimeoutException) {
            return timeout(ConvaiTimeoutException.Kind.CONNECT, ((ConnectTimeoutException) e).timeout(),
                    "Connecting for " + where + " timed out after " + millis(((ConnectTimeoutException) e).timeout()), e);
        }
        if (e instanceof ReadTimeoutException) {
            return timeout(ConvaiTimeoutException.Kind.READ, ((ReadTimeoutException) e).timeout(),
                    "No response data for " + where + " within the read timeout of "
                            + millis(((ReadTimeoutException) e).timeout()), e);
        }
        if (e instanceof TotalTimeoutException) {
            if (attempt.limitedByDeadline()) {
                return timeout(ConvaiTimeoutException.Kind.DEADLINE, deadline.timeout(), "The deadline of "
                        + millis(deadline.timeout()) + " of " + where + " ran out (attempt " + attempt.number() + ")", e);
            }
            return timeout(ConvaiTimeoutException.Kind.ATTEMPT, ((TotalTimeoutException) e).timeout(), "Attempt "
                    + attempt.number() + " of " + where + " took longer than the attempt timeout of "
                    + millis(((TotalTimeoutException) e).timeout()), e);
        }
        if (e instanceof SocketTimeoutException) {
            Duration read = request.readTimeout() != null ? request.readTimeout() : Duration.ZERO;
            return timeout(ConvaiTimeoutException.Kind.READ, read, "Timed out waiting for " + where + ": " + cause, e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof PortUnreachableException) {
            return new ConnectionFailedException("Could not connect for " + where + ": " + cause
                    + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return new ConvaiIOException("I/O failure in " + where + ": " + cause + " (" + e.getClass().getSimpleName()
                + ")", e);
    }

    private static ConvaiTimeoutException timeout(ConvaiTimeoutException.Kind kind, Duration timeout, String message,
            IOException cause) {
        return new ConvaiTimeoutException(kind, timeout, message, cause);
    }

    private static String hostAndPort(HttpRequest request) {
        int port = request.uri().getPort();
        return request.uri().getHost() + (port < 0 ? "" : ":" + port);
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
