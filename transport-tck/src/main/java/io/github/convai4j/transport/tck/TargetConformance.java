package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.RecordedRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request-target reaches the server exactly as the URI's raw form: core percent-encodes paths and
 * queries, and a transport that decodes or re-encodes them would change what the server sees (an id
 * containing {@code %2F} would become two path segments, a {@code +} a space).
 */
abstract class TargetConformance extends ConformanceGroup {

    TargetConformance(TransportConformanceTest suite) {
        super(suite);
    }

    private Received sendTo(String rawTarget, Mode mode) throws Exception {
        URI uri = suite.uri(rawTarget);
        String path = uri.getRawPath();
        server().handle(path, ex -> {
            ex.readRequest();
            ex.respond(200, "ok");
        });
        Received received = exchange(HttpRequest.builder(HttpMethod.GET, uri).build(), mode);
        RecordedRequest r = takeRequest("GET " + rawTarget);
        assertWellFormed(r);
        String expected = uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        assertEquals(rawTarget, expected, "test set-up: the raw target should survive URI parsing");
        assertEquals(expected, r.target(), () -> "The request-target must be the URI's raw path and query byte for"
                + " byte; a transport must not decode, re-encode or normalize it");
        assertStatus(200, received, "GET " + rawTarget);
        return received;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/v1/convai/agents?page_size=30&cursor=abc-123",
        "/search?q=a%20b+c&plus=%2B&amp=%26&eq=%3D&qm=%3F&hash=%23&pct=%25",
        "/items/a%2Fb/c%3Bd/e%2E%2E?filter=name%3D%22x%22",
        "/q?name=%C3%A9t%C3%A9%20%E2%9C%93&emoji=%F0%9F%98%80&cjk=%E6%97%A5%E6%9C%AC",
        "/q?sub=!$'()*,;=&colon=a:b@c&slash=/x/y?z",
        "/q?empty=&flag&dup=1&dup=2&case=%c3%a9",
        "/~user/.well-known/a-b_c.d",
    })
    void rawTargetArrivesByteForByte(String rawTarget) throws Exception {
        sendTo(rawTarget, Mode.SYNC);
    }

    @Test
    void rawTargetArrivesByteForByteAsync() throws Exception {
        sendTo("/async/%2F%20%2B?q=%C3%A9+%2B&x=a/b?c", Mode.ASYNC);
    }

    @Test
    void urlWithoutPathSendsSlash() throws Exception {
        server().handle("/", ex -> {
            ex.readRequest();
            ex.respond(200, "root");
        });
        URI uri = URI.create("http://127.0.0.1:" + server().port());
        Received received = exchange(HttpRequest.builder(HttpMethod.GET, uri).build(), Mode.SYNC);
        RecordedRequest r = takeRequest("GET " + uri);
        assertEquals("/", r.target(), "A URL without a path must be requested as \"/\"");
        assertEquals("root", received.text());
    }
}
