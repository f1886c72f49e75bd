package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.Transport;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that breaks off gives an {@link IOException}: never a hang, never a body silently cut short.
 * And a connection the server closed is not used again.
 */
abstract class BrokenConnectionConformance extends ConformanceGroup {

    BrokenConnectionConformance(TransportConformanceTest suite) {
        super(suite);
    }

    /** Reads until the body fails; returns how many bytes came first, failing if the stream just ends. */
    private void expectBodyFailure(HttpResponse response, long declared, String what) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        IOException e = expectFailure(IOException.class, PROMPTLY, what, () -> {
            InputStream in = response.body();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                seen.write(buffer, 0, n);
            }
            return "end of stream after " + seen.size() + " of " + declared + " bytes, a silently short body";
        });
        assertTrue(seen.size() < declared || declared < 0, "More bytes than the server sent: " + e);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void bodyShorterThanContentLengthFails(Mode mode) throws Exception {
        server().handle("/short", ex -> {
            ex.readRequest();
            ex.sendHead(200, "Content-Type", "application/octet-stream", "Content-Length", "100000");
            ex.write(new byte[40000]);
            ex.closeConnection();
        });
        HttpResponse response = send(transport(), request(HttpMethod.GET, "/short").build(), mode);
        assertEquals(200, response.statusCode());
        expectBodyFailure(response, 100000, "reading a body whose connection closed after 40000 of its 100000"
                + " bytes (Content-Length)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void chunkedBodyWithoutLastChunkFails(Mode mode) throws Exception {
        server().handle("/unfinished", ex -> {
            ex.readRequest();
            ex.sendHead(200, "Content-Type", "text/plain", "Transfer-Encoding", "chunked");
            ex.writeChunk("some data, ".getBytes(StandardCharsets.US_ASCII));
            ex.writeChunk(new byte[30000]);
            ex.closeConnection();
        });
        HttpResponse response = send(transport(), request(HttpMethod.GET, "/unfinished").build(), mode);
        assertEquals(200, response.statusCode());
        expectBodyFailure(response, -1, "reading a chunked body whose connection closed before the last chunk");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void connectionClosedBeforeAnyResponseFails(Mode mode) throws Exception {
        server().handle("/vanish", ex -> {
            ex.readRequest();
            ex.closeConnection();
        });
        expectSendFailure(IOException.class, transport(), request(HttpMethod.GET, "/vanish").build(), mode, PROMPTLY);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void connectionClosedInsideTheHeadFails(Mode mode) throws Exception {
        suite.skipIf(KnownGap.TRUNCATED_RESPONSE_HEAD_ACCEPTED);
        server().handle("/cut-head", ex -> {
            ex.readRequest();
            ex.writeAscii("HTTP/1.1 200 OK\r\nContent-Type: text/pl");
            ex.closeConnection();
        });
        expectSendFailure(IOException.class, transport(), request(HttpMethod.GET, "/cut-head").build(), mode,
                PROMPTLY);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void connectionClosedByServerWhileIdleIsNotReused(Mode mode) throws Exception {
        // The server closes each connection right after its response, without saying so (as a server's
        // keep-alive timeout does). A transport must notice before it sends the next request on it.
        server().handle("/once", ex -> {
            ex.readRequest();
            ex.respond(200, "ok");
            ex.closeAfterResponse();
        });
        Transport t = newTransport(options().maxConnectionsPerHost(1).build());
        for (int i = 1; i <= 3; i++) {
            HttpRequest request = (mode == Mode.SYNC ? request(HttpMethod.GET, "/once")
                    : request(HttpMethod.POST, "/once").body(RequestBody.ofString("{\"i\":" + i + "}",
                            "application/json"))).build();
            Received received;
            try {
                received = exchange(t, request, mode);
            } catch (IOException e) {
                throw new org.opentest4j.AssertionFailedError("Request " + i + " failed on a connection the server had"
                        + " closed while it was idle (500 ms earlier): a transport must not send on a connection whose"
                        + " close it could have seen (check for a stale connection before reuse)", e);
            }
            assertEquals("ok", received.text());
            Thread.sleep(500);
        }
        for (RecordedRequest r : server().requests()) {
            assertEquals(1, r.sequenceOnConnection(), "test set-up: each connection carries one request");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void responseWithConnectionCloseIsNotReused(Mode mode) throws Exception {
        server().handle("/bye", ex -> {
            ex.readRequest();
            ex.respond(200, "bye", "Connection", "close");
        });
        Transport t = newTransport(options().maxConnectionsPerHost(1).build());
        for (int i = 1; i <= 3; i++) {
            Received received = exchange(t, request(HttpMethod.GET, "/bye").build(), mode);
            assertEquals("bye", received.text(), "Request " + i + " after a Connection: close response");
        }
        assertEquals(3, server().acceptedConnections(), "Each response said Connection: close");
        assertTrue(server().awaitOpenConnectionsAtMost(0, PROMPTLY), "Connections stayed open");
    }
}
