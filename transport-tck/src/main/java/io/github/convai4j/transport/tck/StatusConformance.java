package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.Transport;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every status code is a normal response whose body is readable: a transport does not interpret status
 * codes (core maps 4xx and 5xx onto its exceptions, using the body).
 */
abstract class StatusConformance extends ConformanceGroup {

    StatusConformance(TransportConformanceTest suite) {
        super(suite);
    }

    static Stream<Arguments> statusesAndModes() {
        List<Arguments> args = new ArrayList<>();
        for (int status : new int[] {200, 201, 400, 401, 404, 422, 429, 500, 503}) {
            for (Mode mode : Mode.values()) {
                args.add(Arguments.of(status, mode));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("statusesAndModes")
    void statusAndBodyAreReturned(int status, Mode mode) throws Exception {
        String json = "{\"detail\":{\"status\":\"status_" + status + "\",\"message\":\"r\u00e9ponse " + status + "\"}}";
        server().handle("/status", ex -> {
            ex.readRequest();
            ex.respond(status, json, "Content-Type", "application/json", "request-id", "req-" + status,
                    "Location", "/created/1");
        });
        Received received = exchange(request(HttpMethod.GET, "/status").build(), mode);
        assertStatus(status, received, "GET /status");
        assertEquals(json, received.text(), () -> "The body of a " + status + " response must be readable, as sent");
        assertEquals("application/json", received.headers.first("content-type"));
        assertEquals("req-" + status, received.headers.first("Request-Id"));
        assertEquals("/created/1", received.headers.first("Location"), "A transport follows no redirect and"
                + " passes Location through");
    }

    static Stream<Arguments> errorStatusesAndModes() {
        List<Arguments> args = new ArrayList<>();
        for (int status : new int[] {413, 422, 500}) {
            for (Mode mode : Mode.values()) {
                args.add(Arguments.of(status, mode));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("errorStatusesAndModes")
    void errorResponseToAnUploadIsReadable(int status, Mode mode) throws Exception {
        String json = "{\"detail\":[{\"loc\":[\"body\",\"file\"],\"msg\":\"rejected\",\"type\":\"value_error\"}]}";
        server().handle("/reject", ex -> {
            ex.readRequest();
            ex.respond(status, json, "Content-Type", "application/json");
        });
        byte[] upload = io.github.convai4j.transport.tck.server.GeneratedContent.bytes(61, 1024 * 1024);
        Received received = exchange(request(HttpMethod.POST, "/reject")
                .body(RequestBody.ofBytes(upload, "application/octet-stream")).build(), mode);
        assertStatus(status, received, "POST /reject");
        assertEquals(json, received.text(), () -> "The body of a " + status + " response to an upload must be"
                + " readable, as sent");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void errorStatusWithoutBodyHasEmptyBody(Mode mode) throws Exception {
        server().handle("/empty-error", ex -> {
            ex.readRequest();
            ex.respond(404, new byte[0]);
        });
        Received received = exchange(request(HttpMethod.GET, "/empty-error").build(), mode);
        assertStatus(404, received, "GET /empty-error");
        assertEquals(0, received.body.length, "A 404 with Content-Length 0 has an empty body");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void noContentLeavesConnectionUsable(Mode mode) throws Exception {
        server().handle("/no-content", ex -> {
            ex.readRequest();
            ex.respond(204, new byte[0], "X-Deleted", "true");
        });
        Transport t = newTransport(options().maxConnectionsPerHost(1).build());
        for (int i = 1; i <= 3; i++) {
            Received received = exchange(t, request(HttpMethod.DELETE, "/no-content").build(), mode);
            assertStatus(204, received, "DELETE /no-content #" + i);
            assertEquals(0, received.body.length, "A 204 response has an empty body");
            assertEquals("true", received.headers.first("X-Deleted"));
        }
        assertTrue(server().acceptedConnections() <= 2, "Three 204 responses took "
                + server().acceptedConnections() + " connections");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void chunkedResponseBodyIsAssembled(Mode mode) throws Exception {
        server().handle("/chunked", ex -> {
            ex.readRequest();
            ex.sendHead(200, "Content-Type", "text/plain; charset=utf-8", "Transfer-Encoding", "chunked");
            ex.writeChunk("first chunk, ".getBytes(StandardCharsets.UTF_8));
            ex.writeChunk("zweiter Teil \u00fc, ".getBytes(StandardCharsets.UTF_8));
            ex.pause(java.time.Duration.ofMillis(50));
            ex.writeChunk("last".getBytes(StandardCharsets.UTF_8));
            ex.writeLastChunk();
        });
        Received received = exchange(request(HttpMethod.GET, "/chunked").build(), mode);
        assertStatus(200, received, "GET /chunked");
        assertEquals("first chunk, zweiter Teil \u00fc, last", received.text(), "A chunked body must reach the"
                + " caller as its chunks' data, framing removed");
    }
}
