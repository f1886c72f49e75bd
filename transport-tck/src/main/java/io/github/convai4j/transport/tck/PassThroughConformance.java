package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.Transport;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.LoopbackServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A transport follows no redirect and retries nothing: a 3xx is returned as it is, and one call is one
 * request on the wire, whatever the server answers or however it breaks off. Core decides about retries
 * (it knows whether a body can be sent again and how long the caller may wait); a transport that also
 * retried would multiply core's attempts, and one that followed a redirect would send the API key to
 * whatever host the {@code Location} names.
 */
abstract class PassThroughConformance extends ConformanceGroup {

    /** How long the server waits for a second request that must not come. */
    private static final Duration NO_SECOND_REQUEST = Duration.ofMillis(500);

    PassThroughConformance(TransportConformanceTest suite) {
        super(suite);
    }

    static Stream<Arguments> redirects() {
        List<Arguments> args = new ArrayList<>();
        for (int status : new int[] {302, 307}) {
            for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST}) {
                for (Mode mode : Mode.values()) {
                    args.add(Arguments.of(status, method, mode));
                }
            }
        }
        return args.stream();
    }

    private HttpRequest call(HttpMethod method, String target) {
        HttpRequest.Builder request = request(method, target);
        if (method == HttpMethod.POST) {
            // Repeatable, so that a transport which re-sends it could.
            request.body(RequestBody.ofString("{\"name\":\"redirected\"}", "application/json"));
        }
        return request.build();
    }

    @ParameterizedTest(name = "{0} to a {1}, {2}")
    @MethodSource("redirects")
    void redirectIsReturnedNotFollowed(int status, HttpMethod method, Mode mode) throws Exception {
        LoopbackServer elsewhere = suite.track(LoopbackServer.start());
        AtomicInteger elsewhereCalls = new AtomicInteger();
        elsewhere.handle("/elsewhere", ex -> {
            elsewhereCalls.incrementAndGet();
            ex.readRequest();
            ex.respond(200, "followed");
        });
        String location = elsewhere.uri("/elsewhere").toString();
        server().handle("/moved", ex -> {
            ex.readRequest();
            ex.respond(status, "moved", "Location", location, "Content-Type", "text/plain");
        });

        Received received = exchange(call(method, "/moved"), mode);

        assertNull(elsewhere.takeRequest(NO_SECOND_REQUEST), () -> "A transport follows no redirect, yet the"
                + " Location's server received a request after a " + status);
        assertEquals(0, elsewhere.acceptedConnections(), () -> "A transport follows no redirect, yet it connected"
                + " to the Location's server after a " + status);
        assertEquals(0, elsewhereCalls.get());
        assertStatus(status, received, method + " /moved");
        assertEquals(location, received.headers.first("Location"), "A transport returns a redirect as it is,"
                + " with its Location");
        assertEquals("moved", received.text(), "The body of the redirect response must be readable, as sent");
        assertEquals(1, server().requests().size(), () -> "Exactly one request expected: " + server().requests());
    }

    static Stream<Arguments> methodsAndModes() {
        List<Arguments> args = new ArrayList<>();
        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST}) {
            for (Mode mode : Mode.values()) {
                args.add(Arguments.of(method, mode));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("methodsAndModes")
    void serviceUnavailableIsReturnedNotRetried(HttpMethod method, Mode mode) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server().handle("/busy", ex -> {
            calls.incrementAndGet();
            ex.readRequest();
            ex.respond(503, "{\"detail\":\"busy\"}", "Retry-After", "0", "Content-Type", "application/json");
        });

        Received received = exchange(call(method, "/busy"), mode);

        assertStatus(503, received, method + " /busy");
        assertEquals("0", received.headers.first("Retry-After"));
        assertNull(awaitSecondRequest(), "A transport retries nothing, yet a 503 (Retry-After: 0) was sent again");
        assertEquals(1, calls.get(), "The server must receive exactly one request for one call");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("methodsAndModes")
    void connectionDroppedBeforeTheResponseIsAFailureNotARetry(HttpMethod method, Mode mode) throws Exception {
        if (method == HttpMethod.GET) {
            skipIf(KnownGap.RESENDS_AFTER_CONNECTION_DROP); // the gap's stack re-sends only requests without a body
        }
        AtomicInteger calls = new AtomicInteger();
        server().handle("/drop", ex -> {
            calls.incrementAndGet();
            ex.readRequest();
            ex.closeConnection();
        });
        Transport t = newTransport(options().build());

        expectSendFailure(IOException.class, t, call(method, "/drop"), mode, PROMPTLY);

        assertNull(awaitSecondRequest(), "A transport retries nothing, yet the request was sent again after the"
                + " server closed the connection without answering (an idempotent method is no exception: core"
                + " decides about retries)");
        assertEquals(1, calls.get(), "The server must receive exactly one request for one call");
    }

    /** After the first request was taken from the server: a second one, if it comes. */
    private Object awaitSecondRequest() throws InterruptedException {
        takeRequest("the first request");
        return server().takeRequest(NO_SECOND_REQUEST);
    }
}
