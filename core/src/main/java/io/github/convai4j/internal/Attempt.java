package io.github.convai4j.internal;

import io.github.convai4j.errors.ApiError;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One attempt of a call: its number (1 for the first) and the exact request sent, and once a response
 * arrives, its status and how many body bytes were read off the wire (for {@link io.github.convai4j.core.CallListener}s).
 */
final class Attempt {

    private final int number;
    private final HttpRequest request;
    private final boolean limitedByDeadline;
    private volatile int status = -1;
    private volatile CountingStream body;
    private volatile String requestId;

    Attempt(int number, HttpRequest request, boolean limitedByDeadline) {
        this.number = number;
        this.request = request;
        this.limitedByDeadline = limitedByDeadline;
    }

    int number() {
        return number;
    }

    HttpRequest request() {
        return request;
    }

    /**
     * Tells whether this attempt's total timeout is what was left of the call's deadline (rather than the
     * attempt timeout), so that a total timeout means the deadline ran out.
     */
    boolean limitedByDeadline() {
        return limitedByDeadline;
    }

    /** Records the response's status, and returns it with a body that counts the bytes read from the wire. */
    HttpResponse received(HttpResponse response) {
        status = response.statusCode();
        requestId = ApiError.requestIdOf(response.headers());
        CountingStream counting = new CountingStream(response.body());
        body = counting;
        return new HttpResponse(response.statusCode(), response.headers(), counting);
    }

    /** The response status, or -1 before (or without) a response. */
    int status() {
        return status;
    }

    /** The response's request id, or {@code null}. */
    String requestId() {
        return requestId;
    }

    /** The response body bytes read so far, as received (before decompression). */
    long responseBodyBytes() {
        CountingStream counting = body;
        return counting == null ? 0 : counting.count;
    }

    /** The request body's length: 0 without one, -1 if unknown. */
    long requestBodyBytes() {
        return request.body() == null ? 0 : request.body().contentLength();
    }

    private static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            if (skipped > 0) {
                count += skipped;
            }
            return skipped;
        }
    }
}
