package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.Transport;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every method of {@link HttpMethod} reaches the server as sent, with and without a body. */
abstract class MethodConformance extends ConformanceGroup {

    MethodConformance(TransportConformanceTest suite) {
        super(suite);
    }

    static Stream<Arguments> methodsAndModes() {
        List<Arguments> args = new ArrayList<>();
        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
                HttpMethod.PATCH, HttpMethod.DELETE}) {
            for (Mode mode : Mode.values()) {
                args.add(Arguments.of(method, mode));
            }
        }
        return args.stream();
    }

    private void echoMethod() {
        server().handle("/method", ex -> {
            RecordedRequest r = ex.readRequest();
            ex.respond(200, "method=" + r.method() + " bytes=" + r.bodyLength(), "Content-Type", "text/plain");
        });
    }

    @ParameterizedTest(name = "{0} without a body, {1}")
    @MethodSource("methodsAndModes")
    void methodWithoutBodyReachesServer(HttpMethod method, Mode mode) throws Exception {
        if (method == HttpMethod.PATCH) {
            skipIf(KnownGap.PATCH);
        }
        echoMethod();
        Received received = exchange(request(method, "/method").build(), mode);

        RecordedRequest r = takeRequest(method + " /method");
        assertWellFormed(r);
        assertEquals(method.name(), r.method(), "The server received another method than the request's");
        assertEquals(0, r.bodyLength(), () -> "A " + method + " without a body must reach the server with zero"
                + " body bytes: " + r);
        assertStatus(200, received, method + " /method");
        assertEquals("method=" + method + " bytes=0", received.text(), "The response body differs from what"
                + " the server sent");
    }

    @ParameterizedTest(name = "{0} with a body, {1}")
    @MethodSource("methodsAndModes")
    void methodWithBodyReachesServer(HttpMethod method, Mode mode) throws Exception {
        if (method == HttpMethod.PATCH) {
            skipIf(KnownGap.PATCH);
        }
        if (method == HttpMethod.GET) {
            skipIf(KnownGap.GET_WITH_BODY);
        }
        echoMethod();
        byte[] payload = ("{\"method\":\"" + method + "\",\"note\":\"h\u00e9llo\"}").getBytes(StandardCharsets.UTF_8);
        Received received = exchange(request(method, "/method")
                .body(RequestBody.ofBytes(payload, "application/json")).build(), mode);

        RecordedRequest r = takeRequest(method + " /method with a body");
        assertWellFormed(r);
        assertEquals(method.name(), r.method(), "The server received another method than the request's");
        assertArrayEquals(payload, r.body(), () -> "The server received other body bytes than the request's: " + r);
        assertEquals(payload.length, r.declaredContentLength(), () -> "A body of known length must be sent with"
                + " Content-Length " + payload.length + ": " + r);
        assertFalse(r.chunked(), () -> "A body of known length must not be sent chunked: " + r);
        assertEquals("application/json", r.header("Content-Type"), "The body's content type must be sent as"
                + " Content-Type");
        assertStatus(200, received, method + " /method");
        assertEquals("method=" + method + " bytes=" + payload.length, received.text());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void headResponseHasNoBodyAndLeavesConnectionUsable(Mode mode) throws Exception {
        byte[] content = new byte[1234];
        server().handle("/resource", ex -> ex.respond(200, content, "Content-Type", "application/octet-stream",
                "X-Head", "yes"));
        Transport t = newTransport(options().maxConnectionsPerHost(1).build());

        Received head = exchange(t, request(HttpMethod.HEAD, "/resource").build(), mode);
        RecordedRequest r = takeRequest("HEAD /resource");
        assertWellFormed(r);
        assertEquals("HEAD", r.method());
        assertStatus(200, head, "HEAD /resource");
        assertEquals(0, head.body.length, "A HEAD response has no body, whatever its Content-Length says");
        assertEquals("1234", head.headers.first("Content-Length"), "The HEAD response's Content-Length header"
                + " must be passed through");
        assertEquals("yes", head.headers.first("X-Head"));

        // The transport must not wait for 1234 body bytes: the connection carries the next request.
        HttpRequest get = request(HttpMethod.GET, "/resource").build();
        Received after = exchange(t, get, mode);
        assertStatus(200, after, "GET after HEAD");
        assertEquals(1234, after.body.length);
        assertTrue(server().acceptedConnections() <= 2, "HEAD then GET needed more than two connections");
    }
}
