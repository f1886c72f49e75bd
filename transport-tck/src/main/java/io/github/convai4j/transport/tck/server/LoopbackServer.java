package io.github.convai4j.transport.tck.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HTTP/1.1 server on {@code 127.0.0.1} and an ephemeral port, written on plain sockets with one
 * thread per connection, so that a test controls every byte and every moment of an exchange: it can
 * stall before or inside the response head or body, trickle bytes, close the socket mid-response, and
 * stream generated bodies of any size. It keeps connections alive, decodes chunked request bodies,
 * answers {@code Expect: 100-continue}, counts accepted and open connections, and records every request
 * ({@link RecordedRequest}) with its raw request-target and header fields in order.
 *
 * <p>Requests are dispatched by path (the request-target up to {@code ?}) to the {@link Handler} set with
 * {@link #handle(String, Handler)}; other paths get {@code 404}.
 *
 * <p>Threads are named {@code convai4j-tck-server-<port>-...}. {@link #close()} closes the listening
 * socket and every connection, interrupts handlers and waits for the threads to end.
 *
 * <p>Thread-safe.
 */
public final class LoopbackServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackServer.class);
    /** Prefix of every thread the server starts. */
    public static final String THREAD_NAME_PREFIX = "convai4j-tck-server-";

    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    private final List<Throwable> handlerErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger activeExchanges = new AtomicInteger();
    private final AtomicInteger peakActiveExchanges = new AtomicInteger();
    private volatile boolean closed;

    private LoopbackServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        this.acceptor = new Thread(this::acceptLoop, THREAD_NAME_PREFIX + serverSocket.getLocalPort() + "-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Starts a server on {@code 127.0.0.1} and an ephemeral port.
     *
     * @return the running server; the caller closes it
     * @throws IOException if the port cannot be bound
     */
    public static LoopbackServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 512);
        LoopbackServer server = new LoopbackServer(socket);
        server.acceptor.start();
        return server;
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * Returns an absolute URL on this server.
     *
     * @param rawPathAndQuery the request-target, already percent-encoded, e.g. {@code /echo?q=a%20b}; it
     *     is used as is
     * @return {@code http://127.0.0.1:<port>} followed by {@code rawPathAndQuery}
     */
    public URI uri(String rawPathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + rawPathAndQuery);
    }

    /**
     * Routes requests whose path (the request-target before any {@code ?}) equals {@code path}.
     *
     * @param path the exact raw path, e.g. {@code /echo}
     * @param handler answers those requests; replaces an earlier handler of that path
     * @return this server
     */
    public LoopbackServer handle(String path, Handler handler) {
        handlers.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Returns how many connections the server has accepted since it started.
     *
     * @return the count
     */
    public int acceptedConnections() {
        return accepted.get();
    }

    /**
     * Returns how many connections are open now (accepted and not yet closed by either side).
     *
     * @return the count
     */
    public int openConnections() {
        return open.get();
    }

    /**
     * Returns how many requests are being handled now (from the end of their head until their handler
     * returns), including requests whose body is still arriving.
     *
     * @return the count
     */
    public int activeExchanges() {
        return activeExchanges.get();
    }

    /**
     * Returns the largest number of requests that were being handled at the same time.
     *
     * @return the peak
     */
    public int peakConcurrentExchanges() {
        return peakActiveExchanges.get();
    }

    /**
     * Waits until {@link #openConnections()} is at most {@code max}.
     *
     * @param max the number of open connections to wait for
     * @param timeout the longest wait
     * @return {@code true} if it got there, {@code false} if the timeout ran out
     * @throws InterruptedException if interrupted
     */
    public boolean awaitOpenConnectionsAtMost(int max, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open.get() > max) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * Returns every request recorded so far, in the order their bodies ended.
     *
     * @return a snapshot of the recorded requests
     */
    public List<RecordedRequest> requests() {
        return new ArrayList<>(requests);
    }

    /**
     * Returns the oldest recorded request not yet taken, waiting for one if needed.
     *
     * @param timeout the longest wait
     * @return the request, or {@code null} if none was recorded in time
     * @throws InterruptedException if interrupted
     */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Returns the exceptions handlers threw (an exception is expected when a test's client goes away
     * mid-response; others point at a broken test).
     *
     * @return the exceptions
     */
    public List<Throwable> handlerErrors() {
        return new ArrayList<>(handlerErrors);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Stops the server: closes the listening socket and every connection, interrupts running handlers and
     * waits up to 5 seconds for the server's threads to end. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Connection connection : connections) {
            connection.kill();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            acceptor.join(5000);
            for (Connection connection : connections) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    connection.thread.join(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LoopbackServer[127.0.0.1:" + port() + ", accepted " + accepted.get() + ", open " + open.get() + "]";
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Loopback server on port {} stopped accepting", port(), e);
                }
                return;
            }
            int id = accepted.incrementAndGet();
            open.incrementAndGet();
            Connection connection = new Connection(socket, id);
            connections.add(connection);
            if (closed) {
                connection.kill();
            }
            connection.thread.start();
        }
    }

    private void record(RecordedRequest request, Exchange exchange) {
        exchange.recorded(request);
        requests.add(request);
        untaken.add(request);
    }

    /** One accepted connection and the thread that serves it. */
    private final class Connection {
        final Socket socket;
        final int id;
        final Thread thread;

        Connection(Socket socket, int id) {
            this.socket = socket;
            this.id = id;
            this.thread = new Thread(this::serve, THREAD_NAME_PREFIX + port() + "-conn-" + id);
            thread.setDaemon(true);
        }

        void kill() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            thread.interrupt();
        }

        private void serve() {
            try {
                socket.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                int sequence = 0;
                while (!closed) {
                    List<String> problems = new ArrayList<>();
                    RequestHead head = readHead(in, ++sequence, problems);
                    if (head == null) {
                        return; // the client closed an idle connection
                    }
                    if (!serveOne(head, problems, in, out)) {
                        return;
                    }
                }
            } catch (IOException e) {
                LOG.debug("Connection {} on port {} ended: {}", id, port(), e.toString());
            } finally {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                open.decrementAndGet();
                connections.remove(this);
            }
        }

        /** Serves one request; returns whether the connection may carry another. */
        private boolean serveOne(RequestHead head, List<String> problems, InputStream in, OutputStream out)
                throws IOException {
            String te = head.header("Transfer-Encoding");
            String cl = head.header("Content-Length");
            boolean chunked = false;
            long length = 0;
            if (te != null) {
                if (!te.trim().equalsIgnoreCase("chunked") || head.count("Transfer-Encoding") > 1) {
                    problems.add("Transfer-Encoding other than a single 'chunked': " + head.headers);
                }
                chunked = te.toLowerCase(Locale.ROOT).endsWith("chunked");
                if (cl != null) {
                    problems.add("Both Content-Length and Transfer-Encoding are present (RFC 9112 section 6.3)");
                }
            }
            long declared = -1;
            if (cl != null) {
                if (head.count("Content-Length") > 1) {
                    problems.add("Content-Length appears " + head.count("Content-Length") + " times");
                }
                try {
                    declared = Long.parseLong(cl.trim());
                } catch (NumberFormatException e) {
                    problems.add("Content-Length is not a number: " + cl);
                    declared = 0;
                }
                if (!chunked) {
                    length = declared;
                }
            }
            Exchange[] holder = new Exchange[1];
            RequestBodyStream body = new RequestBodyStream(in, head, chunked, chunked ? declared : length, problems,
                    r -> record(r, holder[0]));
            Exchange exchange = new Exchange(LoopbackServer.this, socket, in, out, head, body);
            holder[0] = exchange;
            body.begin();
            String expect = head.header("Expect");
            if (expect != null && expect.equalsIgnoreCase("100-continue") && !body.ended()) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.flush();
            }
            int active = activeExchanges.incrementAndGet();
            peakActiveExchanges.accumulateAndGet(active, Math::max);
            try {
                Handler handler = handlers.get(path(head.target));
                if (handler == null) {
                    body.drain();
                    exchange.respond(404, "No handler for " + path(head.target) + " on the TCK loopback server");
                } else {
                    handler.handle(exchange);
                }
            } catch (InterruptedException | InterruptedIOException e) {
                body.abandon("the server stopped");
                return false;
            } catch (IOException | RuntimeException | Error e) {
                handlerErrors.add(e);
                LOG.debug("Handler for {} on connection {} failed: {}", head.target, id, e.toString());
                body.abandon("the handler failed: " + e);
                return false;
            } finally {
                activeExchanges.decrementAndGet();
            }
            if (exchange.connectionClosed()) {
                body.abandon("the handler closed the connection");
                return false;
            }
            try {
                body.drain();
            } catch (IOException e) {
                return false;
            }
            out.flush();
            if (!exchange.responseComplete()) {
                return false;
            }
            String connection = head.header("Connection");
            boolean clientWantsClose = connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
            return !clientWantsClose && !exchange.wantsClose() && !"HTTP/1.0".equals(head.version);
        }

        private RequestHead readHead(InputStream in, int sequence, List<String> problems) throws IOException {
            String requestLine = Wire.readLine(in, problems);
            while (requestLine != null && requestLine.isEmpty()) {
                requestLine = Wire.readLine(in, problems); // RFC 9112 section 2.2: ignore a leading empty line
            }
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ", -1);
            String method;
            String target;
            String version;
            if (parts.length != 3 || !Wire.isToken(parts[0]) || parts[1].isEmpty()) {
                problems.add("Malformed request line: \"" + Wire.printable(requestLine) + "\"");
                method = parts[0];
                target = parts.length > 1 ? parts[1] : "";
                version = parts.length > 2 ? parts[parts.length - 1] : "";
            } else {
                method = parts[0];
                target = parts[1];
                version = parts[2];
            }
            if (!"HTTP/1.1".equals(version)) {
                problems.add("Request line version is not HTTP/1.1: \"" + Wire.printable(requestLine) + "\"");
            }
            List<HeaderField> fields = new ArrayList<>();
            while (true) {
                String line = Wire.readLine(in, problems);
                if (line == null) {
                    throw new IOException("The connection closed inside a request head");
                }
                if (line.isEmpty()) {
                    break;
                }
                if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                    problems.add("Obsolete line folding in the request head: \"" + Wire.printable(line) + "\"");
                    continue;
                }
                int colon = line.indexOf(':');
                String name = colon < 0 ? line : line.substring(0, colon);
                if (colon < 0 || !Wire.isToken(name)) {
                    problems.add("Malformed header line: \"" + Wire.printable(line) + "\"");
                    if (colon < 0) {
                        continue;
                    }
                }
                fields.add(new HeaderField(name, line.substring(colon + 1).trim()));
                if (fields.size() > 500) {
                    throw new IOException("More than 500 header fields");
                }
            }
            RequestHead head = new RequestHead(id, sequence, method, target, version,
                    Collections.unmodifiableList(fields));
            if (head.count("Host") != 1) {
                problems.add("Expected exactly one Host header, got " + head.count("Host"));
            }
            return head;
        }
    }

    private static String path(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }
}
