package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.GeneratedContent;
import io.github.convai4j.transport.tck.server.RecordedRequest;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cancel} on the async future aborts the exchange and frees its connection; closing a response
 * body early frees the connection too. Run with {@code maxConnectionsPerHost(1)}, so a slot that is not
 * freed blocks the next request.
 */
abstract class CancellationConformance extends ConformanceGroup {

    CancellationConformance(TransportConformanceTest suite) {
        super(suite);
    }

    private Transport singleConnection() {
        return newTransport(options().maxConnectionsPerHost(1).build());
    }

    private void ok() {
        server().handle("/ok", ex -> {
            ex.readRequest();
            ex.respond(200, "ok");
        });
    }

    private void assertNextRequestSucceeds(Transport t, String after) throws Exception {
        Received next;
        try {
            next = exchange(t, request(HttpMethod.GET, "/ok").build(), Mode.SYNC);
        } catch (AssertionError e) {
            throw new org.opentest4j.AssertionFailedError("With maxConnectionsPerHost(1), the request after " + after
                    + " did not get through: the connection slot was not freed (" + e.getMessage() + ")", e);
        }
        assertEquals("ok", next.text());
    }

    @ParameterizedTest(name = "mayInterruptIfRunning={0}")
    @ValueSource(booleans = {true, false})
    void cancelWhileResponseHeadArrivesAbortsAndFreesTheConnection(boolean mayInterrupt) throws Exception {
        CountDownLatch headStarted = new CountDownLatch(1);
        CountDownLatch clientClosed = new CountDownLatch(1);
        server().handle("/half-head", ex -> {
            ex.readRequest();
            ex.writeAscii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n");
            headStarted.countDown();
            if (ex.awaitClientClose(Duration.ofSeconds(60))) {
                clientClosed.countDown();
            }
        });
        ok();
        Transport t = singleConnection();
        CompletableFuture<HttpResponse> future = t.executeAsync(request(HttpMethod.GET, "/half-head").build());
        assertTrue(headStarted.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS), "The request never reached the"
                + " server");
        Thread.sleep(200); // let the transport read the partial head
        assertFalse(future.isDone(), "The future completed although the response head is unfinished");

        future.cancel(mayInterrupt);
        assertTrue(future.isCancelled(), "cancel() on a pending future must cancel it");
        assertTrue(clientClosed.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS), () -> "After cancel("
                + mayInterrupt + ") the server still saw the connection open after " + PROMPTLY.getSeconds()
                + " s: cancelling must abort the exchange and close (or reset) its connection");
        assertNextRequestSucceeds(t, "cancel(" + mayInterrupt + ")");
    }

    @Test
    void cancelWhileQueuedForAConnectionNeverSendsTheRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server().handle("/hold", ex -> {
            ex.readRequest();
            release.await();
            ex.respond(200, "held");
        });
        ok();
        server().handle("/queued", ex -> {
            ex.readRequest();
            ex.respond(200, "queued");
        });
        Transport t = singleConnection();
        CompletableFuture<HttpResponse> first = t.executeAsync(request(HttpMethod.GET, "/hold").build());
        RecordedRequest held = takeRequest("GET /hold");
        assertEquals("/hold", held.target());
        CompletableFuture<HttpResponse> queued = t.executeAsync(request(HttpMethod.GET, "/queued").build());
        Thread.sleep(200);
        queued.cancel(true);
        release.countDown();
        try (HttpResponse r = TransportConformanceTest.await(first, EXCHANGE_BOUND, "the first request's future")) {
            readAll(r.body(), PROMPTLY, "reading the first body");
        }
        assertNextRequestSucceeds(t, "cancelling a queued request");
        Thread.sleep(200);
        for (RecordedRequest r : server().requests()) {
            assertFalse(r.target().equals("/queued"), () -> "A request cancelled while it waited for a connection"
                    + " (maxConnectionsPerHost(1) was taken) was sent anyway: " + server().requests());
        }
    }

    @ParameterizedTest(name = "mayInterruptIfRunning={0}")
    @ValueSource(booleans = {true, false})
    void cancelAfterCompletionLeavesTheBodyReadable(boolean mayInterrupt) throws Exception {
        byte[] content = GeneratedContent.bytes(41, 200_000);
        server().handle("/body", ex -> {
            ex.readRequest();
            ex.respond(200, content);
        });
        CompletableFuture<HttpResponse> future = transport().executeAsync(request(HttpMethod.GET, "/body").build());
        HttpResponse response = suite.track(TransportConformanceTest.await(future, EXCHANGE_BOUND, "the future"));
        assertFalse(future.cancel(mayInterrupt), "cancel() on a completed future returns false");
        byte[] body = readAll(response.body(), EXCHANGE_BOUND, "reading the body after a late cancel()");
        assertEquals(content.length, body.length, "cancel() after completion must not affect the body stream");
        assertTrue(java.util.Arrays.equals(content, body), "cancel() after completion corrupted the body");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void closingABodyEarlyFreesTheConnection(Mode mode) throws Exception {
        // 4 GiB: far too much to drain on close, so the transport has to drop the connection.
        long size = 4L * 1024 * 1024 * 1024;
        CountDownLatch serverDone = new CountDownLatch(1);
        server().handle("/huge", ex -> {
            ex.readRequest();
            try {
                ex.respondStreaming(200, mode == Mode.SYNC ? size : -1, new GeneratedContent(42, size));
            } finally {
                serverDone.countDown();
            }
        });
        ok();
        Transport t = singleConnection();
        HttpResponse response = send(t, request(HttpMethod.GET, "/huge").build(), mode);
        InputStream body = response.body();
        bounded(PROMPTLY, "reading the first MiB", () -> {
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            while (read < 1024 * 1024) {
                int n = body.read(buffer);
                assertTrue(n > 0, "The body ended early");
                read += n;
            }
            return null;
        });
        long start = System.nanoTime();
        bounded(Duration.ofSeconds(10), "HttpResponse.close() on a 4 GiB body after reading 1 MiB", () -> {
            response.close();
            return null;
        });
        assertPrompt(start, Duration.ofSeconds(10), "Closing a 4 GiB body early");
        assertNextRequestSucceeds(t, "closing a large body early");
        assertTrue(serverDone.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS), "The server was still writing the"
                + " 4 GiB body: closing the body early must close the connection (it is not worth draining)");
    }
}
