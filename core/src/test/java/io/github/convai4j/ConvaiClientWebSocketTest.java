package io.github.convai4j;

import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketListener;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import io.github.convai4j.internal.StubTransport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a client finds the WebSocket capability live conversations need. */
class ConvaiClientWebSocketTest {

    private static final String KEY = "sk_client_ws_test";

    @Test
    void aTransportWithoutWebSocketMakesOpenFailAtOnceNamingTheNettyArtifact() {
        StubTransport rest = new StubTransport(); // no WebSocket capability, and discovery finds only "stub"
        try (ConvaiClient client = ConvaiClient.builder().apiKey(KEY).transport(rest).build()) {
            assertThatThrownBy(() -> client.liveConversation("agent_1").open())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("io.github.convai4j:convai4j-transport-netty")
                    .hasMessageContaining("(stub) has none")
                    .hasMessageContaining("webSocketTransport(");
            assertThatThrownBy(() -> client.async().liveConversation("agent_1").openAsync())
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(client::webSocketTransport).isInstanceOf(IllegalStateException.class);
            assertThat(rest.sent()).isEmpty();
        }
    }

    @Test
    void aDiscoveredTransportWithWebSocketServesConversationsOnlyAndClosesWithTheClient() throws IOException {
        WebSocketCapableProvider.CREATED.clear();
        StubTransport rest = new StubTransport();
        ClassLoader loader = loaderOffering(WebSocketCapableProvider.class);
        ConvaiClient client = ConvaiClient.builder().apiKey(KEY).transport(rest).transportClassLoader(loader).build();
        assertThat(client.context().transport()).isSameAs(rest);
        assertThat(WebSocketCapableProvider.CREATED).isEmpty(); // only on first use

        WebSocketTransport ws = client.webSocketTransport();
        assertThat(WebSocketCapableProvider.CREATED).hasSize(1); // a provider without its own WebSocket client
        ws.connect(WebSocketRequest.builder(URI.create("ws://127.0.0.1:9/")).build(), new WebSocketListener() {
            @Override
            public void onText(WebSocket socket, String text) {
            }

            @Override
            public void onClose(WebSocket socket, int code, String reason) {
            }
        });
        assertThat(WebSocketCapableProvider.CREATED.get(0).connects).hasValue(1); // its transport's capability
        assertThat(client.withOptions(o -> o.maxRetries(0)).webSocketTransport()).isSameAs(ws);
        assertThat(WebSocketCapableProvider.CREATED).hasSize(1);

        client.close();
        assertThat(WebSocketCapableProvider.CREATED.get(0).closed).isTrue();
        assertThat(rest.isClosed()).isFalse(); // the user's own
    }

    @Test
    void aProviderWithAWebSocketClientOfItsOwnIsNotAskedForAnHttpTransport() throws IOException {
        WebSocketOnlyProvider.HTTP_TRANSPORTS.set(0);
        WebSocketOnlyProvider.WEB_SOCKETS.clear();
        StubTransport rest = new StubTransport();
        ConvaiClient client = ConvaiClient.builder().apiKey(KEY).transport(rest)
                .transportClassLoader(loaderOffering(WebSocketOnlyProvider.class)).build();
        WebSocketTransport ws = client.webSocketTransport();
        assertThat(WebSocketOnlyProvider.WEB_SOCKETS).singleElement().isSameAs(ws);
        assertThat(WebSocketOnlyProvider.HTTP_TRANSPORTS).hasValue(0);

        client.close();
        assertThat(WebSocketOnlyProvider.WEB_SOCKETS.get(0).closed).isTrue();
        assertThat(WebSocketOnlyProvider.HTTP_TRANSPORTS).hasValue(0);
    }

    /** A class loader that lists only {@code provider} as a transport provider. */
    private static ClassLoader loaderOffering(Class<? extends TransportProvider> provider) throws IOException {
        Path services = Files.createTempFile("transport-providers", ".txt");
        Files.write(services, provider.getName().getBytes(StandardCharsets.UTF_8));
        services.toFile().deleteOnExit();
        URL url = services.toUri().toURL();
        return new ClassLoader(ConvaiClientWebSocketTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals("META-INF/services/" + TransportProvider.class.getName())) {
                    return Collections.enumeration(List.of(url));
                }
                return super.getResources(name);
            }
        };
    }

    /** Registered only through {@link #loaderOffering}. */
    public static final class WebSocketCapableProvider implements TransportProvider {
        static final List<CapableTransport> CREATED = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "capable";
        }

        @Override
        public int priority() {
            return 5;
        }

        @Override
        public Transport create(TransportOptions options) {
            CapableTransport transport = new CapableTransport();
            CREATED.add(transport);
            return transport;
        }
    }

    /** Registered only through {@link #loaderOffering}: a WebSocket client without an HTTP transport. */
    public static final class WebSocketOnlyProvider implements TransportProvider {
        static final AtomicInteger HTTP_TRANSPORTS = new AtomicInteger();
        static final List<OwnWebSocketClient> WEB_SOCKETS = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "websocket-only";
        }

        @Override
        public int priority() {
            return 5;
        }

        @Override
        public Transport create(TransportOptions options) {
            HTTP_TRANSPORTS.incrementAndGet();
            return new CapableTransport();
        }

        @Override
        public Optional<WebSocketTransport> createWebSocketTransport(TransportOptions options) {
            OwnWebSocketClient client = new OwnWebSocketClient();
            WEB_SOCKETS.add(client);
            return Optional.of(client);
        }
    }

    static final class OwnWebSocketClient implements WebSocketTransport {
        volatile boolean closed;

        @Override
        public CompletableFuture<WebSocket> connect(WebSocketRequest request, WebSocketListener listener) {
            return new CompletableFuture<>();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class CapableTransport implements Transport {
        final AtomicInteger connects = new AtomicInteger();
        final WebSocketTransport webSocket = (request, listener) -> {
            connects.incrementAndGet();
            return new CompletableFuture<>();
        };
        volatile boolean closed;

        @Override
        public HttpResponse execute(HttpRequest request) {
            throw new UnsupportedOperationException("conversations only");
        }

        @Override
        public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
            throw new UnsupportedOperationException("conversations only");
        }

        @Override
        public String name() {
            return "capable";
        }

        @Override
        public Optional<WebSocketTransport> webSocket() {
            return Optional.of(webSocket);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
