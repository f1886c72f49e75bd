package io.github.convai4j.internal;

import io.github.convai4j.errors.ApiError;
import io.github.convai4j.errors.ConvaiIOException;
import io.github.convai4j.http.HttpResponse;

import java.io.IOException;
import java.util.function.Function;

/**
 * What a {@link ResponseHandler} may need to know about the call besides the response: which operation
 * it was, and how to turn an {@link IOException} met while reading the body later (a streamed download)
 * into the client's unchecked exceptions.
 *
 * <p>Immutable and thread-safe.
 */
public final class ResponseContext {

    private final String operation;
    private final String requestId;
    private final Function<IOException, ConvaiIOException> failures;
    /** The client, and where its caller started the call: for the leak detector of a streamed response. */
    final ClientContext client;
    final Throwable openedAt;

    ResponseContext(String operation, HttpResponse response, Function<IOException, ConvaiIOException> failures,
            ClientContext client, Throwable openedAt) {
        this.operation = operation;
        this.requestId = ApiError.requestIdOf(response.headers());
        this.failures = failures;
        this.client = client;
        this.openedAt = openedAt;
    }

    /**
     * Returns the operation, e.g. {@code "get_agent_route GET /v1/convai/agents/{agent_id}"}. Safe to log.
     *
     * @return the description
     */
    public String operation() {
        return operation;
    }

    /**
     * Returns the response's request id ({@code request-id} or {@code x-trace-id} header).
     *
     * @return the id, or {@code null}
     */
    public String requestId() {
        return requestId;
    }

    /**
     * Maps a failure met while reading the response body onto the client's exceptions: a timeout becomes
     * a {@link io.github.convai4j.errors.ConvaiTimeoutException} of the right kind, anything else a
     * {@link ConvaiIOException}.
     *
     * @param failure the failure
     * @return the exception to throw
     */
    public ConvaiIOException ioFailure(IOException failure) {
        return failures.apply(failure);
    }
}
