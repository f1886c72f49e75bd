package io.github.convai4j.transport.netty;

import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.http.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Methods, headers, URLs, status codes and bodies go through unchanged, sync and async. */
class BasicExchangeTest {
    private static LoopbackServer server;
    private static NettyTransport transport;

    @BeforeAll
    static void start() throws IOException {
        server = new LoopbackServer()
                .route("/echo", (req, res) -> {
                    byte[] body = req.bodyBytes();
                    res.send(200, body,
                            "X-Method", req.method,
                            "X-Target", req.target,
                            "X-Host", String.valueOf(req.header("host")),
                            "X-CL", String.valueOf(req.header("content-length")),
                            "X-TE", String.valueOf(req.header("transfer-encoding")),
                            "X-CT", String.valueOf(req.header("content-type")),
                            "X-Rep", String.join("|", req.headers("x-rep")));
                })
                .route("/multi", (req, res) -> res.send(200, "multi", "X-Multi", "a", "X-Multi", "b", "x-multi", "c"))
                .route("/status/", (req, res) -> {
                    int status = Integer.parseInt(req.path().substring("/status/".length()));
                    res.send(status, status == 204 ? "" : "status " + status);
                })
                .route("/head", (req, res) -> res.send(200, new byte[100]));
        transport = NettyTransport.create();
    }

    @AfterAll
    static void stop() throws IOException {
        transport.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = HttpMethod.class, names = {"GET", "DELETE", "POST", "PUT", "PATCH"})
    void sendsEveryMethodWithoutBody(HttpMethod method) throws IOException {
        try (HttpResponse response = transport.execute(HttpRequest.builder(method, server.uri("/echo")).build())) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().first("X-Method")).isEqualTo(method.name());
            boolean needsLength = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
            assertThat(response.headers().first("X-CL")).isEqualTo(needsLength ? "0" : "null");
            assertThat(response.headers().first("X-TE")).isEqualTo("null");
            assertThat(readAll(response)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = HttpMethod.class, names = {"POST", "PUT", "PATCH", "DELETE"})
    void sendsEveryMethodWithJsonBody(HttpMethod method) throws Exception {
        String json = "{\"name\":\"agent ü\"}";
        HttpRequest request = HttpRequest.builder(method, server.uri("/echo"))
                .body(RequestBody.ofString(json, "application/json")).build();
        try (HttpResponse response = transport.executeAsync(request).get(10, TimeUnit.SECONDS)) {
            assertThat(response.headers().first("X-Method")).isEqualTo(method.name());
            assertThat(response.headers().first("X-CT")).isEqualTo("application/json");
            assertThat(response.headers().first("X-CL"))
                    .isEqualTo(String.valueOf(json.getBytes(StandardCharsets.UTF_8).length));
            assertThat(new String(readAll(response), StandardCharsets.UTF_8)).isEqualTo(json);
        }
    }

