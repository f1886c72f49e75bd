package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.TimeoutIOException;
import io.github.convai4j.http.TotalTimeoutException;
import io.github.convai4j.http.Transport;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.Exchange;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Connect failures and timeouts surface promptly as their documented exception types, whether from
 * {@code execute}, as the cause of the async future, or from the body stream; per-request timeouts
 * override the transport's options in both directions.
 */
abstract class TimeoutConformance extends ConformanceGroup {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    private static final Duration TOTAL_TIMEOUT = Duration.ofMillis(1500);

    private final CountDownLatch clientClosed = new CountDownLatch(1);

    TimeoutConformance(TransportConformanceTest suite) {
        super(suite);
    }

    /** Handler step: wait, sending nothing more, until the client gives up on the connection. */
    private void stall(Exchange ex) throws IOException {
        if (ex.awaitClientClose(Duration.ofSeconds(60))) {
            clientClosed.countDown();
        }
    }

    private void assertConnectionDropped(String after) throws InterruptedException {
        assertTrue(clientClosed.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS), () -> "After " + after
                + " the transport did not close the connection within " + PROMPTLY.getSeconds() + " s; a timed-out"
                + " connection must not stay open (nor be reused)");
    }

    private static void assertNotEarly(long startNanos, Duration timeout, String what) {
        long ms = millisSince(startNanos);
        assertTrue(ms >= timeout.toMillis() / 2, () -> what + " after " + ms + " ms, well before the timeout of "
                + timeout.toMillis() + " ms ran out");
    }

    private static void assertReports(Duration timeout, TimeoutIOException e) {
        assertEquals(timeout, e.timeout(), () -> "The exception's timeout() must be the timeout that ran out: " + e);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void connectionRefusedIsConnectException(Mode mode) throws Exception {
        int port;
        try (ServerSocket closedAgain = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closedAgain.getLocalPort();
        }
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, URI.create("http://127.0.0.1:" + port + "/x")).build();
        long start = System.nanoTime();
        expectSendFailure(ConnectException.class, transport(), request, mode, PROMPTLY);
        assertPrompt(start, PROMPTLY, "Reporting a refused connection");
    }

    /**
     * SYNC: the options' connect timeout; ASYNC: a per-request connect timeout overriding a long option.
     * The listener's accept queue is filled first, so the kernel drops further SYNs and a connect hangs
     * (Linux does this; where the platform refuses instead, the test is skipped).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void connectTimeoutWhenTheServerDoesNotAccept(Mode mode) throws Exception {
        Duration timeout = Duration.ofMillis(500);
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            boolean hangs = false;
            for (int i = 0; i < 64 && !hangs; i++) {
                Socket s = new Socket();
                fillers.add(s);
                try {
                    s.connect(full.getLocalSocketAddress(), 300);
                } catch (SocketTimeoutException e) {
                    hangs = true;
                } catch (IOException e) {
                    break;
                }
            }
            Assumptions.assumeTrue(hangs, "This platform's TCP stack does not leave connects to a full accept queue"
                    + " pending, so a connect timeout cannot be provoked on loopback");
            Transport t = mode == Mode.SYNC
                    ? newTransport(options().connectTimeout(timeout).build())
                    : newTransport(options().connectTimeout(Duration.ofSeconds(60)).build());
            HttpRequest.Builder request = HttpRequest.builder(HttpMethod.GET,
                    URI.create("http://127.0.0.1:" + full.getLocalPort() + "/x"));
            if (mode == Mode.ASYNC) {
                request.connectTimeout(timeout);
            }
            long start = System.nanoTime();
            ConnectTimeoutException e = expectSendFailure(ConnectTimeoutException.class, t, request.build(), mode,
                    PROMPTLY);
            assertNotEarly(start, timeout, "ConnectTimeoutException");
            assertReports(timeout, e);
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void readTimeoutWhenServerNeverAnswers(Mode mode) throws Exception {
        server().handle("/silent", this::stall);
        Transport t = newTransport(options().readTimeout(READ_TIMEOUT).build());
        long start = System.nanoTime();
        ReadTimeoutException e = expectSendFailure(ReadTimeoutException.class, t,
                request(HttpMethod.GET, "/silent").build(), mode, PROMPTLY);
        assertNotEarly(start, READ_TIMEOUT, "ReadTimeoutException");
        assertReports(READ_TIMEOUT, e);
        assertConnectionDropped("a read timeout");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void readTimeoutWhenServerStallsInsideTheHead(Mode mode) throws Exception {
        server().handle("/half-head", ex -> {
            ex.readRequest();
            ex.writeAscii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Partial: ");
            stall(ex);
        });
        Transport t = newTransport(options().readTimeout(READ_TIMEOUT).build());
        long start = System.nanoTime();
        expectSendFailure(ReadTimeoutException.class, t, request(HttpMethod.GET, "/half-head").build(), mode, PROMPTLY);
        assertNotEarly(start, READ_TIMEOUT, "ReadTimeoutException");
        assertConnectionDropped("a read timeout");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void readTimeoutFromBodyStreamWhenServerStallsMidBody(Mode mode) throws Exception {
        server().handle("/stalled-body", ex -> {
            ex.readRequest();
            ex.sendHead(200, "Content-Type", "application/octet-stream", "Content-Length", "100000");
            ex.write(new byte[1000]);
            stall(ex);
        });
        Transport t = newTransport(options().readTimeout(READ_TIMEOUT).build());
        HttpResponse response;
        try {
            response = send(t, request(HttpMethod.GET, "/stalled-body").build(), mode);
        } catch (IOException e) {
            throw new org.opentest4j.AssertionFailedError("The response head arrived complete, yet the request failed"
                    + " with " + e + ": a transport must hand out the response as soon as its head has arrived and"
                    + " stream the body, not read the body first", e);
        }
        assertEquals(200, response.statusCode());
        long start = System.nanoTime();
        ReadTimeoutException e = expectFailure(ReadTimeoutException.class, PROMPTLY,
                "reading a body whose server stalled after 1000 of 100000 bytes",
                () -> readAll(response.body(), Duration.ofSeconds(60), "reading the stalled body"));
        assertNotEarly(start, READ_TIMEOUT, "ReadTimeoutException from the body");
        assertReports(READ_TIMEOUT, e);
        response.close();
        assertConnectionDropped("a read timeout in the body");
    }

    /** Handler: a head, then a body of 300 bytes, one byte every 100 ms: always under the read timeout. */
    private void trickleBody(Exchange ex) throws IOException {
        ex.readRequest();
        ex.sendHead(200, "Content-Type", "text/plain", "Content-Length", "300");
        for (int i = 0; i < 300; i++) {
            ex.pause(Duration.ofMillis(100));
            ex.write(new byte[] {'.'});
        }
        ex.markResponseComplete();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void totalTimeoutWhenServerTricklesTheBody(Mode mode) throws Exception {
        server().handle("/trickle", this::trickleBody);
        Transport t = newTransport(options().readTimeout(Duration.ofSeconds(2)).totalTimeout(TOTAL_TIMEOUT).build());
        long start = System.nanoTime();
        HttpResponse response = send(t, request(HttpMethod.GET, "/trickle").build(), mode);
        TotalTimeoutException e = expectFailure(TotalTimeoutException.class, TOTAL_TIMEOUT.plus(PROMPTLY),
                "reading a body that trickles in one byte per 100 ms",
                () -> readAll(response.body(), Duration.ofSeconds(60), "reading the trickling body"));
        assertNotEarly(start, TOTAL_TIMEOUT, "TotalTimeoutException");
        assertReports(TOTAL_TIMEOUT, e);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void totalTimeoutWhenServerTricklesTheHead(Mode mode) throws Exception {
        server().handle("/trickle-head", ex -> {
            ex.readRequest();
            ex.writeAscii("HTTP/1.1 200 OK\r\nX-Slow: ");
            for (int i = 0; i < 300; i++) {
                ex.pause(Duration.ofMillis(100));
                ex.writeAscii("a");
            }
            ex.writeAscii("\r\nContent-Length: 0\r\n\r\n");
            ex.markResponseComplete();
        });
        Transport t = newTransport(options().readTimeout(Duration.ofSeconds(2)).totalTimeout(TOTAL_TIMEOUT).build());
        long start = System.nanoTime();
        TotalTimeoutException e = expectSendFailure(TotalTimeoutException.class, t,
                request(HttpMethod.GET, "/trickle-head").build(), mode, TOTAL_TIMEOUT.plus(PROMPTLY));
        assertNotEarly(start, TOTAL_TIMEOUT, "TotalTimeoutException");
        assertReports(TOTAL_TIMEOUT, e);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void requestReadTimeoutOverridesLongerOption(Mode mode) throws Exception {
        server().handle("/silent", this::stall);
        Transport t = newTransport(options().readTimeout(Duration.ofSeconds(60)).build());
        long start = System.nanoTime();
        ReadTimeoutException e = expectSendFailure(ReadTimeoutException.class, t,
                request(HttpMethod.GET, "/silent").readTimeout(READ_TIMEOUT).build(), mode, PROMPTLY);
        assertNotEarly(start, READ_TIMEOUT, "ReadTimeoutException");
        assertReports(READ_TIMEOUT, e);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void requestTotalTimeoutOverridesOption(Mode mode) throws Exception {
        server().handle("/trickle", this::trickleBody);
        Transport t = newTransport(options().readTimeout(Duration.ofSeconds(2)).build());
        long start = System.nanoTime();
        HttpResponse response = send(t, request(HttpMethod.GET, "/trickle").totalTimeout(TOTAL_TIMEOUT).build(), mode);
        TotalTimeoutException e = expectFailure(TotalTimeoutException.class, TOTAL_TIMEOUT.plus(PROMPTLY),
                "reading a trickling body with a per-request total timeout",
                () -> readAll(response.body(), Duration.ofSeconds(60), "reading the trickling body"));
        assertNotEarly(start, TOTAL_TIMEOUT, "TotalTimeoutException");
        assertReports(TOTAL_TIMEOUT, e);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void requestTimeoutsOverrideShorterOptions(Mode mode) throws Exception {
        server().handle("/slow", ex -> {
            ex.readRequest();
            ex.pause(Duration.ofMillis(1200));
            ex.respond(200, "late but fine");
        });
        Transport t = newTransport(options().readTimeout(Duration.ofMillis(300)).totalTimeout(Duration.ofMillis(600))
                .build());
        // SYNC: longer per-request values; ASYNC: zero, which means no limit.
        Duration perRequest = mode == Mode.SYNC ? Duration.ofSeconds(10) : Duration.ZERO;
        HttpRequest request = request(HttpMethod.GET, "/slow").readTimeout(perRequest).totalTimeout(perRequest).build();
        Received received;
        try {
            received = exchange(t, request, mode);
        } catch (TimeoutIOException e) {
            throw new org.opentest4j.AssertionFailedError("The request's own timeouts (" + perRequest + ") must"
                    + " override the transport's shorter defaults (read 300 ms, total 600 ms), but " + e, e);
        }
        assertEquals("late but fine", received.text());
    }
}
