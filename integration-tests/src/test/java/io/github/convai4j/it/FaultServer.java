package io.github.convai4j.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 server on loopback (the JDK's {@code com.sun.net.httpserver}) that answers from a
 * script, so tests can inject faults: error statuses with the API's error bodies and {@code Retry-After},
 * slow answers, streamed downloads. It records every request it receives, body included.
 */
final class FaultServer implements AutoCloseable {

    /** A request as the server received it. */
    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
            long atNanos) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        List<String> headerValues(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    values.addAll(e.getValue());
                }
            }
            return values;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One scripted answer. */
    static final class Reply {
        private final int status;
        private final List<String[]> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private long streamedLength = -1;
        private Duration delay = Duration.ZERO;

        private Reply(int status) {
            this.status = status;
        }

        static Reply status(int status) {
            return new Reply(status);
        }

        static Reply json(int status, String json) {
            return new Reply(status).header("Content-Type", "application/json").body(json);
        }

        Reply header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Reply body(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Sends these exact bytes (a compressed body, say). */
        Reply bytes(byte[] bytes) {
            this.body = bytes.clone();
            return this;
        }

        /** Streams {@code length} deterministic bytes (see {@link #streamedByte}) with chunked encoding. */
        Reply streamed(long length) {
            this.streamedLength = length;
            return this;
        }

        /** Waits this long before sending the status line. */
        Reply delay(Duration delay) {
            this.delay = delay;
            return this;
        }
    }

    /** The byte at {@code index} of a streamed body: a fixed pattern the test can recompute. */
    static byte streamedByte(long index) {
        return (byte) (index * 31 + (index >>> 8) + 7);
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FaultServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-server-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FaultServer enqueue(Reply... replies) {
        for (Reply reply : replies) {
            script.add(reply);
        }
        return this;
    }

    List<Received> received() {
        return received;
    }

    /** Drops the replies scripted but not yet sent. */
    void clearScript() {
        script.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body,
                    System.nanoTime()));
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.json(599, "{\"detail\":\"FaultServer: no reply scripted for this request\"}");
            }
            if (!reply.delay.isZero()) {
                Thread.sleep(reply.delay.toMillis());
            }
            for (String[] header : reply.headers) {
                exchange.getResponseHeaders().add(header[0], header[1]);
            }
            if (reply.streamedLength >= 0) {
                exchange.sendResponseHeaders(reply.status, 0); // 0 = chunked
                try (OutputStream out = exchange.getResponseBody()) {
                    byte[] chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < reply.streamedLength; ) {
                        int n = (int) Math.min(chunk.length, reply.streamedLength - sent);
                        for (int i = 0; i < n; i++) {
                            chunk[i] = streamedByte(sent + i);
                        }
                        out.write(chunk, 0, n);
                        sent += n;
                    }
                }
            } else if (reply.body.length == 0) {
                exchange.sendResponseHeaders(reply.status, -1);
            } else {
                exchange.sendResponseHeaders(reply.status, reply.body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body);
                }
            }
        } catch (InterruptedException | IOException clientGone) {
            // The client gave up (a timeout under test) or the server is stopping.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