    @Test
    void sendsRepeatedHeadersInOrderAndHostWithPort() throws IOException {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, server.uri("localhost", "/echo"))
                .addHeader("X-Rep", "one").addHeader("x-rep", "two").addHeader("X-Rep", "three").build();
        try (HttpResponse response = transport.execute(request)) {
            assertThat(response.headers().first("X-Rep")).isEqualTo("one|two|three");
            assertThat(response.headers().first("X-Host")).isEqualTo("localhost:" + server.port());
        }
    }

    @Test
    void receivesRepeatedResponseHeaders() throws IOException {
        try (HttpResponse response = transport.execute(HttpRequest.builder(HttpMethod.GET, server.uri("/multi")).build())) {
            assertThat(response.headers().values("X-MULTI")).containsExactly("a", "b", "c");
        }
    }

    @Test
    void sendsPathAndQueryWithReservedAndNonAsciiCharacters() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/echo/a%20b/ü?q=ä%20ö&x=1/2?&e=%26");
        try (HttpResponse response = transport.execute(HttpRequest.builder(HttpMethod.GET, uri).build())) {
            assertThat(response.headers().first("X-Target"))
                    .isEqualTo("/echo/a%20b/%C3%BC?q=%C3%A4%20%C3%B6&x=1/2?&e=%26");
        }
    }

    @Test
    void knownLengthBodyIsSentWithContentLength() throws IOException {
        byte[] bytes = Pattern.bytes(300_000);
        HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/echo"))
                .body(RequestBody.ofBytes(bytes, "application/octet-stream")).build();
        try (HttpResponse response = transport.execute(request)) {
            assertThat(response.headers().first("X-CL")).isEqualTo("300000");
            assertThat(response.headers().first("X-TE")).isEqualTo("null");
            assertThat(readAll(response)).isEqualTo(bytes);
        }
    }

    @Test
    void unknownLengthBodyIsSentChunked() throws IOException {
        byte[] bytes = Pattern.bytes(200_001);
        HttpRequest request = HttpRequest.builder(HttpMethod.PUT, server.uri("/echo"))
                .body(RequestBody.ofInputStream(new ByteArrayInputStream(bytes), -1, "application/octet-stream"))
                .build();
        try (HttpResponse response = transport.execute(request)) {
            assertThat(response.headers().first("X-TE")).isEqualTo("chunked");
            assertThat(response.headers().first("X-CL")).isEqualTo("null");
            assertThat(readAll(response)).isEqualTo(bytes);
        }
    }

    @Test
    void emptyKnownLengthBodyAndEmptyChunkedBody() throws IOException {
        HttpRequest empty = HttpRequest.builder(HttpMethod.POST, server.uri("/echo"))
                .body(RequestBody.ofBytes(new byte[0], "text/plain")).build();
        try (HttpResponse response = transport.execute(empty)) {
            assertThat(response.headers().first("X-CL")).isEqualTo("0");
            assertThat(readAll(response)).isEmpty();
        }
        HttpRequest emptyChunked = HttpRequest.builder(HttpMethod.POST, server.uri("/echo"))
                .body(RequestBody.ofInputStream(new ByteArrayInputStream(new byte[0]), -1, null)).build();
        try (HttpResponse response = transport.execute(emptyChunked)) {
            assertThat(response.headers().first("X-TE")).isEqualTo("chunked");
            assertThat(response.headers().first("X-CT")).isEqualTo("null");
            assertThat(readAll(response)).isEmpty();
        }
    }

    @Test
    void multipartBodyArrivesByteForByte(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("audio.bin");
        Files.write(file, Pattern.bytes(1_000_003));
        MultipartBody body = MultipartBody.builder()
                .addField("name", "my agent")
                .addField("description", "ünïcödé \"quoted\"")
                .addFile("file", "audio.bin", "application/octet-stream", ContentSource.ofPath(file))
                .build();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        body.writeTo(expected);
        HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/echo")).body(body).build();
        try (HttpResponse response = transport.execute(request)) {
            assertThat(response.headers().first("X-CT")).isEqualTo(body.contentType());
            assertThat(response.headers().first("X-CL")).isEqualTo(String.valueOf(body.contentLength()));
            assertThat(readAll(response)).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void statusCodesWithAndWithoutBodies() throws IOException {
        for (int status : new int[] {200, 201, 400, 404, 500, 503}) {
            try (HttpResponse response = transport.execute(
                    HttpRequest.builder(HttpMethod.GET, server.uri("/status/" + status)).build())) {
                assertThat(response.statusCode()).isEqualTo(status);
                assertThat(new String(readAll(response), StandardCharsets.UTF_8)).isEqualTo("status " + status);
            }
        }
        try (HttpResponse response = transport.execute(
                HttpRequest.builder(HttpMethod.DELETE, server.uri("/status/204")).build())) {
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.body().read()).isEqualTo(-1);
        }
    }

    @Test
    void headResponseHasNoBodyAndKeepsTheConnectionUsable() throws IOException {
        try (LoopbackServer own = new LoopbackServer().route("/head", (req, res) -> res.send(200, new byte[100]));
             NettyTransport t = NettyTransport.create()) {
            for (int i = 0; i < 3; i++) {
                try (HttpResponse response = t.execute(HttpRequest.builder(HttpMethod.HEAD, own.uri("/head")).build())) {
                    assertThat(response.headers().first("Content-Length")).isEqualTo("100");
                    assertThat(response.body().read()).isEqualTo(-1);
                }
            }
            try (HttpResponse response = t.execute(HttpRequest.builder(HttpMethod.GET, own.uri("/head")).build())) {
                assertThat(readAll(response)).hasSize(100);
            }
            assertThat(own.connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void nameAndToString() {
        assertThat(transport.name()).isEqualTo("netty");
        assertThat(transport.toString()).contains("NettyTransport");
    }

    static byte[] readAll(HttpResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = response.body().read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
