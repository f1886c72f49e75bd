package io.github.convai4j.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the HttpURLConnection stack does with the methods HttpURLConnection cannot send as they are. */
class UrlConnectionStackTest {
    private ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private Thread acceptor;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    server.accept().close();
                    accepted.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "convai4j-test-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5000);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/convai/agents/a1");
    }

    private HttpRequest patch() {
        return HttpRequest.builder(HttpMethod.PATCH, uri())
                .body(RequestBody.ofString("{\"name\":\"x\"}", "application/json")).build();
    }

    @Test
    void onAJvmPatchFailsBeforeAnyIoSayingWhatToDo() throws Exception {
        try (Transport t = new UrlConnectionTransport(TransportOptions.defaults(), false)) {
            assertThatThrownBy(() -> t.execute(patch()))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("PATCH cannot be sent here")
                    .hasMessageContaining("Java 11 or later")
                    .hasMessageContaining("convai4j-transport-httpclient");
            assertThatThrownBy(() -> t.executeAsync(patch()))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        Thread.sleep(200);
        assertThat(accepted.get()).as("connections made").isZero();
    }

    @Test
    void whereHttpUrlConnectionAcceptsPatchItIsHandedOnAsPatchNeverAsAnotherMethod() {
        // As on Android: the transport passes PATCH to setRequestMethod. The JDK's HttpURLConnection refuses it
        // there, which shows the method was not swapped for another (no POST, no override header).
        try (Transport t = new UrlConnectionTransport(TransportOptions.defaults(), true)) {
            assertThatThrownBy(() -> t.execute(patch()))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("PATCH");
        }
    }

    @Test
    void aGetWithABodyFailsBeforeAnyIo() throws Exception {
        try (Transport t = new UrlConnectionTransport(TransportOptions.defaults(), true)) {
            HttpRequest get = HttpRequest.builder(HttpMethod.GET, uri())
                    .body(RequestBody.ofString("{}", "application/json")).build();
            assertThatThrownBy(() -> t.execute(get))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("would send it as a POST");
        }
        Thread.sleep(200);
        assertThat(accepted.get()).isZero();
    }

    @Test
    void theStackIsChosenByPresenceThenByPropertyThenByTheBuilder() {
        assertThat(JdkTransport.Builder.resolve(JdkTransport.Stack.AUTO, null, true))
                .isEqualTo(JdkTransport.Stack.JAVA_NET_HTTP);
        assertThat(JdkTransport.Builder.resolve(JdkTransport.Stack.AUTO, null, false))
                .isEqualTo(JdkTransport.Stack.URL_CONNECTION);
        assertThat(JdkTransport.Builder.resolve(JdkTransport.Stack.AUTO, "urlconnection", true))
                .isEqualTo(JdkTransport.Stack.URL_CONNECTION);
        assertThat(JdkTransport.Builder.resolve(JdkTransport.Stack.JAVA_NET_HTTP, "urlconnection", true))
                .isEqualTo(JdkTransport.Stack.JAVA_NET_HTTP);
        assertThatThrownBy(() -> JdkTransport.Builder.resolve(JdkTransport.Stack.JAVA_NET_HTTP, null, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Java 11");
        assertThatThrownBy(() -> JdkTransport.Builder.resolve(JdkTransport.Stack.AUTO, "okhttp", true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("java.net.http or urlconnection");
        assertThat(JdkTransport.javaNetHttpAvailable()).isTrue(); // the build runs on JDK 17
    }
}
