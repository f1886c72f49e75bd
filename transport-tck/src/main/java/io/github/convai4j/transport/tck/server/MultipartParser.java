package io.github.convai4j.transport.tck.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A streaming parser of {@code multipart/form-data} bodies (RFC 7578 on RFC 2046 section 5.1), for the
 * server side of the conformance kit. It reads parts of any size with bounded memory, yielding each
 * part's header fields, form name, file name, content type, length and digests.
 *
 * <p>It was written from the RFCs, independently of convai4j's own encoder, so that an encoder bug shows
 * up as a parse failure or a digest mismatch instead of being mirrored. It is strict where a conforming
 * sender has no latitude (every part needs a {@code Content-Disposition: form-data} with a name, the body
 * must end with the close delimiter) and tolerant where RFC 2046 allows variation (a preamble, transport
 * padding after a boundary, an epilogue), which it reports through {@link MultipartForm} instead.
 *
 * <p>Names and file names are returned as sent inside their quoted strings (UTF-8 decoded, backslash
 * escapes removed); percent-encoding is not undone, since RFC 7578 leaves it ambiguous.
 */
public final class MultipartParser {
    private static final int MAX_HEADER_LINE = 16 * 1024;

    private MultipartParser() {
    }

    /**
     * Extracts the {@code boundary} parameter of a {@code multipart/form-data} content type.
     *
     * @param contentType the request's {@code Content-Type}
     * @return the boundary
     * @throws MalformedMultipartException if the type is not {@code multipart/form-data} or has no boundary
     */
    public static String boundaryOf(String contentType) throws MalformedMultipartException {
        if (contentType == null) {
            throw new MalformedMultipartException("The request has no Content-Type; expected multipart/form-data");
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
        if (!type.equalsIgnoreCase("multipart/form-data")) {
            throw new MalformedMultipartException("Content-Type is \"" + contentType
                    + "\", expected multipart/form-data");
        }
        for (Parameter p : parameters(semi < 0 ? "" : contentType.substring(semi))) {
            if (p.name.equalsIgnoreCase("boundary")) {
                if (p.value.isEmpty() || p.value.length() > 70) {
                    throw new MalformedMultipartException("The boundary must have 1 to 70 characters (RFC 2046),"
                            + " got \"" + p.value + "\"");
                }
                return p.value;
            }
        }
        throw new MalformedMultipartException("Content-Type \"" + contentType + "\" has no boundary parameter");
    }

    /**
     * Parses a whole multipart body.
     *
     * @param body the request body, framing removed; read to its end, not closed
     * @param contentType the request's {@code Content-Type}, which carries the boundary
     * @return the parts
     * @throws MalformedMultipartException if the body is not valid {@code multipart/form-data}
     * @throws IOException if reading fails
     */
    public static MultipartForm parse(InputStream body, String contentType) throws IOException {
        String boundary = boundaryOf(contentType);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Scanner scanner = new Scanner(body, delimiter.length);

        // The first boundary has no CRLF before it when there is no preamble: scan as if the body began
        // with CRLF, and take those two bytes off the preamble.
        CountingSink preamble = new CountingSink();
        if (!scanner.readUntil(delimiter, preamble)) {
            throw new MalformedMultipartException("No boundary \"--" + boundary + "\" in the body ("
                    + (preamble.count - 2) + " bytes)");
        }
        long preambleLength = Math.max(0, preamble.count - 2);

        List<ReceivedPart> parts = new ArrayList<>();
        while (true) {
            int a = scanner.read();
            int b = scanner.read();
            if (a == '-' && b == '-') {
                break; // close delimiter
            }
            // transport-padding = *LWSP-char, then CRLF
            while (a == ' ' || a == '\t') {
                a = b;
                b = scanner.read();
            }
            if (a != '\r' || b != '\n') {
                throw new MalformedMultipartException("Boundary of part " + (parts.size() + 1)
                        + " is not followed by CRLF" + (a < 0 || b < 0 ? " (the body ended)" : ""));
            }
            List<HeaderField> headers = readPartHeaders(scanner, parts.size() + 1);
            PartSink content = new PartSink();
            if (!scanner.readUntil(delimiter, content)) {
                throw new MalformedMultipartException("The body ended inside part " + (parts.size() + 1)
                        + " after " + content.acc.summary().length() + " bytes, without a closing boundary");
            }
            parts.add(ReceivedPart.of(headers, content.acc.summary(), content.kept(), parts.size() + 1));
        }
        // After the close delimiter: optional transport padding and CRLF, then the epilogue.
        int c = scanner.read();
        while (c == ' ' || c == '\t') {
            c = scanner.read();
        }
        long epilogue = 0;
        boolean crlfAfterClose = false;
        if (c == '\r') {
            int d = scanner.read();
            if (d == '\n') {
                crlfAfterClose = true;
            } else {
                epilogue += d < 0 ? 1 : 2;
            }
        } else if (c >= 0) {
            epilogue++;
        }
        while (scanner.read() >= 0) {
            epilogue++;
        }
        return new MultipartForm(Collections.unmodifiableList(parts), preambleLength, epilogue, crlfAfterClose);
    }

    private static List<HeaderField> readPartHeaders(Scanner scanner, int index) throws IOException {
        List<HeaderField> headers = new ArrayList<>();
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int x = scanner.read();
                if (x < 0) {
                    throw new MalformedMultipartException("The body ended inside the headers of part " + index);
                }
                if (x == '\r') {
                    int y = scanner.read();
                    if (y != '\n') {
                        throw new MalformedMultipartException("CR without LF in the headers of part " + index);
                    }
                    break;
                }
                if (x == '\n') {
                    throw new MalformedMultipartException("Bare LF in the headers of part " + index);
                }
                line.write(x);
                if (line.size() > MAX_HEADER_LINE) {
                    throw new MalformedMultipartException("Header line longer than " + MAX_HEADER_LINE
                            + " bytes in part " + index);
                }
            }
            if (line.size() == 0) {
                return Collections.unmodifiableList(headers);
            }
            String text = new String(line.toByteArray(), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon <= 0 || !Wire.isToken(text.substring(0, colon))) {
                throw new MalformedMultipartException("Malformed header line \"" + Wire.printable(text)
                        + "\" in part " + index);
            }
            headers.add(new HeaderField(text.substring(0, colon), text.substring(colon + 1).trim()));
        }
    }

    /** A parameter of a header value: {@code ; name=value} or {@code ; name="quoted"}. */
    static final class Parameter {
        final String name;
        final String value;

        Parameter(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    /** Parses {@code ; a=b; c="d"} (the part of a header value after its first token). */
    static List<Parameter> parameters(String s) throws MalformedMultipartException {
        List<Parameter> params = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ';' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw new MalformedMultipartException("Parameter without '=' in \"" + s + "\"");
            }
            String name = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = s.charAt(i++);
                    if (q == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else if (q == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(q);
                    }
                }
                if (!closed) {
                    throw new MalformedMultipartException("Unterminated quoted string in \"" + s + "\"");
                }
            } else {
                while (i < n && s.charAt(i) != ';') {
                    value.append(s.charAt(i++));
                }
            }
            params.add(new Parameter(name, value.toString().trim()));
        }
        return params;
    }

    /** Receives the bytes between delimiters. */
    interface Sink {
        void accept(byte[] buf, int off, int len);
    }

    private static final class CountingSink implements Sink {
        long count;

        @Override
        public void accept(byte[] buf, int off, int len) {
            count += len;
        }
    }

    private static final class PartSink implements Sink {
        final BodySummary.Accumulator acc = new BodySummary.Accumulator();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();

        @Override
        public void accept(byte[] buf, int off, int len) {
            acc.update(buf, off, len);
            if (kept != null) {
                if (kept.size() + len <= ReceivedPart.KEPT_CONTENT_LIMIT) {
                    kept.write(buf, off, len);
                } else {
                    kept = null;
                }
            }
        }

        byte[] kept() {
            return kept == null ? null : kept.toByteArray();
        }
    }

    /** A buffered reader that finds a delimiter across buffer refills. */
    static final class Scanner {
        private final InputStream in;
        private final byte[] buf;
        private int start;
        private int end;
        private boolean eof;

        Scanner(InputStream in, int delimiterLength) {
            this.in = in;
            this.buf = new byte[Math.max(64 * 1024, delimiterLength * 4)];
            // The virtual CRLF before the body (see parse).
            buf[0] = '\r';
            buf[1] = '\n';
            end = 2;
        }

        int read() throws IOException {
            if (start == end && !fill()) {
                return -1;
            }
            return buf[start++] & 0xff;
        }

        /**
         * Passes the bytes before the next {@code delimiter} to {@code sink} and consumes the delimiter.
         *
         * @return {@code false} if the stream ended first (all remaining bytes went to the sink)
         */
        boolean readUntil(byte[] delimiter, Sink sink) throws IOException {
            while (true) {
                int at = indexOf(delimiter);
                if (at >= 0) {
                    sink.accept(buf, start, at - start);
                    start = at + delimiter.length;
                    return true;
                }
                int safe = Math.max(start, end - (delimiter.length - 1));
                sink.accept(buf, start, safe - start);
                start = safe;
                if (!fill()) {
                    sink.accept(buf, start, end - start);
                    start = end;
                    return false;
                }
            }
        }

        private int indexOf(byte[] d) {
            byte first = d[0];
            int last = end - d.length;
            outer:
            for (int i = start; i <= last; i++) {
                if (buf[i] != first) {
                    continue;
                }
                for (int j = 1; j < d.length; j++) {
                    if (buf[i + j] != d[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        /** Moves the unread bytes to the front and reads more; returns false at end of stream. */
        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
                return false;
            }
            end += n;
            return true;
        }
    }
}
