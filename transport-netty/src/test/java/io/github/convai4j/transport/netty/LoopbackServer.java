package io.github.convai4j.transport.netty;

import javax.net.ssl.SSLContext;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on a loopback socket, thread per connection, for the transport's tests: it parses
 * requests (Content-Length and chunked bodies), supports keep-alive, counts connections, and hands each
 * request to a handler chosen by path prefix that can answer in any way, malformed or abrupt ones included.
 * With an {@link SSLContext} it speaks TLS.
 */
final class LoopbackServer implements AutoCloseable {

    /** Answers one request. Unread request body bytes are drained afterwards (for keep-alive). */
    @FunctionalInterface
    interface Handler {
        void handle(Request request, Response response) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionsAccepted = new AtomicInteger();
    private final AtomicInteger requestsServed = new AtomicInteger();
    private volatile boolean closed;

    LoopbackServer() throws IOException {
        this(null, null);
    }

    /** A TLS server whose certificate comes from {@code tls}; it records the SNI names clients send. */
    LoopbackServer(SSLContext tls, List<String> sniNames) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            serverSocket = new ServerSocket();
        } else {
            serverSocket = tls.getServerSocketFactory().createServerSocket();
            TlsTest.recordSni((javax.net.ssl.SSLServerSocket) serverSocket, sniNames);
        }
        serverSocket.bind(address, 512);
        threads.execute(this::acceptLoop);
    }

    /** Serves requests whose path starts with {@code prefix}; the longest matching prefix wins. */
    LoopbackServer route(String prefix, Handler handler) {
        handlers.put(prefix, handler);
        return this;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create(scheme() + "://127.0.0.1:" + port() + pathAndQuery);
    }

    URI uri(String host, String pathAndQuery) {
        return URI.create(scheme() + "://" + host + ":" + port() + pathAndQuery);
    }

    private String scheme() {
        return serverSocket instanceof javax.net.ssl.SSLServerSocket ? "https" : "http";
    }

    int connectionsAccepted() {
        return connectionsAccepted.get();
    }

    int openConnections() {
        return openSockets.size();
    }

    /** Requests read and handed to a handler (counted before the handler answers). */
    int requestsServed() {
        return requestsServed.get();
    }

    /** Waits until the number of open connections is at most {@code max}; returns the final count. */
    int awaitOpenConnectionsAtMost(int max, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (openSockets.size() > max && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return openSockets.size();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (Socket s : openSockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            connectionsAccepted.incrementAndGet();
            openSockets.add(socket);
            try {
                threads.execute(() -> serve(socket));
            } catch (RuntimeException e) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (!closed) {
                Request request = Request.read(in, socket);
                if (request == null) {
                    return; // the client closed the connection
                }
                // counted before any byte of the answer is written: a client that has seen the answer sees the count
                requestsServed.incrementAndGet();
                Response response = new Response(out, request);
                Handler handler = handlerFor(request.path());
                if (handler == null) {
                    response.send(404, "no handler for " + request.path());
                } else {
                    handler.handle(request, response);
                }
                if (response.closeAfter || !request.keepAlive()) {
                    out.flush();
                    return;
                }
                request.body.drain();
                out.flush();
            }
        } catch (Exception e) {
            // a client that went away, or a handler that aborted on purpose
        } finally {
            openSockets.remove(socket);
            closeQuietly(socket);
        }
    }

    private Handler handlerFor(String path) {
        String best = null;
        for (String prefix : handlers.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : handlers.get(best);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** A parsed request; its body streams from the socket. */
    static final class Request {
        final String method;
        final String target;
        final String version;
        /** Header names in lower case, values in order of arrival. */
        final Map<String, List<String>> headers;
        final BodyInputStream body;
        final Socket socket;

        private Request(String method, String target, String version, Map<String, List<String>> headers,
                        BodyInputStream body, Socket socket) {
            this.method = method;
            this.target = target;
            this.version = version;
            this.headers = headers;
            this.body = body;
            this.socket = socket;
        }

        static Request read(InputStream in, Socket socket) throws IOException {
            String line = readLine(in);
            if (line == null) {
                return null;
            }
            String[] parts = line.split(" ");
            if (parts.length != 3) {
                throw new IOException("bad request line: " + line);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String h;
            while ((h = readLine(in)) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).trim());
            }
            BodyInputStream body;
            String te = first(headers, "transfer-encoding");
            String cl = first(headers, "content-length");
            if (te != null && te.equalsIgnoreCase("chunked")) {
                body = new BodyInputStream(in, -1);
            } else {
                body = new BodyInputStream(in, cl == null ? 0 : Long.parseLong(cl));
            }
            return new Request(parts[0], parts[1], parts[2], headers, body, socket);
        }

        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        String query(String name) {
            int q = target.indexOf('?');
            if (q < 0) {
                return null;
            }
            for (String pair : target.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return pair.substring(eq + 1);
                }
            }
            return null;
        }

        long queryLong(String name, long dflt) {
            String v = query(name);
            return v == null ? dflt : Long.parseLong(v);
        }

        String header(String name) {
            return first(headers, name.toLowerCase(Locale.ROOT));
        }

        List<String> headers(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? new ArrayList<>() : values;
        }

        boolean keepAlive() {
            String connection = header("connection");
            return !"HTTP/1.0".equals(version) && (connection == null || !connection.equalsIgnoreCase("close"));
        }

        byte[] bodyBytes() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = body.read(buf)) >= 0) {
                bytes.write(buf, 0, n);
            }
            return bytes.toByteArray();
        }

        private static String first(Map<String, List<String>> headers, String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A request body: Content-Length delimited, or chunked ({@code length} -1). */
    static final class BodyInputStream extends InputStream {
        private final InputStream in;
        private final boolean chunked;
        private long remaining; // in the body, or in the current chunk
        private boolean done;
        private boolean sawChunked;

        BodyInputStream(InputStream in, long length) {
            this.in = in;
            this.chunked = length < 0;
            this.remaining = chunked ? 0 : length;
            this.done = !chunked && length == 0;
        }

        boolean wasChunked() {
            return sawChunked || chunked;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunked && remaining == 0) {
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    throw new EOFException("chunked body ended early");
                }
                int semi = sizeLine.indexOf(';');
                remaining = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (remaining == 0) {
                    String trailer;
                    while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
                        // trailers are ignored
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("body ended early");
            }
            remaining -= n;
            if (remaining == 0) {
                if (chunked) {
                    readLine(in); // CRLF after the chunk data
                } else {
                    done = true;
                }
            }
            return n;
        }

        void drain() throws IOException {
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) >= 0) {
                // discard
            }
        }
    }

    /** Writes a response; {@link #out} gives raw access for handlers that misbehave on purpose. */
    static final class Response {
        final OutputStream out;
        final Request request;
        boolean closeAfter;

        Response(OutputStream out, Request request) {
            this.out = out;
            this.request = request;
        }

        void send(int status, String body, String... headers) throws IOException {
            send(status, body.getBytes(StandardCharsets.UTF_8), headers);
        }

        void send(int status, byte[] body, String... headers) throws IOException {
            head(status, body.length, headers);
            if (!request.method.equals("HEAD")) {
                out.write(body);
            }
            out.flush();
        }

        /** Writes the status line and headers; {@code contentLength} -1 means chunked, -2 none at all. */
        void head(int status, long contentLength, String... headers) throws IOException {
            StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                    .append("\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                sb.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
                if (headers[i].equalsIgnoreCase("connection") && headers[i + 1].equalsIgnoreCase("close")) {
                    closeAfter = true;
                }
            }
            if (contentLength >= 0 && status != 204 && status != 304) {
                sb.append("Content-Length: ").append(contentLength).append("\r\n");
            } else if (contentLength == -1) {
                sb.append("Transfer-Encoding: chunked\r\n");
            }
            sb.append("\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        }

        void chunk(byte[] data, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(data, off, len);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }

        void lastChunk() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /**
         * Ends the connection gracefully after this response, as RFC 9112 asks of a server that stops
         * reading a request early: half-close, drain what the client still sends for a while, then close.
         */
        void lingeringClose() throws IOException {
            out.flush();
            closeAfter = true;
            request.socket.shutdownOutput();
            request.socket.setSoTimeout(2000);
            byte[] buf = new byte[64 * 1024];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            try {
                InputStream in = request.socket.getInputStream();
                while (System.nanoTime() < deadline && in.read(buf) >= 0) {
                    // discard
                }
            } catch (IOException ignored) {
                // the client went away: done
            }
            request.socket.close();
        }

        /** Ends the connection abruptly after this response. */
        void abort() throws IOException {
            out.flush();
            closeAfter = true;
            request.socket.close();
        }

        private static String reason(int status) {
            switch (status) {
                case 200: return "OK";
                case 201: return "Created";
                case 204: return "No Content";
                case 400: return "Bad Request";
                case 404: return "Not Found";
                case 413: return "Payload Too Large";
                case 500: return "Internal Server Error";
                case 503: return "Service Unavailable";
                default: return "Status";
            }
        }
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
        if (sb.length() == 0) {
            return null;
        }
        throw new EOFException("line ended early");
    }
}
