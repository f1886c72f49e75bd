package io.github.convai4j.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the fake server received it, for assertions in tests.
 *
 * <p>Every request is recorded, in arrival order, before authentication, routing or any injected fault
 * is applied: a request answered with 401, 422, an injected 503 or a connection reset is recorded too.
 * Requests rejected before they were complete (a malformed request line, a body over
 * {@link FakeAgentsPlatform.Builder#maxRequestBodyBytes(int)}) are not.
 *
 * <p>Immutable and thread-safe. {@link #body()} returns a copy. {@link #toString()} shows the method, the
 * path and the body size only: never header values (they carry the API key), the query or the body
 * (a secret's value travels in the body of {@code POST /v1/convai/secrets}).
 */
public final class RecordedRequest {

    private final long sequence;
    private final String requestId;
    private final String method;
    private final String path;
    private final List<String> pathSegments;
    private final String query;
    private final Map<String, List<String>> queryParameters;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    RecordedRequest(long sequence, String requestId, String method, String target,
                    List<Map.Entry<String, String>> headerList, byte[] body) {
        this.sequence = sequence;
        this.requestId = requestId;
        this.method = method.toUpperCase(Locale.ROOT);
        target = originForm(target);
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        int hash = rawPath.indexOf('#');
        this.path = hash < 0 ? rawPath : rawPath.substring(0, hash);
        this.query = q < 0 ? "" : stripFragment(target.substring(q + 1));
        this.pathSegments = Collections.unmodifiableList(segments(this.path));
        this.queryParameters = Collections.unmodifiableMap(parseQuery(this.query));
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : headerList) {
            List<String> values = h.get(header.getKey());
            if (values == null) {
                values = new ArrayList<>(1);
                h.put(header.getKey(), values);
            }
            values.add(header.getValue());
        }
        for (Map.Entry<String, List<String>> e : h.entrySet()) {
            e.setValue(Collections.unmodifiableList(e.getValue()));
        }
        this.headers = Collections.unmodifiableMap(h);
        this.body = body;
    }

    /**
     * Returns the position of this request in arrival order, starting at 0 for the server's first request.
     *
     * @return the arrival index; {@link FakeAgentsPlatform#reset()} does not restart it
     */
    public long sequence() {
        return sequence;
    }

    /**
     * Returns the value of the {@code request-id} response header the fake server sent for this request
     * (the live API sends one on every response, and error reports quote it).
     *
     * @return the request id, 20 characters
     */
    public String requestId() {
        return requestId;
    }

    /**
     * Returns the HTTP method.
     *
     * @return the method in upper case, e.g. {@code "PATCH"}
     */
    public String method() {
        return method;
    }

    /**
     * Returns the path exactly as sent on the wire, still percent-encoded, without query or fragment.
     *
     * @return e.g. {@code "/v1/convai/agents/agent%2F1"}
     */
    public String path() {
        return path;
    }

    /**
     * Returns the path's segments, each percent-decoded on its own: an id sent as {@code ..%2Fx} is the one
     * segment {@code "../x"}.
     *
     * @return the decoded segments, without the empty segment before the leading slash; unmodifiable
     */
    public List<String> pathSegments() {
        return pathSegments;
    }

    /**
     * Returns the raw query string, still percent-encoded.
     *
     * @return the query without the leading {@code ?}, or {@code ""} when there is none
     */
    public String query() {
        return query;
    }

    /**
     * Returns the first value of a query parameter, percent-decoded ({@code +} reads as a space).
     *
     * @param name the parameter name, case-sensitive
     * @return the first value, {@code ""} for a parameter without {@code =}, or {@code null} when absent
     */
    public String queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Returns every value of a repeated query parameter, in order.
     *
     * @param name the parameter name, case-sensitive
     * @return the decoded values; empty when absent; unmodifiable
     */
    public List<String> queryParameters(String name) {
        List<String> values = queryParameters.get(name);
        return values == null ? Collections.<String>emptyList() : values;
    }

    /**
     * Returns all query parameters.
     *
     * @return parameter name to decoded values, in the order first seen; unmodifiable
     */
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, case-insensitive
     * @return the value, or {@code null} when the header was not sent
     */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Returns all headers as received. Values include credentials (the API key): do not log them.
     *
     * @return a case-insensitive map of header name to values in order; unmodifiable
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * Returns a copy of the body bytes exactly as received (after HTTP de-chunking).
     *
     * @return the body; empty when there was none
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Returns the body decoded as UTF-8.
     *
     * @return the body text; {@code ""} when there was none
     */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Returns the body length.
     *
     * @return the number of body bytes received
     */
    public int bodySize() {
        return body.length;
    }

    /**
     * Returns the {@code Content-Type} header.
     *
     * @return its value, or {@code null} when not sent
     */
    public String contentType() {
        return header("content-type");
    }

    byte[] bodyBytesUnsafe() {
        return body;
    }

    /**
     * Describes the request without credentials or content.
     *
     * @return e.g. {@code "#3 POST /v1/convai/secrets (57 bytes)"}
     */
    @Override
    public String toString() {
        return "#" + sequence + " " + method + " " + path + " (" + body.length + " bytes)";
    }

    /** {@code http://host:port/p?q} (absolute form, as sent to proxies) becomes {@code /p?q}. */
    private static String originForm(String target) {
        int scheme = target.indexOf("://");
        if (scheme <= 0 || target.startsWith("/")) {
            return target;
        }
        int slash = target.indexOf('/', scheme + 3);
        int query = target.indexOf('?', scheme + 3);
        if (slash < 0 || (query >= 0 && query < slash)) {
            return query < 0 ? "/" : "/" + target.substring(query);
        }
        return target.substring(slash);
    }

    private static String stripFragment(String query) {
        int hash = query.indexOf('#');
        return hash < 0 ? query : query.substring(0, hash);
    }

    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (p.isEmpty()) {
            return segments;
        }
        int start = 0;
        while (true) {
            int slash = p.indexOf('/', start);
            String raw = slash < 0 ? p.substring(start) : p.substring(start, slash);
            segments.add(percentDecode(raw, false));
            if (slash < 0) {
                return segments;
            }
            start = slash + 1;
        }
    }

    private static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), true);
            List<String> values = parameters.get(name);
            if (values == null) {
                values = new ArrayList<>(1);
                parameters.put(name, values);
            }
            values.add(value);
        }
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            e.setValue(Collections.unmodifiableList(e.getValue()));
        }
        return parameters;
    }

    /** Percent-decodes as UTF-8; a malformed escape is kept literally rather than rejected. */
    static String percentDecode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(utf8, 0, utf8.length);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
