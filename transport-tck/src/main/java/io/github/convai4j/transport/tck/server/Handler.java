package io.github.convai4j.transport.tck.server;

import java.io.IOException;

/**
 * Answers one request on the {@link LoopbackServer}. Runs on the thread of the connection that carried
 * the request, so it may block, stall or sleep as long as the test needs (the server interrupts it and
 * closes its socket when it stops).
 *
 * <p>A handler either completes a response (with one of the {@code respond...} methods of
 * {@link Exchange}, or by writing raw bytes and calling {@link Exchange#markResponseComplete()}), or
 * leaves the response incomplete, in which case the server closes the connection after the handler
 * returns. Whatever part of the request body the handler did not read is read by the server afterwards.
 */
@FunctionalInterface
public interface Handler {

    /**
     * Answers a request.
     *
     * @param exchange the request and the means to answer it
     * @throws IOException if reading or writing fails (the server then closes the connection)
     * @throws InterruptedException if the handler is interrupted while waiting (the server is stopping)
     */
    void handle(Exchange exchange) throws IOException, InterruptedException;
}
