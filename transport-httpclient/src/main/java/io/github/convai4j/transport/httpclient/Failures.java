package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.TimeoutIOException;
import io.github.convai4j.http.TotalTimeoutException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpException;

/** Maps HttpClient's failures onto the exception types that the Transport SPI documents. */
final class Failures {

    private Failures() {
    }

    static IOException map(Throwable t, Timeouts timeouts, String what) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TimeoutIOException) {
            return (IOException) t;
        }
        if (t instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
            return withCause(new ConnectTimeoutException(timeouts.connect, what), t);
        }
        if (t instanceof ConnectionRequestTimeoutException) {
            return withCause(new TotalTimeoutException(timeouts.total,
                    what + " (still waiting for a pooled connection; raise maxConnectionsPerHost?)"), t);
        }
        if (t instanceof SocketTimeoutException) {
            return withCause(new ReadTimeoutException(timeouts.read, what), t);
        }
        if (t instanceof IOException) {
            return (IOException) t;
        }
        if (t instanceof HttpException) {
            return new IOException("HTTP protocol error in " + what + ": " + t.getMessage(), t);
        }
        if (t instanceof CancellationException) {
            return new IOException("The exchange " + what + " was cancelled", t);
        }
        return new IOException("The exchange " + what + " failed: " + t, t);
    }

    static <T extends IOException> T withCause(T e, Throwable cause) {
        if (cause != null && cause != e) {
            e.initCause(cause);
        }
        return e;
    }
}
