package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.LoopbackServer;
import io.github.convai4j.transport.tck.server.RecordedRequest;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Base of the suite's test groups: gives each group the enclosing suite's server, transports and
 * helpers. The groups are declared as {@code @Nested} inner classes of {@link TransportConformanceTest},
 * so JUnit creates them with the transport module's subclass as their enclosing instance.
 */
abstract class ConformanceGroup {
    static final Duration PROMPTLY = TransportConformanceTest.PROMPTLY;
    static final Duration EXCHANGE_BOUND = TransportConformanceTest.EXCHANGE_BOUND;

    final TransportConformanceTest suite;

    ConformanceGroup(TransportConformanceTest suite) {
        this.suite = suite;
    }

    LoopbackServer server() {
        return suite.server();
    }

    Transport transport() {
        return suite.transport();
    }

    Transport newTransport(TransportOptions options) {
        return suite.newTransport(options);
    }

    TransportOptions.Builder options() {
        return suite.options();
    }

    HttpRequest.Builder request(HttpMethod method, String rawTarget) {
        return suite.request(method, rawTarget);
    }

    HttpResponse send(Transport t, HttpRequest request, Mode mode) throws Exception {
        return suite.send(t, request, mode);
    }

    Received exchange(Transport t, HttpRequest request, Mode mode) throws Exception {
        return suite.exchange(t, request, mode);
    }

    Received exchange(HttpRequest request, Mode mode) throws Exception {
        return suite.exchange(transport(), request, mode);
    }

    byte[] readAll(InputStream in, Duration bound, String what) throws Exception {
        return suite.readAll(in, bound, what);
    }

    <T> T bounded(Duration bound, String what, Callable<T> action) throws Exception {
        return suite.bounded(bound, what, action);
    }

    <X extends Throwable> X expectFailure(Class<X> expected, Duration bound, String what, Callable<?> action)
            throws Exception {
        return suite.expectFailure(expected, bound, what, action);
    }

    <X extends Throwable> X expectSendFailure(Class<X> expected, Transport t, HttpRequest request, Mode mode,
            Duration bound) throws Exception {
        return suite.expectSendFailure(expected, t, request, mode, bound);
    }

    void skipIf(KnownGap gap) {
        suite.skipIf(gap);
    }

    boolean hasGap(KnownGap gap) {
        return suite.hasGap(gap);
    }

    /** Closes what a call that should have been refused returned, so that a failing check leaks nothing. */
    static void closeIfSent(HttpResponse response) throws java.io.IOException {
        if (response != null) {
            response.close();
        }
    }

    /** Takes the next request the server recorded, failing if none arrives promptly. */
    RecordedRequest takeRequest(String what) throws InterruptedException {
        RecordedRequest r = server().takeRequest(PROMPTLY);
        if (r == null) {
            throw new org.opentest4j.AssertionFailedError("The server recorded no complete request for " + what
                    + " within " + TransportConformanceTest.seconds(PROMPTLY)
                    + " (the request never arrived, or its body never ended)");
        }
        return r;
    }

    /**
     * After the transport gave up on a request whose body failed: the server must have no complete request
     * (a cut-off body taken for a whole one), and must not be left waiting for the rest of the body on a
     * connection the transport neither finished nor closed. Sending nothing at all is fine.
     */
    void assertNoCompleteRequestArrives(String what) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            RecordedRequest r = server().takeRequest(Duration.ofMillis(50));
            if (r != null) {
                assertTrue(!r.bodyComplete(), () -> what + ", yet the server received a complete request: a transport"
                        + " must abort the exchange (close the connection, never send the last chunk) so that the"
                        + " server never takes a cut-off body for the whole one: " + r);
                return;
            }
            long ms = millisSince(start);
            if (server().activeExchanges() == 0 && ms > 300) {
                return; // nothing was sent, or nothing is pending
            }
            if (ms > PROMPTLY.toMillis()) {
                throw new org.opentest4j.AssertionFailedError(what + "; " + PROMPTLY.getSeconds() + " s later the"
                        + " server was still waiting for the rest of the request body: the transport must close the"
                        + " connection of an exchange it gives up on");
            }
        }
    }

    /** Checks that the server found nothing wrong with the request's syntax and that its body ended. */
    static void assertWellFormed(RecordedRequest r) {
        assertTrue(r.problems().isEmpty(), () -> "The server found the request malformed: " + r.problems()
                + "; request " + r);
        assertTrue(r.bodyComplete(), () -> "The request body did not end as framed: " + r);
    }

    static void assertStatus(int expected, Received received, String what) {
        assertEquals(expected, received.status, () -> what + ": wrong status code (body: "
                + abbreviate(received.text()) + ")");
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static long millisSince(long startNanos) {
        return TransportConformanceTest.millisSince(startNanos);
    }

    static void assertPrompt(long startNanos, Duration bound, String what) {
        long ms = millisSince(startNanos);
        assertTrue(ms <= bound.toMillis(), () -> what + " took " + ms + " ms; expected within "
                + bound.toMillis() + " ms");
    }
}
