package io.github.convai4j.transport.httpclient;

import static io.github.convai4j.transport.httpclient.Exchanges.readString;
import static io.github.convai4j.transport.httpclient.Exchanges.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.transport.httpclient.Exchanges.Mode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Requests and responses go over the wire exactly as given, on both paths. */
class BasicExchangeTest {

    private static final byte[] GZIPPED = gzip("compressed hello");
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private RawHttpServer server;
    private HttpClientTransport transport;

    record Received(String method, String target, List<String[]> headers, byte[] body) {
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            for (String[] h : headers) {
                names.add(h[0].toLowerCase(Locale.ROOT));
            }
            return names;
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new RawHttpServer(ex -> {
            byte[] body = ex.readBody();
            received.add(new Received(ex.method, ex.target, ex.headers, body));
            switch (ex.target.split("\\?")[0]) {
                case "/status/204" -> ex.respond(204, new byte[0]);
                case "/redirect" -> ex.respond(302, "moved", "Location", "/elsewhere");
                case "/cookie" -> ex.respond(200, "set", "Set-Cookie", "session=abc; Path=/");
                case "/gzip" -> ex.respond(200, GZIPPED, "Content-Encoding", "gzip", "Content-Type", "text/plain");
                case "/auth" -> ex.respond(401, "who?", "WWW-Authenticate", "Basic realm=\"x\"");
                case "/drop" -> ex.closeConnection = true;
                case "/status/404" -> ex.respond(404, "{\"detail\":\"not found\"}", "Content-Type", "application/json");
                case "/status/503" -> ex.respond(503, "busy", "Retry-After", "1");
                case "/chunked" -> {
                    ex.head(200, "Transfer-Encoding", "chunked", "X-Multi", "a", "X-Multi", "b");
                    byte[] data = "hello chunked world".getBytes(StandardCharsets.UTF_8);
                    ex.chunk(data, 0, 5);
                    ex.chunk(data, 5, data.length - 5);
                    ex.lastChunk();
                }
                default -> ex.respond(200, "echo:" + ex.method + ":" + body.length, "Content-Type", "text/plain");
            }
        });
        transport = HttpClientTransport.builder().build();
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sendsExactlyTheRequestHeadersPlusWhatHttp11Needs(Mode mode) throws Exception {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/v1/convai/agents"))
                .addHeader("xi-api-key", "secret-value")
                .addHeader("Accept", "application/json")
                .addHeader("X-Repeated", "one")
                .addHeader("X-Repeated", "two")
                .build();
        try (HttpResponse response = send(transport, request, mode)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(readString(response)).isEqualTo("echo:GET:0");
        }
        Received r = received.poll();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.target()).isEqualTo("/v1/convai/agents");
        List<String[]> ours = new ArrayList<>();
        for (String[] h : r.headers()) {
            if (!List.of("host", "connection").contains(h[0].toLowerCase(Locale.ROOT))) {
                ours.add(h);
            }
        }
        assertThat(ours).extracting(h -> h[0] + ": " + h[1]).containsExactly(
                "xi-api-key: secret-value", "Accept: application/json", "X-Repeated: one", "X-Repeated: two");
        assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(r.names()).doesNotContain("user-agent", "accept-encoding", "cookie", "expect", "upgrade");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void keepsReservedAndNonAsciiCharactersOfTheQuery(Mode mode) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.port()
                + "/v1/convai/agents/a%2Fb%20c?search=caf%C3%A9+%26+bar&cursor=x%3Dy&empty=&flag");
        try (HttpResponse response = send(transport, HttpRequest.builder(HttpMethod.GET, uri).build(), mode)) {
            readString(response);
        }
        assertThat(received.poll().target())
                .isEqualTo("/v1/convai/agents/a%2Fb%20c?search=caf%C3%A9+%26+bar&cursor=x%3Dy&empty=&flag");

        URI unicode = new URI("http", null, "127.0.0.1", server.port(), "/v1/naïve", "q=ünï", null);
        try (HttpResponse response = send(transport, HttpRequest.builder(HttpMethod.GET, unicode).build(), mode)) {
            readString(response);
        }
        assertThat(received.poll().target()).isEqualTo("/v1/na%C3%AFve?q=%C3%BCn%C3%AF");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sendsEveryMethodWithAndWithoutBody(Mode mode) throws Exception {
        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            byte[] json = ("{\"method\":\"" + method + "\"}").getBytes(StandardCharsets.UTF_8);
            HttpRequest withBody = HttpRequest.builder(method, server.uri("/x"))
                    .body(RequestBody.ofBytes(json, "application/json")).build();
            try (HttpResponse response = send(transport, withBody, mode)) {
                assertThat(readString(response)).isEqualTo("echo:" + method + ":" + json.length);
            }
            Received r = received.poll();
            assertThat(r.method()).isEqualTo(method.name());
            assertThat(r.body()).isEqualTo(json);
            assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(json.length));
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Transfer-Encoding")).isNull();

