package io.github.convai4j.transport.tck.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Low-level HTTP/1.1 syntax helpers of the loopback server. */
final class Wire {
    static final int MAX_LINE = 64 * 1024;

    private Wire() {
    }

    /**
     * Reads one line ending in CRLF, without the CRLF, bytes mapped 1:1 to chars (ISO-8859-1).
     *
     * @return the line, or {@code null} if the stream ended before the first byte
     * @throws EOFException if the stream ends inside the line
     */
    static String readLine(InputStream in, List<String> problems) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (true) {
            if (b < 0) {
                throw new EOFException("The connection closed inside a line (after "
                        + line.size() + " bytes: \"" + printable(line) + "\")");
            }
            if (b == '\n') {
                problems.add("Line ending in a bare LF instead of CRLF: \"" + printable(line) + "\"");
                break;
            }
            if (b == '\r') {
                int next = in.read();
                if (next == '\n') {
                    break;
                }
                problems.add("CR not followed by LF in \"" + printable(line) + "\"");
                if (next < 0) {
                    throw new EOFException("The connection closed after a CR");
                }
                line.write('\r');
                b = next;
                continue;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("Line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
            b = in.read();
        }
        return new String(line.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String printable(ByteArrayOutputStream bytes) {
        return printable(new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1));
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return s.length() > 200 ? sb + "..." : sb.toString();
    }

    static String reason(int status) {
        switch (status) {
            case 100: return "Continue";
            case 200: return "OK";
            case 201: return "Created";
            case 202: return "Accepted";
            case 204: return "No Content";
            case 206: return "Partial Content";
            case 304: return "Not Modified";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 413: return "Content Too Large";
            case 422: return "Unprocessable Content";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            default: return "Status " + status;
        }
    }
}
