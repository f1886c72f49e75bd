package io.github.convai4j.transport.httpclient;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on a raw loopback socket, so that tests control every byte: what the client sent
 * (request line and header fields exactly as received), and what it gets back (including broken framing,
 * stalls and abrupt closes). One thread per connection; keep-alive until the handler or client closes.
 */
final class RawHttpServer implements AutoCloseable {

    /** Handles one request; may write a response through the exchange, or close the connection. */
    interface Handler {
        void handle(Exchange exchange) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-raw-server");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger closedConnections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closed;

    private final boolean tls;

    RawHttpServer(Handler handler) throws IOException {
        this(handler, null);
    }

    /** A server speaking TLS with {@code serverContext}, or plain HTTP if it is {@code null}. */
    RawHttpServer(Handler handler, javax.net.ssl.SSLContext serverContext) throws IOException {
        this.handler = handler;
        this.tls = serverContext != null;
        this.serverSocket = tls ? serverContext.getServerSocketFactory().createServerSocket() : new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        threads.execute(this::acceptLoop);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port() + pathAndQuery);
    }

    int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (Socket s = socket) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closed) {
                Exchange exchange = Exchange.read(in, out);
                if (exchange == null) {
                    return;
                }
                requests.incrementAndGet();
                handler.handle(exchange);
                if (exchange.closeConnection) {
                    return;
                }
                exchange.drainRequestBody();
                out.flush();
            }
        } catch (Exception e) {
            // The client went away or the test made the connection fail on purpose.
        } finally {
            open.remove(socket);
            closedConnections.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request as received, and the means to answer it. */
    static final class Exchange {
        final String method;
        final String target;
        /** Header fields exactly as received: name and value, in order. */
        final List<String[]> headers;
        final InputStream body;
        final OutputStream out;
        private final InputStream connection;
        boolean closeConnection;

        private Exchange(String method, String target, List<String[]> headers, InputStream body,
                OutputStream out, InputStream connection) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
            this.out = out;
            this.connection = connection;
        }

        /** Sends nothing and waits until the client closes the connection (or the server is closed). */
        void holdUntilClientCloses() throws IOException {
            drainRequestBody();
            closeConnection = true;
            while (connection.read() >= 0) {
                // a client that pipelines is not expected here
            }
        }

        static Exchange read(InputStream in, OutputStream out) throws IOException {
            String requestLine = readLine(in);
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            List<String[]> headers = new ArrayList<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
            }
            InputStream body;
            String te = first(headers, "Transfer-Encoding");
            String cl = first(headers, "Content-Length");
            if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = new ChunkedIn(in);
            } else if (cl != null) {
                body = new LimitedIn(in, Long.parseLong(cl));
            } else {
                body = InputStream.nullInputStream();
            }
            return new Exchange(parts[0], parts[1], headers, body, out, in);
        }

        String header(String name) {
            return first(headers, name);
        }

        List<String> headerNames() {
            List<String> names = new ArrayList<>();
            for (String[] h : headers) {
                names.add(h[0]);
            }
            return names;
        }

        byte[] readBody() throws IOException {
            return body.readAllBytes();
        }

        void drainRequestBody() throws IOException {
            body.transferTo(OutputStream.nullOutputStream());
        }

        /** Writes a complete response with Content-Length. */
        void respond(int status, byte[] content, String... headerPairs) throws IOException {
            StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
            for (int i = 0; i < headerPairs.length; i += 2) {
                sb.append(headerPairs[i]).append(": ").append(headerPairs[i + 1]).append("\r\n");
            }
            if (!"HEAD".equals(method) && status != 204 && status != 304) {
                sb.append("Content-Length: ").append(content.length).append("\r\n");
            }
            sb.append("\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!"HEAD".equals(method)) {
                out.write(content);
            }
            out.flush();
        }

        void respond(int status, String content, String... headerPairs) throws IOException {
            respond(status, content.getBytes(StandardCharsets.UTF_8), headerPairs);
        }

        /** Writes only a response head (the test then writes the body itself). */
        void head(int status, String... headerPairs) throws IOException {
            StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
            for (int i = 0; i < headerPairs.length; i += 2) {
                sb.append(headerPairs[i]).append(": ").append(headerPairs[i + 1]).append("\r\n");
            }
            sb.append("\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void chunk(byte[] data, int off, int len) throws IOException {
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(data, off, len);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }

        void lastChunk() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private static String first(List<String[]> headers, String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static final class LimitedIn extends InputStream {
        private final InputStream in;
        private long remaining;

        LimitedIn(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("request body ended early");
            }
            remaining -= n;
            return n;
        }
    }

    private static final class ChunkedIn extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedIn(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String size = readLine(in);
                if (size == null) {
                    throw new EOFException("chunked body ended early");
                }
                int semi = size.indexOf(';');
                chunkLeft = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (chunkLeft == 0) {
                    for (String t = readLine(in); t != null && !t.isEmpty(); t = readLine(in)) {
                        // trailers are ignored
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("chunk ended early");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                readLine(in);
            }
            return n;
        }
    }
}
