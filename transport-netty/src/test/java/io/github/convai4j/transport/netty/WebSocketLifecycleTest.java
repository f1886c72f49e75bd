package io.github.convai4j.transport.netty;

import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import io.github.convai4j.transport.netty.RecordingListener.Closed;
import io.github.convai4j.transport.netty.WebSocketTestServer.Close;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.github.convai4j.transport.netty.WebSocketContractTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening failures that need no WebSocket server, argument checks, and closing the transport. */
class WebSocketLifecycleTest {
    private static WebSocketTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new WebSocketTestServer(null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void closingTheTransportClosesOpenWebSocketsWith1001AndEndsItsThreads() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        NettyTransport transport = NettyTransport.builder().ioThreads(2).build();
        WebSocketTransport webSockets = transport.webSocket().orElseThrow();
        String first = server.newId();
        String second = server.newId();
        RecordingListener firstListener = new RecordingListener();
        RecordingListener secondListener = new RecordingListener();
        webSockets.connect(WebSocketRequest.builder(server.uri("/echo", first)).build(), firstListener)
                .get(20, TimeUnit.SECONDS);
        WebSocket used = webSockets.connect(WebSocketRequest.builder(server.uri("/echo", second)).build(),
                secondListener).get(20, TimeUnit.SECONDS);
        used.sendText("hello");
        assertThat(secondListener.nextText()).isEqualTo("hello");
        Set<Thread> started = transportThreads();
        started.removeAll(before);
        assertThat(started).isNotEmpty();

        transport.close();

        assertThat(firstListener.closed.getNow(null)).isEqualTo(new Closed(1001, "going away"));
        assertThat(secondListener.closed.getNow(null)).isEqualTo(new Closed(1001, "going away"));
        assertThat(server.connection(first).awaitClose()).isEqualTo(new Close(1001, "going away"));
        assertThat(server.connection(second).awaitClose()).isEqualTo(new Close(1001, "going away"));
        assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName))
                .as("transport threads alive after close()").isEmpty();
        assertThat(failure(webSockets.connect(WebSocketRequest.builder(server.uri("/echo", server.newId())).build(),
                new RecordingListener()))).isInstanceOf(IllegalStateException.class);
        transport.close(); // idempotent
    }

    @Test
    void closingTheTransportDoesNotWaitLongerThanTheGraceForADeafServer() throws Exception {
        NettyTransport transport = NettyTransport.builder().ioThreads(1).build();
        RecordingListener listener = new RecordingListener();
        String id = server.newId();
        transport.webSocket().orElseThrow().connect(WebSocketRequest.builder(server.uri("/deaf", id)).build(),
                listener).get(20, TimeUnit.SECONDS);
        long start = System.nanoTime();
        transport.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(listener.closed.getNow(null)).isEqualTo(new Closed(1006, ""));
        assertThat(server.connection(id).awaitClose()).isEqualTo(new Close(1001, "going away"));
    }

    @Test
    void aRefusedConnectionIsAConnectException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (NettyTransport transport = NettyTransport.create()) {
            RecordingListener listener = new RecordingListener();
            Throwable error = failure(transport.webSocket().orElseThrow().connect(
                    WebSocketRequest.builder(URI.create("ws://127.0.0.1:" + port + "/")).build(), listener));
            assertThat(error).isInstanceOf(ConnectException.class);
            assertThat(listener.events).isEmpty();
        }
    }

    @Test
    void theConnectTimeoutCoversATlsHandshakeThatNeverHappens() throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10); // TCP only, never accepts
            try (NettyTransport transport = NettyTransport.create()) {
                long start = System.nanoTime();
                Throwable error = failure(transport.webSocket().orElseThrow().connect(WebSocketRequest.builder(
                        URI.create("wss://localhost:" + silent.getLocalPort() + "/"))
                        .connectTimeout(Duration.ofMillis(400)).build(), new RecordingListener()));
                assertThat(error).isInstanceOf(ConnectTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void argumentsAreCheckedBeforeAnyIo() {
        try (NettyTransport transport = NettyTransport.create()) {
            WebSocketTransport webSockets = transport.webSocket().orElseThrow();
            WebSocketRequest request = WebSocketRequest.builder(server.uri("/echo", server.newId())).build();
            assertThatThrownBy(() -> webSockets.connect(request, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> webSockets.connect(null, new RecordingListener()))
                    .isInstanceOf(NullPointerException.class);
            for (String reserved : List.of("Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Extensions",
                    "sec-websocket-protocol", "Sec-WebSocket-Version")) {
                String id = server.newId();
                assertThatThrownBy(() -> webSockets.connect(WebSocketRequest.builder(server.uri("/echo", id))
                        .addHeader(reserved, "x").build(), new RecordingListener()))
                        .as(reserved).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reserved);
                assertThat(server.connection(id).handshake).isNotDone();
            }
        }
    }

    @Test
    void theCapabilityIsPresentAndSharesTheTransportsThreads() throws Exception {
        try (NettyTransport transport = NettyTransport.builder().ioThreads(1).build()) {
            assertThat(transport.webSocket()).isPresent();
            RecordingListener listener = new RecordingListener();
            WebSocket socket = transport.webSocket().orElseThrow().connect(
                    WebSocketRequest.builder(server.uri("/echo", server.newId())).build(), listener)
                    .get(20, TimeUnit.SECONDS);
            socket.sendText("x");
            assertThat(listener.nextText()).isEqualTo("x");
            assertThat(listener.threads).allMatch(name -> name.startsWith("convai4j-netty-io"));
            socket.close(1000, "").get(20, TimeUnit.SECONDS);
        }
    }

    private static Set<Thread> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("convai4j-netty"))
                .collect(Collectors.toSet());
    }
}
