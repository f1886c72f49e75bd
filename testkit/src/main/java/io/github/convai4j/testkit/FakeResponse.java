package io.github.convai4j.testkit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** One response of the fake server: status, headers, and a body held in memory or opened on demand. */
final class FakeResponse {

    static final String JSON = "application/json";

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Callable<InputStream> stream;
    private final long length;

    private FakeResponse(int status, Map<String, String> headers, byte[] body, Callable<InputStream> stream,
                         long length) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.stream = stream;
        this.length = length;
    }

    static FakeResponse json(int status, Object tree) {
        return bytes(status, JSON, JsonTree.write(tree));
    }

    static FakeResponse bytes(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        return new FakeResponse(status, headers, body, null, body.length);
    }

    /** A body without content, e.g. 204. */
    static FakeResponse empty(int status) {
        return new FakeResponse(status, new LinkedHashMap<String, String>(), new byte[0], null, 0);
    }

    /** A body of {@code length} bytes that is streamed from a fresh stream, never held whole. */
    static FakeResponse stream(int status, String contentType, long length, Callable<InputStream> source) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        return new FakeResponse(status, headers, null, source, length);
    }

    FakeResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    long length() {
        return length;
    }

    /** The body in memory, or {@code null} for a streamed body. */
    byte[] bytes() {
        return body;
    }

    InputStream open() throws Exception {
        return body != null ? new ByteArrayInputStream(body) : stream.call();
    }
}
