package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately small HTTP/1.1 client on a raw socket, for testing the fake server without the library's
 * own client (not written yet) and with full sight of the wire: partial bodies, resets and early EOFs are
 * visible, and PATCH works (HttpURLConnection refuses it). Every request goes on a fresh connection with
 * {@code Connection: close} unless sent through {@link #exchangeOn}.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int READ_TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final Map<String, String> auth = new LinkedHashMap<>();

    Http(FakeAgentsPlatform server) {
        this.host = "127.0.0.1";
        this.port = server.port();
        switch (server.authScheme()) {
            case X_API_KEY -> auth.put("x-api-key", server.apiKey());
            case BEARER -> auth.put("Authorization", "Bearer " + server.apiKey());
            default -> auth.put("xi-api-key", server.apiKey());
        }
    }

    /** A client that sends no credentials. */
    Http anonymous() {
        return new Http(host, port);
    }

    private Http(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** What came back: the head, whatever body bytes arrived, and the failure that ended reading, if any. */
    record Response(int status, Map<String, List<String>> headers, byte[] body, IOException failure) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            if (failure != null) {
                throw new AssertionError("the response failed: " + failure, failure);
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + text(), e);
            }
        }

        /** The declared Content-Length, or -1. */
        long contentLength() {
            String value = header("content-length");
            return value == null ? -1 : Long.parseLong(value);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    Response get(String target) {
        return send("GET", target, Map.of(), null);
    }

    Response delete(String target) {
        return send("DELETE", target, Map.of(), null);
    }

    Response postJson(String target, String json) {
        return send("POST", target, Map.of("Content-Type", "application/json"), utf8(json));
    }

    Response patchJson(String target, String json) {
        return send("PATCH", target, Map.of("Content-Type", "application/json"), utf8(json));
    }

    Response postMultipart(String target, Multipart form) {
        return send("POST", target, Map.of("Content-Type", form.contentType()), form.bytes());
    }

    /** Sends a request on a new connection; fails the test on a transport error. */
    Response send(String method, String target, Map<String, String> headers, byte[] body) {
        Response response = exchange(method, target, headers, body);
        if (response.failure() != null) {
            throw new AssertionError(method + " " + target + " failed: " + response.failure(), response.failure());
        }
        return response;
    }

    /** Sends a request on a new connection; a transport error while reading is returned, not thrown. */
    Response exchange(String method, String target, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Connection", "close");
            writeRequest(socket.getOutputStream(), method, target, all, body);
            return readResponse(new BufferedInputStream(socket.getInputStream()), method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a request on an open connection (keep-alive) and reads its response from {@code in}. */
    Response exchangeOn(Socket socket, InputStream in, String method, String target, byte[] body)
            throws IOException {
        writeRequest(socket.getOutputStream(), method, target, Map.of(), body);
        return readResponse(in, false);
    }

    void writeRequest(OutputStream out, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        Map<String, String> all = new LinkedHashMap<>(auth);
        all.putAll(headers);
        for (Map.Entry<String, String> h : all.entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    static Response readResponse(InputStream in, boolean head) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> length = headers.get("content-length");
        long expected = length == null ? -1 : Long.parseLong(length.get(0));
        if (head || status == 204 || status == 304) {
            expected = 0;
        }
        byte[] buffer = new byte[8192];
        try {
            long remaining = expected;
            while (expected < 0 || remaining > 0) {
                int n = in.read(buffer, 0, expected < 0 ? buffer.length : (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    if (expected >= 0) {
                        throw new IOException("premature EOF: " + body.size() + " of " + expected + " body bytes");
                    }
                    break;
                }
                body.write(buffer, 0, n);
                remaining -= n;
            }
        } catch (IOException e) {
            return new Response(status, headers, body.toByteArray(), e);
        }
        return new Response(status, headers, body.toByteArray(), null);
    }

    private static String readLine(InputStream in) throws IOException {
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

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A hand-written multipart/form-data body (RFC 7578), independent of any library's encoder. */
    static final class Multipart {
        private final String boundary;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private boolean finished;

        Multipart() {
            this("----convai4j-testkit-" + Long.toHexString(System.nanoTime()));
        }

        Multipart(String boundary) {
            this.boundary = boundary;
        }

        Multipart file(String name, String filename, String contentType, byte[] content) {
            String head = "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                    + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                    + "\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Multipart field(String name, String value) {
            String part = "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                    + value + "\r\n";
            out.writeBytes(part.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            if (!finished) {
                out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
                finished = true;
            }
            return out.toByteArray();
        }
    }
}
