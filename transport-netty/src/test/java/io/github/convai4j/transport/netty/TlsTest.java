package io.github.convai4j.transport.netty;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS against a loopback server whose self-signed certificates the test makes with the JDK's
 * {@code keytool} ({@link TestCertificates}).
 */
class TlsTest {
    @TempDir
    static Path dir;

    private static KeyStore localhostKeys;
    private static KeyStore otherHostKeys;
    private static LoopbackServer server;
    private static final List<String> sniNames = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        localhostKeys = TestCertificates.keytool(dir, "localhost", "SAN=dns:localhost,ip:127.0.0.1");
        otherHostKeys = TestCertificates.keytool(dir, "other", "SAN=dns:other.test");
        server = new LoopbackServer(TestCertificates.jdkServerContext(localhostKeys), sniNames)
                .route("/hello", (req, res) -> res.send(200, "secure hello"))
                .route("/echo", (req, res) -> res.send(200, req.bodyBytes()));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void exchangesOverTlsWithHostNameVerificationAndReusesTheConnection() throws Exception {
        try (NettyTransport transport = NettyTransport.builder().sslContext(TestCertificates.trusting(localhostKeys)).build()) {
            int before = server.connectionsAccepted();
            for (int i = 0; i < 3; i++) {
                try (HttpResponse response = transport.execute(
                        HttpRequest.builder(HttpMethod.GET, server.uri("localhost", "/hello")).build())) {
                    assertThat(new String(BasicExchangeTest.readAll(response), StandardCharsets.UTF_8))
                            .isEqualTo("secure hello");
                }
            }
            byte[] bytes = Pattern.bytes(3_000_000);
            HttpRequest upload = HttpRequest.builder(HttpMethod.POST, server.uri("localhost", "/echo"))
                    .body(RequestBody.ofInputStream(new java.io.ByteArrayInputStream(bytes), -1, null)).build();
            try (HttpResponse response = transport.executeAsync(upload).get(30, TimeUnit.SECONDS)) {
                assertThat(BasicExchangeTest.readAll(response)).isEqualTo(bytes);
            }
            assertThat(server.connectionsAccepted() - before).isEqualTo(1);
            assertThat(sniNames).contains("localhost");
        }
    }

    @Test
    void certificateForAnotherHostIsRejected() throws Exception {
        try (LoopbackServer other = new LoopbackServer(TestCertificates.jdkServerContext(otherHostKeys), new ArrayList<>())
                .route("/hello", (req, res) -> res.send(200, "should not get here"));
             NettyTransport transport = NettyTransport.builder().sslContext(TestCertificates.trusting(otherHostKeys)).build()) {
            assertThatThrownBy(() -> transport.execute(
                    HttpRequest.builder(HttpMethod.GET, other.uri("localhost", "/hello")).build()))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(other.requestsServed()).isZero();
        }
    }

    @Test
    void defaultContextDoesNotTrustASelfSignedCertificate() {
        try (NettyTransport transport = NettyTransport.create()) {
            assertThatThrownBy(() -> transport.execute(
                    HttpRequest.builder(HttpMethod.GET, server.uri("localhost", "/hello")).build()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void defaultContextVerifiesHostNamesAndSendsSni() throws Exception {
        try (NettyTransport transport = NettyTransport.create()) {
            SslHandler handler = transport.resources().newSslHandler(ByteBufAllocator.DEFAULT, "api.example.test", 443);
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            assertThat(params.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
            assertThat(params.getServerNames()).containsExactly(new SNIHostName("api.example.test"));
            assertThat(engine.getUseClientMode()).isTrue();
            assertThat(transport.resources().newSslHandler(ByteBufAllocator.DEFAULT, "127.0.0.1", 443)
                    .engine().getSSLParameters().getServerNames()).isNullOrEmpty();
        }
    }

    @Test
    void builderRejectsAServerContext() throws Exception {
        SslContext serverContext = TestCertificates.nettyServerContext(localhostKeys);
        assertThatThrownBy(() -> NettyTransport.builder().sslContext(serverContext))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forClient");
    }

    static SNIMatcher recordingMatcher(List<String> names) {
        return new SNIMatcher(0) {
            @Override
            public boolean matches(SNIServerName serverName) {
                names.add(new String(serverName.getEncoded(), StandardCharsets.US_ASCII));
                return true;
            }
        };
    }

    static void recordSni(SSLServerSocket socket, List<String> names) {
        SSLParameters params = socket.getSSLParameters();
        params.setSNIMatchers(Collections.singletonList(recordingMatcher(names)));
        socket.setSSLParameters(params);
    }
}
