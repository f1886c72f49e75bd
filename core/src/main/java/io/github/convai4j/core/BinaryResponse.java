package io.github.convai4j.core;

import io.github.convai4j.errors.ApiError;
import io.github.convai4j.errors.ConvaiIOException;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A binary response (conversation audio, a CSV export) whose body streams from the network as it is read:
 * nothing is held in memory whole.
 *
 * <p><b>Who closes what:</b> you own this object and must close it, best with try-with-resources, which
 * releases the connection. {@link #writeTo(Path)} and {@link #writeTo(OutputStream)} close it for you. The
 * body can be read once: through {@link #body()} or one {@code writeTo}. Reading the body to its end also
 * releases the connection; closing after that is harmless.
 *
 * <p><b>If you forget to close it:</b> it holds its pooled connection until the call's deadline (5 minutes by
 * default), and as many forgotten responses as the transport pools per host (64 by default) block every
 * further call to that host. So the client watches for them, as OkHttp and Netty do: once a response that was
 * neither closed nor read to its end is garbage-collected (the response and its {@link #body()} stream both
 * unreachable), the client's next call closes it, which gives the connection back, and logs one WARN to the
 * {@code io.github.convai4j.client} logger naming the operation (its path template, never the URL) and where
 * the call was made: the caller's stack, taken when the call started. Fix the code the warning points at: the
 * collector may run late, or not before the pool is used up. The stack is always taken, because a leak shows
 * in production, where no one turns DEBUG on first; it costs one {@code Throwable} per streamed call, whose
 * frames are only formatted if a warning is logged. At most 1,024 responses per client are watched at once.
 *
 * <p><b>Timeouts:</b> reading the body is still bounded by the call's read timeout and overall deadline
 * (see {@code ClientOptions}); for a large download, raise the deadline with {@code RequestOptions}.
 *
 * <p><b>Threads:</b> the body is read on the thread that reads it (for an async call, the future completes
 * on the client's executor once the headers are in; reading blocks the thread that reads). Not thread-safe:
 * one reader at a time.
 */
public final class BinaryResponse implements AutoCloseable {

    /** 64 KiB: each read may be a system call of the transport (HttpClient 5's classic connection). */
    private static final int BUFFER_SIZE = 64 * 1024;

    private final HttpResponse response;
    private final String operation;
    private final Function<IOException, ConvaiIOException> failures;
    private final AtomicBoolean consumed = new AtomicBoolean();

    /**
     * Wraps a streaming response; the client's runtime does this for a binary operation.
     *
     * @param response the response, whose body is not read yet
     * @param operation the operation, for messages (its id, method and path)
     * @param failures turns a failure reading the body into the client's exception
     */
    public BinaryResponse(HttpResponse response, String operation, Function<IOException, ConvaiIOException> failures) {
        this.response = Objects.requireNonNull(response, "response");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /**
     * Returns the HTTP status.
     *
     * @return the status, e.g. 200
     */
    public int statusCode() {
        return response.statusCode();
    }

    /**
     * Returns the response headers.
     *
     * @return the headers
     */
    public Headers headers() {
        return response.headers();
    }

    /**
     * Returns the media type, e.g. {@code "audio/mpeg"} or {@code "text/csv"}.
     *
     * @return the {@code Content-Type}, or {@code null} if the server sent none
     */
    public String contentType() {
        return response.headers().first("Content-Type");
    }

    /**
     * Returns the body's length as the server declared it.
     *
     * @return the {@code Content-Length}, or -1 if unknown (chunked)
     */
    public long contentLength() {
        String length = response.headers().first("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Returns the request id ({@code request-id} or {@code x-trace-id} header).
     *
     * @return the id, or {@code null}
     */
    public String requestId() {
        return ApiError.requestIdOf(response.headers());
    }

    /**
     * Returns the body stream. Reading it may block until bytes arrive and throws an {@link IOException}
     * if the exchange fails or a timeout runs out ({@code io.github.convai4j.http.ReadTimeoutException},
     * {@code TotalTimeoutException}). Close it, or this response, when done.
     *
     * @return the body
     * @throws IllegalStateException if the body was already taken
     */
    public InputStream body() {
        take();
        return response.body();
    }

    /**
     * Streams the body into a file (created, or replaced if it exists) with one 64 KiB buffer, then closes
     * this response. If the download fails, the partly written file is deleted.
     *
     * @param target the file
     * @return the number of bytes written
     * @throws ConvaiIOException if the download or the file write fails (a
     *     {@link io.github.convai4j.errors.ConvaiTimeoutException} if a timeout runs out)
     * @throws IllegalStateException if the body was already taken
     */
    public long writeTo(Path target) {
        take();
        OutputStream out;
        try {
            out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            close();
            throw new ConvaiIOException("Could not open " + target + " to write the response of "
                    + operation + ": " + e, e);
        }
        boolean done = false;
        try {
            try (OutputStream file = out) {
                long n = copyBody(file);
                done = true;
                return n;
            }
        } catch (IOException e) {
            throw new ConvaiIOException("Could not write the response of " + operation + " to " + target
                    + ": " + e, e);
        } finally {
            close();
            if (!done) {
                deleteQuietly(target);
            }
        }
    }

    /**
     * Streams the body into {@code out} with one 64 KiB buffer, then closes this response. Does not close
     * {@code out}.
     *
     * @param out where the bytes go
     * @return the number of bytes written
     * @throws ConvaiIOException if the download fails, or writing to {@code out} fails
     * @throws IllegalStateException if the body was already taken
     */
    public long writeTo(OutputStream out) {
        take();
        try {
            return copyBody(out);
        } catch (IOException e) {
            throw new ConvaiIOException("Could not write the response of " + operation + ": "
                    + e.getMessage(), e);
        } finally {
            close();
        }
    }

    /** Closes the body and releases the connection. Idempotent; never throws. */
    @Override
    public void close() {
        try {
            response.close();
        } catch (IOException ignored) {
            // Nothing left to release that a caller could act on.
        }
    }

    @Override
    public String toString() {
        return "BinaryResponse[" + statusCode() + ", " + contentType() + ", " + contentLength() + " bytes]";
    }

    /** Copies the body; failures reading the network become the client's exceptions, write failures stay IOExceptions. */
    private long copyBody(OutputStream out) throws IOException {
        InputStream in = response.body();
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw failures.apply(e);
            }
            if (n < 0) {
                return total;
            }
            out.write(buffer, 0, n);
            total += n;
        }
    }

    private void take() {
        if (!consumed.compareAndSet(false, true)) {
            throw new IllegalStateException("The body of this response was already read; it streams and can be read once");
        }
    }

    private static void deleteQuietly(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException ignored) {
            // Best effort: the caller gets the download failure, which matters more.
        }
    }
}
