package io.github.convai4j.transport.netty;

import io.github.convai4j.http.WebSocketRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket contract over {@code wss://}, with certificates made by {@code keytool} at test time
 * ({@link TestCertificates}), plus the TLS checks: host name verification and the default trust store.
 */
class SecureWebSocketTest extends WebSocketContractTest {

    @TempDir
    static Path dir;

    private KeyStore keys;

    @Override
    WebSocketTestServer startServer() throws Exception {
        keys = TestCertificates.keytool(dir, "localhost", "SAN=dns:localhost,ip:127.0.0.1");
        return new WebSocketTestServer(TestCertificates.nettyServerContext(keys));
    }

    @Override
    NettyTransport.Builder transportBuilder() throws Exception {
        return NettyTransport.builder().sslContext(TestCertificates.trusting(keys));
    }

    @Test
    void aCertificateForAnotherHostIsRejected() throws Exception {
        KeyStore other = TestCertificates.keytool(dir, "other", "SAN=dns:other.test");
        try (WebSocketTestServer otherServer = new WebSocketTestServer(TestCertificates.nettyServerContext(other));
             NettyTransport trustingOther = NettyTransport.builder().sslContext(TestCertificates.trusting(other)).build()) {
            RecordingListener listener = new RecordingListener();
            Throwable error = failure(trustingOther.webSocket().orElseThrow().connect(
                    WebSocketRequest.builder(otherServer.uri("/echo", otherServer.newId())).build(), listener));
            assertThat(error).isInstanceOf(SSLHandshakeException.class);
            assertThat(listener.events).isEmpty();
        }
    }

    @Test
    void theDefaultContextDoesNotTrustASelfSignedCertificate() throws Exception {
        try (NettyTransport defaults = NettyTransport.create()) {
            Throwable error = failure(defaults.webSocket().orElseThrow().connect(
                    WebSocketRequest.builder(server.uri("/echo", server.newId())).build(), new RecordingListener()));
            assertThat(error).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