            HttpRequest without = HttpRequest.builder(method, server.uri("/x")).build();
            try (HttpResponse response = send(transport, without, mode)) {
                assertThat(readString(response)).isEqualTo("echo:" + method + ":0");
            }
            Received empty = received.poll();
            assertThat(empty.method()).isEqualTo(method.name());
            assertThat(empty.body()).isEmpty();
            assertThat(empty.header("Transfer-Encoding")).isNull();
            assertThat(empty.header("Content-Type")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sendsUnknownLengthBodiesChunked(Mode mode) throws Exception {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = Exchanges.patternByte(i);
        }
        HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/upload"))
                .body(RequestBody.ofInputStream(new ByteArrayInputStream(data), -1, "application/octet-stream"))
                .build();
        try (HttpResponse response = send(transport, request, mode)) {
            assertThat(readString(response)).isEqualTo("echo:POST:" + data.length);
        }
        Received r = received.poll();
        assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(r.header("Content-Length")).isNull();
        assertThat(r.body()).isEqualTo(data);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sendsMultipartBytesAsEncoded(Mode mode) throws Exception {
        byte[] file = new byte[300_000];
        for (int i = 0; i < file.length; i++) {
            file[i] = Exchanges.patternByte(i * 7L);
        }
        MultipartBody body = MultipartBody.builder()
                .addField("name", "My agent")
                .addField("description", "naïve \"quoted\"")
                .addFile("file", "voice.mp3", "audio/mpeg", ContentSource.ofBytes(file))
                .build();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        body.writeTo(expected);
        HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/upload")).body(body).build();
        try (HttpResponse response = send(transport, request, mode)) {
            readString(response);
        }
        Received r = received.poll();
        assertThat(r.header("Content-Type")).isEqualTo(body.contentType());
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(body.contentLength()));
        assertThat(r.body()).isEqualTo(expected.toByteArray());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void returnsStatusHeadersAndBodiesOfEveryKind(Mode mode) throws Exception {
        try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.DELETE, server.uri("/status/204")).build(), mode)) {
            assertThat(r.statusCode()).isEqualTo(204);
            assertThat(r.body().read()).isEqualTo(-1);
        }
        try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/status/404")).build(), mode)) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().first("content-type")).isEqualTo("application/json");
            assertThat(readString(r)).isEqualTo("{\"detail\":\"not found\"}");
        }
        try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.POST, server.uri("/status/503")).build(), mode)) {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().first("Retry-After")).isEqualTo("1");
            assertThat(readString(r)).isEqualTo("busy");
        }
        try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/chunked")).build(), mode)) {
            assertThat(r.headers().values("x-multi")).containsExactly("a", "b");
            assertThat(readString(r)).isEqualTo("hello chunked world");
        }
        try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.HEAD, server.uri("/head")).build(), mode)) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body().read()).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void leavesRedirectsCookiesCompressionAndAuthenticationToTheCaller(Mode mode) throws Exception {
        try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/redirect")).build(), mode)) {
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().first("Location")).isEqualTo("/elsewhere");
            assertThat(readString(r)).isEqualTo("moved");
        }
        try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/cookie")).build(), mode)) {
            assertThat(r.headers().first("Set-Cookie")).isEqualTo("session=abc; Path=/");
            readString(r);
        }
        try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/gzip")).build(), mode)) {
            assertThat(r.headers().first("Content-Encoding")).isEqualTo("gzip");
            assertThat(r.body().readAllBytes()).isEqualTo(GZIPPED);
        }
        try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/auth")).build(), mode)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(readString(r)).isEqualTo("who?");
        }
        try (HttpResponse r = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/after")).build(), mode)) {
            readString(r);
        }
        List<String> targets = new ArrayList<>();
        for (Received r : received) {
            targets.add(r.target());
            assertThat(r.names()).doesNotContain("cookie", "authorization", "accept-encoding");
        }
        // Nothing was followed or repeated.
        assertThat(targets).containsExactly("/redirect", "/cookie", "/gzip", "/auth", "/after");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void turnsOffRedirectsAndDecompressionPerRequestOnACallersDefaultClients(Mode mode) throws Exception {
        try (var classic = org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
                var async = org.apache.hc.client5.http.impl.async.HttpAsyncClients.createDefault();
                HttpClientTransport own = HttpClientTransport.builder().httpClient(classic).asyncHttpClient(async).build()) {
            try (HttpResponse r = send(own, HttpRequest.builder(HttpMethod.GET, server.uri("/redirect")).build(), mode)) {
                assertThat(r.statusCode()).isEqualTo(302);
                readString(r);
            }
            try (HttpResponse r = send(own, HttpRequest.builder(HttpMethod.GET, server.uri("/gzip")).build(), mode)) {
                assertThat(r.body().readAllBytes()).isEqualTo(GZIPPED);
            }
        }
        assertThat(received).extracting(Received::target).containsExactly("/redirect", "/gzip");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void doesNotRetryARequestWhoseConnectionDropped(Mode mode) {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("/drop")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(transport, request, mode))
                .isInstanceOf(java.io.IOException.class);
        assertThat(received).extracting(Received::target).containsExactly("/drop");
    }

    private static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
                gz.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
