package io.github.convai4j.transport.tck.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loopback server, driven over raw sockets: what it records and sends, byte for byte. */
class LoopbackServerTest {
    private LoopbackServer server;

    @BeforeEach
    void start() throws IOException {
        server = LoopbackServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one response with a Content-Length body; returns head + body as text. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString("ISO-8859-1").endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in head: " + head);
            }
            head.write(b);
        }
        String h = head.toString("ISO-8859-1");
        int length = Integer.parseInt(h.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        byte[] body = new byte[length];
        int off = 0;
        while (off < length) {
            int n = in.read(body, off, length - off);
            if (n < 0) {
                throw new IOException("EOF in body after " + off);
            }
            off += n;
        }
        return h + new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void recordsTheRawTargetAndEveryHeaderLine() throws Exception {
        server.handle("/a%2Fb", ex -> {
            ex.readRequest();
            ex.respond(200, "ok");
        });
        try (Socket s = connect()) {
            send(s, "GET /a%2Fb?q=%C3%A9+x&r=/?: HTTP/1.1\r\nHost: h\r\nX-R: 1\r\nx-r:  2 \r\nAccept: a, b\r\n\r\n");
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok");
        }
        RecordedRequest r = server.takeRequest(Duration.ofSeconds(5));
        assertThat(r.target()).isEqualTo("/a%2Fb?q=%C3%A9+x&r=/?:");
        assertThat(r.headerValues("X-R")).containsExactly("1", "2");
        assertThat(r.headerValues("accept")).containsExactly("a, b");
        assertThat(r.problems()).isEmpty();
        assertThat(r.bodyLength()).isZero();
        assertThat(r.bodyComplete()).isTrue();
    }

    @Test
    void unknownPathGets404() throws Exception {
        try (Socket s = connect()) {
            send(s, "GET /nowhere HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 404 ");
        }
    }

    @Test
    void decodesAndFlagsAChunkedBody() throws Exception {
        server.handle("/up", ex -> {
            RecordedRequest r = ex.readRequest();
            ex.respond(200, r.bodyText());
        });
        try (Socket s = connect()) {
            send(s, "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n");
            assertThat(readResponse(s.getInputStream())).endsWith("hello, world");
        }
        RecordedRequest r = server.takeRequest(Duration.ofSeconds(5));
        assertThat(r.chunked()).isTrue();
        assertThat(r.declaredContentLength()).isEqualTo(-1);
        assertThat(r.bodyText()).isEqualTo("hello, world");
        CRC32 crc = new CRC32();
        crc.update("hello, world".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.bodyCrc32()).isEqualTo(crc.getValue());
        assertThat(r.bodyComplete()).isTrue();
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void keepsConnectionsAliveAndNumbersTheirRequests() throws Exception {
        server.handle("/k", ex -> {
            ex.readRequest();
            ex.respond(200, "k");
        });
        try (Socket s = connect()) {
            for (int i = 0; i < 3; i++) {
                send(s, "POST /k HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
                readResponse(s.getInputStream());
            }
        }
        assertThat(server.acceptedConnections()).isEqualTo(1);
        assertThat(server.requests()).extracting(RecordedRequest::sequenceOnConnection).containsExactly(1, 2, 3);
        assertThat(server.requests()).extracting(RecordedRequest::connectionId).containsOnly(1);
        assertThat(server.awaitOpenConnectionsAtMost(0, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void recordsABodyCutShortAsIncomplete() throws Exception {
        server.handle("/up", ex -> {
            ex.readRequest();
            ex.respond(200, "never");
        });
        try (Socket s = connect()) {
            send(s, "POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n0123456789");
        }
        RecordedRequest r = server.takeRequest(Duration.ofSeconds(5));
        assertThat(r.bodyComplete()).isFalse();
        assertThat(r.bodyLength()).isEqualTo(10);
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("short of its Content-Length 100"));
    }

    @Test
    void reportsFramingProblems() throws Exception {
        server.handle("/up", ex -> {
            ex.readRequest();
            ex.respond(200, "ok");
        });
        try (Socket s = connect()) {
            send(s, "POST /up HTTP/1.1\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
            readResponse(s.getInputStream());
        }
        RecordedRequest r = server.takeRequest(Duration.ofSeconds(5));
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("bare LF"));
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("Both Content-Length and Transfer-Encoding"));
    }

    @Test
    void answersExpectContinueBeforeTheBody() throws Exception {
        server.handle("/up", ex -> {
            RecordedRequest r = ex.readRequest();
            ex.respond(200, "got " + r.bodyLength());
        });
        try (Socket s = connect()) {
            send(s, "PUT /up HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            byte[] interim = new byte["HTTP/1.1 100 Continue\r\n\r\n".length()];
            int off = 0;
            while (off < interim.length) {
                off += s.getInputStream().read(interim, off, interim.length - off);
            }
            assertThat(new String(interim, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            send(s, "data");
            assertThat(readResponse(s.getInputStream())).endsWith("got 4");
        }
    }

    @Test
    void streamsGeneratedBodiesChunkedAndOmitsHeadBodies() throws Exception {
        server.handle("/gen", ex -> {
            ex.readRequest();
            ex.respondStreaming(200, -1, new GeneratedContent(7, 100_000));
        });
        server.handle("/head", ex -> {
            ex.readRequest();
            ex.respond(200, new byte[55]);
        });
        try (Socket s = connect()) {
            send(s, "GET /gen HTTP/1.1\r\nHost: h\r\n\r\n");
            InputStream in = s.getInputStream();
            String head = readLineSequence(in);
            assertThat(head).contains("Transfer-Encoding: chunked");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(readLine(in), 16);
                if (size == 0) {
                    assertThat(readLine(in)).isEmpty();
                    break;
                }
                byte[] chunk = new byte[size];
                int off = 0;
                while (off < size) {
                    off += in.read(chunk, off, size - off);
                }
                body.write(chunk);
                assertThat(readLine(in)).isEmpty();
            }
            assertThat(body.toByteArray()).isEqualTo(GeneratedContent.bytes(7, 100_000));

            // Same connection: HEAD gets Content-Length 55 and no body bytes, then the next response follows.
            send(s, "HEAD /head HTTP/1.1\r\nHost: h\r\n\r\nGET /head HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(readLineSequence(in)).contains("Content-Length: 55");
            assertThat(readLineSequence(in)).startsWith("HTTP/1.1 200 OK").contains("Content-Length: 55");
        }
    }

    @Test
    void closingMidResponseLeavesTheBodyShort() throws Exception {
        server.handle("/cut", ex -> {
            ex.readRequest();
            ex.sendHead(200, "Content-Length", "1000");
            ex.write(new byte[10]);
            ex.closeConnection();
        });
        try (Socket s = connect()) {
            send(s, "GET /cut HTTP/1.1\r\nHost: h\r\n\r\n");
            InputStream in = s.getInputStream();
            readLineSequence(in);
            int total = 0;
            int n;
            byte[] buf = new byte[100];
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
            assertThat(total).isEqualTo(10);
        }
    }

    @Test
    void countsOpenConnectionsAndNoticesClientClose() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        server.handle("/wait", ex -> {
            if (ex.awaitClientClose(Duration.ofSeconds(10))) {
                closed.countDown();
            }
        });
        Socket a = connect();
        Socket b = connect();
        send(a, "GET /wait HTTP/1.1\r\nHost: h\r\n\r\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.openConnections() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.openConnections()).isEqualTo(2);
        assertThat(server.acceptedConnections()).isEqualTo(2);
        a.close();
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        b.close();
        assertThat(server.awaitOpenConnectionsAtMost(0, Duration.ofSeconds(5))).isTrue();
        assertThat(server.acceptedConnections()).isEqualTo(2);
    }

    @Test
    void closeStopsStalledHandlersAndEveryThread() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        server.handle("/stall", ex -> {
            entered.countDown();
            ex.pause(Duration.ofMinutes(5));
        });
        Socket s = connect();
        send(s, "GET /stall HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        String prefix = LoopbackServer.THREAD_NAME_PREFIX + server.port();
        server.close();
        assertThat(s.getInputStream().read()).isEqualTo(-1);
        s.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("EOF");
            }
            line.write(b);
        }
        String s = line.toString("ISO-8859-1");
        assertThat(s).endsWith("\r");
        return s.substring(0, s.length() - 1);
    }

    private static String readLineSequence(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            sb.append(line).append("\r\n");
        }
        return sb.toString();
    }
}
