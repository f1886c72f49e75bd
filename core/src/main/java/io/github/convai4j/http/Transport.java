package io.github.convai4j.http;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends HTTP requests: the plug between convai4j and an HTTP stack.
 *
 * <p>A transport carries bytes only. It sends the request's method, URL, headers and body as given,
 * follows no redirects, retries nothing, and does not interpret status codes: a 4xx or 5xx is a normal
 * response, and a 3xx is returned as it is, {@code Location} included. Core does authentication, retries,
 * JSON, errors and logging on top.
 *
 * <p>Headers: the transport writes the fields that frame the message or manage the connection
 * ({@code Host}, {@code Content-Length} or {@code Transfer-Encoding: chunked}, {@code Connection}; a request
 * never carries them, see {@link HttpRequest#isTransportHeader}), and sends the body's
 * {@link RequestBody#contentType()} as the {@code Content-Type}, exactly. It adds no other field (no
 * {@code Accept-Encoding}, no default {@code User-Agent}).
 *
 * <p><b>Failures</b> are {@link IOException}s with these documented types, which core maps onto its own
 * exceptions and its retry decisions:
 * <ul>
 *   <li>{@link java.net.ConnectException} (or {@link java.net.UnknownHostException}): no connection could
 *       be made, so nothing was sent;</li>
 *   <li>{@link ConnectTimeoutException}, {@link ReadTimeoutException}, {@link TotalTimeoutException}: the
 *       timeout of that name ran out (see {@link HttpRequest});</li>
 *   <li>any other {@code IOException}: the exchange failed part way (reset, TLS error, premature close).</li>
 * </ul>
 * An {@link IllegalStateException} means the transport is closed.
 *
 * <p><b>Threads:</b> {@link #execute} blocks the calling thread until the response headers have arrived.
 * The future of {@link #executeAsync} is completed on one of the transport's own I/O threads, so code
 * chained to it with non-{@code Async} methods must not block; core moves its work to its own executor.
 * The response body is read on whatever thread the caller chooses.
 *
 * <p>Implementations are thread-safe: one transport serves many concurrent requests and is meant to be
 * shared and long-lived. Closing the client that created a transport closes the transport.
 */
public interface Transport extends AutoCloseable {

    /**
     * Sends a request and waits for the response headers.
     *
     * @param request the request
     * @return the response, whose body streams; the caller closes it
     * @throws IOException if the exchange fails (see the types above)
     * @throws IllegalStateException if the transport is closed
     */
    HttpResponse execute(HttpRequest request) throws IOException;

    /**
     * Sends a request without blocking the calling thread.
     *
     * <p>The future completes with the response once its headers have arrived, or exceptionally with the
     * {@code IOException} that {@link #execute} would have thrown. {@code cancel(true)} or
     * {@code cancel(false)} aborts the exchange at any point, before or after the headers, and frees its
     * connection; the body stream of a response whose future was cancelled after completion is not
     * affected (close the response instead).
     *
     * @param request the request
     * @return the future response; the caller closes the response
     */
    CompletableFuture<HttpResponse> executeAsync(HttpRequest request);

    /**
     * Returns a short name for logs, e.g. {@code "httpclient5"} or {@code "netty"}.
     *
     * @return the transport's name
     */
    String name();

    /**
     * Returns the transport's WebSocket capability, which live agent conversations need.
     *
     * @return the WebSocket client sharing this transport's threads and TLS settings, or empty if the
     *     transport has none (the default)
     */
    default Optional<WebSocketTransport> webSocket() {
        return Optional.empty();
    }

    /**
     * Closes the transport: aborts exchanges in flight, closes pooled connections and stops every thread
     * the transport started (threads and event loops the user supplied are left running). Idempotent.
     */
    @Override
    void close();
}
