package io.github.convai4j.transport.httpclient;

import static io.github.convai4j.transport.httpclient.Exchanges.readString;
import static io.github.convai4j.transport.httpclient.Exchanges.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.transport.httpclient.Exchanges.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTPS on loopback with a certificate made for the test (by the JDK's keytool) and a transport told to trust
 * it through {@link HttpClientTransport.Builder#sslContext}: the TLS paths of both clients, including the
 * async client's session decorator, which then wraps a TLS session.
 */
@Timeout(120)
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static RawHttpServer server;
    private static HttpClientTransport transport;
    private static HttpClientTransport untrusting;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as("keytool: " + out).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);

        server = new RawHttpServer(ex -> {
            switch (ex.target) {
                case "/cut-head" -> {
                    ex.out.write("HTTP/1.1 200 OK\r\nContent-Type: text/pl".getBytes(StandardCharsets.US_ASCII));
                    ex.out.flush();
                    ex.closeConnection = true;
                }
                case "/close-after" -> {
                    ex.readBody();
                    ex.respond(200, "complete", "Connection", "close");
                    ex.closeConnection = true;
                }
                default -> {
                    byte[] body = ex.readBody();
                    ex.respond(200, "tls:" + ex.method + ":" + body.length);
                }
            }
        }, serverContext);
        transport = HttpClientTransport.builder().sslContext(clientContext).build();
        untrusting = HttpClientTransport.builder().build();
    }

    @AfterAll
    static void stop() throws Exception {
        transport.close();
        untrusting.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void exchangesOverTls(Mode mode) throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpRequest request = HttpRequest.builder(HttpMethod.POST, server.uri("/echo"))
                    .body(RequestBody.ofBytes(new byte[100_000], "application/octet-stream")).build();
            try (HttpResponse response = send(transport, request, mode)) {
                assertThat(readString(response)).isEqualTo("tls:POST:100000");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCompleteResponseFollowedByCloseIsNotMistakenForACutHead(Mode mode) throws Exception {
        try (HttpResponse response = send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/close-after")).build(), mode)) {
            assertThat(readString(response)).isEqualTo("complete");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHeadCutByTheCloseIsAnErrorOverTlsToo(Mode mode) {
        assertThatThrownBy(() -> send(transport, HttpRequest.builder(HttpMethod.GET, server.uri("/cut-head")).build(), mode))
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anUntrustedCertificateFailsTheExchange(Mode mode) {
        assertThatThrownBy(() -> send(untrusting, HttpRequest.builder(HttpMethod.GET, server.uri("/echo")).build(), mode))
                .isInstanceOf(IOException.class);
    }
}
