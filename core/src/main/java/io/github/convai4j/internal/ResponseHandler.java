package io.github.convai4j.internal;

import io.github.convai4j.http.HttpResponse;

import java.io.IOException;

/**
 * Turns a successful (2xx) response into the value a call returns. The runtime calls it once per call,
 * after retries, with the response of the attempt that succeeded; error statuses never reach it.
 *
 * <p>Use the ready-made handlers in {@link ResponseHandlers}: JSON through a {@link io.github.convai4j.json.JsonCodec}, untyped
 * JSON, no content, text, and streaming binary.
 *
 * <p><b>Threads:</b> a sync call runs the handler on the caller's thread; an async call on the client's
 * executor, never on a transport I/O thread, so a handler may block reading the body.
 *
 * <p><b>Failures:</b> throw a {@link com.fasterxml.jackson.core.JsonProcessingException} (or any
 * {@link RuntimeException}) for content that cannot be decoded: the runtime turns it into a
 * {@link io.github.convai4j.errors.DecodingException}. Let {@link IOException}s from reading the body
 * propagate: the runtime maps them onto its I/O and timeout exceptions.
 *
 * <p><b>Closing:</b> unless {@link #keepsResponseOpen()}, the runtime closes the response after the handler
 * returns or fails. Implementations are stateless and thread-safe.
 *
 * @param <T> the value type
 */
public interface ResponseHandler<T> {

    /**
     * Returns the {@code Accept} header to send.
     *
     * @return the media types this handler reads, e.g. {@code "application/json"}
     */
    String accept();

    /**
     * Reads the value from a 2xx response.
     *
     * @param response the response; its body streams
     * @param context the call the response belongs to
     * @return the value
     * @throws IOException if reading the body fails
     */
    T handle(HttpResponse response, ResponseContext context) throws IOException;

    /**
     * Tells whether the value returned takes over the response (a streaming download) so that the runtime
     * must not close it after {@link #handle}. The runtime still closes it if {@code handle} fails.
     *
     * @return {@code true} if the returned value owns the response; {@code false} by default
     */
    default boolean keepsResponseOpen() {
        return false;
    }
}
