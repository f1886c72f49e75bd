package io.github.convai4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict, independent reader of {@code multipart/form-data} bodies (RFC 7578 over RFC 2046 framing).
 *
 * <p>Written for the fake rather than borrowed, and strict on purpose: it is the other end of the
 * client's multipart encoder, so a missing close delimiter, a bare LF, a part without
 * {@code Content-Disposition: form-data; name=...} is an error with a precise reason, not a guess.
 */
final class MultipartForm {

    /** A body that is not well-formed multipart; the message says why. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /** One part: a field when {@link #filename} is {@code null}, else a file. */
    static final class Part {
        final String name;
        final String filename;
        final String contentType;
        final byte[] content;

        Part(String name, String filename, String contentType, byte[] content) {
            this.name = name;
            this.filename = filename;
            this.contentType = contentType;
            this.content = content;
        }

        boolean isFile() {
            return filename != null;
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Part> firstByName;

    private MultipartForm(Map<String, Part> firstByName) {
        this.firstByName = firstByName;
    }

    /** An empty form: what a body that is not multipart at all reads as (every field then is missing). */
    static MultipartForm empty() {
        return new MultipartForm(Collections.<String, Part>emptyMap());
    }

    /** The first part with that name, or {@code null}. */
    Part part(String name) {
        return firstByName.get(name);
    }

    static boolean isMultipart(String contentType) {
        return contentType != null
                && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static MultipartForm parse(String contentType, byte[] body) throws MalformedException {
        String boundary = boundary(contentType);
        byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);

        int pos;
        if (startsWith(body, 0, dashBoundary)) {
            pos = dashBoundary.length;
        } else {
            int first = indexOf(body, delimiter, 0); // a preamble may precede the first delimiter
            if (first < 0) {
                throw new MalformedException("the boundary \"" + boundary + "\" of the Content-Type never occurs");
            }
            pos = first + delimiter.length;
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                break; // close delimiter; the epilogue is ignored
            }
            while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
                pos++; // transport padding
            }
            if (!startsWith(body, pos, new byte[] {'\r', '\n'})) {
                throw new MalformedException("a boundary line must end with CRLF (at byte " + pos + ")");
            }
            pos += 2;
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, pos);
            Map<String, String> headers;
            if (startsWith(body, pos, new byte[] {'\r', '\n'})) {
                headers = Collections.emptyMap(); // a part without headers
                headersEnd = pos - 2;
            } else {
                if (headersEnd < 0) {
                    throw new MalformedException("part headers are not terminated by an empty line (CRLF CRLF)");
                }
                headers = headers(new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8));
            }
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, delimiter, contentStart);
            if (contentEnd < 0) {
                throw new MalformedException("the body ends without the closing delimiter \"--" + boundary + "--\"");
            }
            byte[] content = new byte[contentEnd - contentStart];
            System.arraycopy(body, contentStart, content, 0, content.length);
            parts.add(part(headers, content));
            pos = contentEnd + delimiter.length;
        }
        Map<String, Part> byName = new LinkedHashMap<>();
        for (Part part : parts) {
            if (!byName.containsKey(part.name)) {
                byName.put(part.name, part);
            }
        }
        return new MultipartForm(byName);
    }

    private static String boundary(String contentType) throws MalformedException {
        Map<String, String> parameters = parameters(contentType.substring(contentType.indexOf(';') < 0
                ? contentType.length() : contentType.indexOf(';')));
        String boundary = parameters.get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new MalformedException("the multipart/form-data Content-Type has no boundary parameter");
        }
        if (boundary.length() > 70) {
            throw new MalformedException("the boundary is longer than the 70 characters RFC 2046 allows");
        }
        return boundary;
    }

    private static Map<String, String> headers(String block) throws MalformedException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n", -1)) {
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new MalformedException("a part header line contains a bare CR or LF");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedException("malformed part header line: \"" + line + "\"");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static Part part(Map<String, String> headers, byte[] content) throws MalformedException {
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            throw new MalformedException("a part has no Content-Disposition header");
        }
        int semicolon = disposition.indexOf(';');
        String type = (semicolon < 0 ? disposition : disposition.substring(0, semicolon)).trim();
        if (!type.equalsIgnoreCase("form-data")) {
            throw new MalformedException("a part's Content-Disposition is \"" + type + "\", not form-data");
        }
        Map<String, String> parameters = parameters(semicolon < 0 ? "" : disposition.substring(semicolon));
        String name = parameters.get("name");
        if (name == null) {
            throw new MalformedException("a part's Content-Disposition has no name parameter");
        }
        String filename = parameters.containsKey("filename*")
                ? extendedValue(parameters.get("filename*")) : parameters.get("filename");
        return new Part(name, filename, headers.get("content-type"), content);
    }

    /** Parses {@code ; a=b; c="d e"} into lower-cased names and unquoted values. */
    private static Map<String, String> parameters(String s) throws MalformedException {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ';' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw new MalformedException("malformed header parameter in \"" + s.trim() + "\"");
            }
            String name = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        sb.append(s.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                if (!closed) {
                    throw new MalformedException("unterminated quoted string in \"" + s.trim() + "\"");
                }
                value = sb.toString();
            } else {
                int end = s.indexOf(';', i);
                value = (end < 0 ? s.substring(i) : s.substring(i, end)).trim();
                i = end < 0 ? n : end;
            }
            parameters.put(name, value);
        }
        return parameters;
    }

    /** Decodes an RFC 8187 extended value such as {@code UTF-8''na%C3%AFve.txt}. */
    private static String extendedValue(String value) throws MalformedException {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            throw new MalformedException("malformed filename* parameter: \"" + value + "\"");
        }
        return RecordedRequest.percentDecode(value.substring(second + 1), false);
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (offset < 0 || offset + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        int last = data.length - pattern.length;
        byte first = pattern[0];
        for (int i = Math.max(0, from); i <= last; i++) {
            if (data[i] == first && startsWith(data, i, pattern)) {
                return i;
            }
        }
        return -1;
    }
}
