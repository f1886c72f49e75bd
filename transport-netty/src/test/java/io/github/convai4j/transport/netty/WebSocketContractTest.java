package io.github.convai4j.transport.netty;

import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketHandshakeException;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import io.github.convai4j.transport.netty.RecordingListener.Closed;
import io.github.convai4j.transport.netty.WebSocketTestServer.Close;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The WebSocket contract of {@link NettyTransport} against a real RFC 6455 server on loopback
 * ({@link WebSocketTestServer}); run over {@code ws://} by {@link PlainWebSocketTest} and over {@code wss://}
 * by {@link SecureWebSocketTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebSocketContractTest {
    private static final int MIB = 1024 * 1024;

    WebSocketTestServer server;
    NettyTransport transport;

    abstract WebSocketTestServer startServer() throws Exception;

    abstract NettyTransport.Builder transportBuilder() throws Exception;

    @BeforeAll
    void start() throws Exception {
        server = startServer();
        transport = transportBuilder().ioThreads(2).build();
    }

    @AfterAll
    void stop() {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    WebSocketTransport webSockets() {
        return transport.webSocket().orElseThrow();
    }

    WebSocket open(String path, String id, RecordingListener listener) throws Exception {
        return webSockets().connect(WebSocketRequest.builder(server.uri(path, id)).build(), listener)
                .get(20, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        return fail("expected the future to fail");
    }

    // ---- messages ----

    @Test
    void echoesAThousandMessagesInOrderWithListenerCallsOnOneEventLoopThread() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        assertThat(socket.isOpen()).isTrue();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sends.add(socket.sendText("message " + i + " ü€"));
        }
        CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        for (int i = 0; i < 1000; i++) {
            assertThat(listener.nextText()).isEqualTo("message " + i + " ü€");
        }
        socket.close(1000, "done").get(20, TimeUnit.SECONDS);

        assertThat(listener.awaitClosed()).isEqualTo(new Closed(1000, "done"));
        assertThat(listener.eventOutline()).containsExactly("open", "text", "close");
        assertThat(listener.threads).hasSize(1).allMatch(name -> name.startsWith("convai4j-netty-io"));
        assertThat(listener.overlaps).hasValue(0);
        assertThat(server.connection(id).awaitClose()).isEqualTo(new Close(1000, "done"));
    }

    @Test
    void acceptsA15MiBMessage() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        int size = 15 * MIB;
        socket.sendText("cmd:big " + size);
        String text = listener.texts.poll(60, TimeUnit.SECONDS);
        assertThat(text).isNotNull();
        assertThat(text.length()).isEqualTo(size);
        for (int i = 0; i < size; i++) {
            if (text.charAt(i) != WebSocketTestServer.patternAt(i)) {
                fail("character " + i + " of the big message is " + text.charAt(i));
            }
        }
        text = null;
        socket.sendText("still open");
        assertThat(listener.nextText()).isEqualTo("still open");
        socket.close(1000, "").get(20, TimeUnit.SECONDS);
        assertThat(listener.errorCalls).hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"big", "bigfrag"})
    void aMessageOverTheDefaultLimitClosesWith1009(String command) throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        int size = 17 * MIB; // one frame, or fragments of 1 MiB
        socket.sendText("cmd:" + command + " " + size + " " + MIB);

        Closed closed = listener.awaitClosed();
        assertThat(closed.code()).isEqualTo(1009);
        assertThat(listener.error.getNow(null)).isInstanceOf(IOException.class)
                .hasMessageContaining(String.valueOf(WebSocketRequest.DEFAULT_MAX_MESSAGE_SIZE));
        assertThat(listener.eventOutline()).containsExactly("open", "error", "close");
        assertThat(listener.texts).isEmpty();
        assertThat(server.connection(id).awaitClose().code()).isEqualTo(1009);
        assertThat(socket.isOpen()).isFalse();
    }

    @Test
    void aSmallerLimitIsHonouredForFragmentedMessages() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = webSockets().connect(WebSocketRequest.builder(server.uri("/echo", id))
                .maxMessageSize(4096).build(), listener).get(20, TimeUnit.SECONDS);
        socket.sendText("cmd:bigfrag 4096 1000");
        assertThat(listener.nextText()).hasSize(4096);
        socket.sendText("cmd:bigfrag 4097 1000");
        assertThat(listener.awaitClosed().code()).isEqualTo(1009);
        assertThat(listener.texts).isEmpty();
    }

    @Test
    void reassemblesFragmentsAndAnswersAPingBetweenThem() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        socket.sendText("cmd:frag Hel|lo,|wörld|!");
        assertThat(listener.nextText()).isEqualTo("Hello,wörld!");
        assertThat(server.connection(id).pongs.poll(20, TimeUnit.SECONDS)).isEqualTo("between");
        socket.sendText("cmd:splitutf8");
        assertThat(listener.nextText()).isEqualTo("wörld");
        socket.close(1000, "").get(20, TimeUnit.SECONDS);
    }

    @Test
    void answersAServerPingWithAPong() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        socket.sendText("cmd:ping hello-ping");
        assertThat(server.connection(id).pongs.poll(20, TimeUnit.SECONDS)).isEqualTo("hello-ping");
        socket.sendText("after ping");
        assertThat(listener.nextText()).isEqualTo("after ping");
        assertThat(listener.texts).isEmpty(); // control frames never reach the listener
        socket.close(1000, "").get(20, TimeUnit.SECONDS);
    }

    @Test
    void binaryMessagesAreIgnored() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        socket.sendText("cmd:binary");
        assertThat(listener.nextText()).isEqualTo("after-binary");
        assertThat(listener.texts).isEmpty();
        assertThat(socket.isOpen()).isTrue();
        socket.close(1000, "").get(20, TimeUnit.SECONDS);
        assertThat(listener.errorCalls).hasValue(0);
    }

    @Test
    void invalidUtf8ClosesWith1007AndReportsAnError() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        socket.sendText("cmd:badutf8");
        assertThat(listener.awaitClosed().code()).isEqualTo(1006);
        assertThat(listener.error.getNow(null)).isInstanceOf(IOException.class);
        assertThat(listener.texts).isEmpty();
        assertThat(server.connection(id).awaitClose().code()).isEqualTo(1007);
    }

    // ---- closing ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {1000, 1002, 1008, 1011})
    void theServersCloseCodeAndReasonReachTheListener(int code) throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        socket.sendText("cmd:close " + code + " reason for " + code);

        assertThat(listener.awaitClosed()).isEqualTo(new Closed(code, "reason for " + code));
        assertThat(listener.errorCalls).hasValue(0);
        assertThat(listener.closeCalls).hasValue(1);
        assertThat(server.connection(id).awaitClose().code()).as("the echoed code").isEqualTo(code);
        assertThat(socket.isOpen()).isFalse();
        assertThat(failure(socket.sendText("too late"))).isInstanceOf(IOException.class);
    }

    @Test
    void aCloseFrameWithoutCodeIsReportedAs1005() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        open("/echo", id, listener).sendText("cmd:closenocode");
        assertThat(listener.awaitClosed()).isEqualTo(new Closed(1005, ""));
        assertThat(listener.errorCalls).hasValue(0);
        assertThat(server.connection(id).awaitClose().code()).as("an empty echo").isEqualTo(-1);
    }

    @Test
    void aDroppedConnectionIsReportedAs1006WithAnError() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        socket.sendText("cmd:drop");
        assertThat(listener.awaitClosed()).isEqualTo(new Closed(1006, ""));
        assertThat(listener.error.getNow(null)).isInstanceOf(IOException.class);
        assertThat(listener.eventOutline()).containsExactly("open", "error", "close");
        assertThat(listener.closeCalls).hasValue(1);
        assertThat(socket.isOpen()).isFalse();
    }

    @Test
    void clientCloseSendsCodeAndReasonAndCompletesWhenTheServerAnswers() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        CompletableFuture<Void> closing = socket.close(4001, "bye");
        assertThat(socket.isOpen()).isFalse();
        assertThat(failure(socket.sendText("after close"))).isInstanceOf(IOException.class);
        closing.get(20, TimeUnit.SECONDS);

        assertThat(server.connection(id).awaitClose()).isEqualTo(new Close(4001, "bye"));
        assertThat(listener.closed.getNow(null)).as("onClose ran before the future completed")
                .isEqualTo(new Closed(4001, "bye"));
        assertThat(listener.errorCalls).hasValue(0);
        assertThat(socket.close(1000, "again")).isDone(); // idempotent
        assertThat(listener.closeCalls).hasValue(1);
    }

    @Test
    void closeGivesUpAfterTheGracePeriodWhenTheServerNeverAnswers() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/deaf", id, listener);
        long start = System.nanoTime();
        socket.close(1000, "bye").get(30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isBetween(Duration.ofMillis(4500), Duration.ofSeconds(25));
        assertThat(server.connection(id).awaitClose()).isEqualTo(new Close(1000, "bye"));
        assertThat(listener.closed.getNow(null)).isEqualTo(new Closed(1006, ""));
        assertThat(listener.errorCalls).hasValue(0);
        server.connection(id).disconnected.get(10, TimeUnit.SECONDS);
    }

    @Test
    void abortClosesAtOnceWithoutACloseFrame() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        socket.abort();
        socket.abort(); // idempotent
        assertThat(listener.awaitClosed()).isEqualTo(new Closed(1006, ""));
        assertThat(listener.errorCalls).hasValue(0);
        server.connection(id).disconnected.get(10, TimeUnit.SECONDS);
        assertThat(server.connection(id).closes).isEmpty();
        assertThat(failure(socket.sendText("after abort"))).isInstanceOf(IOException.class);
    }

    @Test
    void closeValidatesCodeAndReasonBeforeSendingAnything() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        for (int code : new int[] {999, 1001, 1005, 1006, 1009, 2999, 5000}) {
            assertThatThrownBy(() -> socket.close(code, "")).as("code " + code)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(code));
        }
        assertThatThrownBy(() -> socket.close(1000, "ü".repeat(62))) // 124 bytes
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("123 bytes");
        assertThat(socket.isOpen()).isTrue();
        socket.sendText("still open");
        assertThat(listener.nextText()).isEqualTo("still open");
        socket.close(3000, "ü".repeat(61) + "x").get(20, TimeUnit.SECONDS); // 123 bytes
        assertThat(server.connection(id).awaitClose()).isEqualTo(new Close(3000, "ü".repeat(61) + "x"));
    }

    // ---- the listener ----

    @Test
    void aListenerThatThrowsAbortsTheConnection() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        listener.throwOnText = new IllegalStateException("listener failure on purpose (test)");
        socket.sendText("one");
        socket.sendText("two");
        assertThat(listener.awaitClosed()).isEqualTo(new Closed(1006, ""));
        server.connection(id).disconnected.get(10, TimeUnit.SECONDS);
        assertThat(listener.texts).containsExactly("one");
        assertThat(listener.eventOutline()).containsExactly("open", "text", "close");
    }

    // ---- opening ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {401, 403})
    void aRefusedHandshakeKeepsStatusHeadersAndBody(int status) throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        CompletableFuture<WebSocket> future = webSockets().connect(
                WebSocketRequest.builder(server.uri("/refuse/" + status, id)).build(), listener);
        Throwable error = failure(future);
        assertThat(error).isInstanceOf(WebSocketHandshakeException.class);
        WebSocketHandshakeException refused = (WebSocketHandshakeException) error;
        assertThat(refused.statusCode()).isEqualTo(status);
        assertThat(refused.body()).isEqualTo("refused by the test server");
        assertThat(refused.headers().first("x-why")).isEqualTo("test");
        assertThat(listener.events).isEmpty();
    }

    @Test
    void aRefusalBodyIsCutAt8KiB() throws Exception {
        String id = server.newId();
        Throwable error = failure(webSockets().connect(
                WebSocketRequest.builder(server.uri("/refuse/403?body=100000", id)).build(), new RecordingListener()));
        assertThat(((WebSocketHandshakeException) error).body()).isEqualTo("x".repeat(HandshakeHandler.BODY_LIMIT));
    }

    @Test
    void negotiatesASubprotocol() throws Exception {
        String id = server.newId();
        WebSocket socket = webSockets().connect(WebSocketRequest.builder(server.uri("/echo", id))
                .addSubprotocol("nope").addSubprotocol("superchat").addSubprotocol("chat").build(),
                new RecordingListener()).get(20, TimeUnit.SECONDS);
        assertThat(socket.subprotocol()).isEqualTo("superchat");
        assertThat(server.connection(id).headers().get("Sec-WebSocket-Protocol")).isEqualTo("nope, superchat, chat");
        socket.close(1000, "").get(20, TimeUnit.SECONDS);

        String plainId = server.newId();
        WebSocket plain = open("/echo", plainId, new RecordingListener());
        assertThat(plain.subprotocol()).isNull();
        assertThat(server.connection(plainId).headers().contains("Sec-WebSocket-Protocol")).isFalse();
        plain.close(1000, "").get(20, TimeUnit.SECONDS);
    }

    @Test
    void failsWhenTheServerAcceptsNoneOfTheSubprotocolsWithoutNamingThem() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        Throwable error = failure(webSockets().connect(WebSocketRequest.builder(server.uri("/echo", id))
                .addSubprotocol("bearer.secret-token-123").build(), listener));
        assertThat(error).isInstanceOf(IOException.class).hasMessageContaining("none of the offered");
        assertThat(error.getMessage()).doesNotContain("secret-token-123");
        assertThat(listener.events).isEmpty();
    }

    @Test
    void requestHeadersReachTheServerAndNoOriginIsMadeUp() throws Exception {
        String id = server.newId();
        WebSocket socket = webSockets().connect(WebSocketRequest.builder(server.uri("/echo", id))
                .addHeader("X-Test", "one").addHeader("X-Test", "two")
                .addHeader("Authorization", "Bearer t0ken").build(), new RecordingListener())
                .get(20, TimeUnit.SECONDS);
        var headers = server.connection(id).headers();
        assertThat(headers.getAll("X-Test")).containsExactly("one", "two");
        assertThat(headers.get("Authorization")).isEqualTo("Bearer t0ken");
        assertThat(headers.contains("Origin")).isFalse();
        assertThat(headers.get("Host")).isEqualTo("localhost:" + server.port());
        socket.close(1000, "").get(20, TimeUnit.SECONDS);

        String withOrigin = server.newId();
        WebSocket second = webSockets().connect(WebSocketRequest.builder(server.uri("/echo", withOrigin))
                .addHeader("Origin", "https://app.example").build(), new RecordingListener())
                .get(20, TimeUnit.SECONDS);
        assertThat(server.connection(withOrigin).headers().get("Origin")).isEqualTo("https://app.example");
        second.close(1000, "").get(20, TimeUnit.SECONDS);
    }

    @Test
    void theConnectTimeoutCoversAHandshakeThatIsNeverAnswered() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        long start = System.nanoTime();
        Throwable error = failure(webSockets().connect(WebSocketRequest.builder(server.uri("/silent?token=s3cr3t", id))
                .connectTimeout(Duration.ofMillis(500)).build(), listener));
        assertThat(error).isInstanceOf(ConnectTimeoutException.class);
        assertThat(error.getMessage()).doesNotContain("s3cr3t");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(server.connection(id).handshake).as("the request did reach the server").isDone();
        server.connection(id).disconnected.get(10, TimeUnit.SECONDS);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void cancellingTheConnectFutureAbortsTheAttempt() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        CompletableFuture<WebSocket> future = webSockets().connect(WebSocketRequest.builder(
                server.uri("/silent", id)).connectTimeout(Duration.ZERO).build(), listener);
        server.connection(id).handshake.get(20, TimeUnit.SECONDS);
        assertThat(future.cancel(true)).isTrue();
        server.connection(id).disconnected.get(10, TimeUnit.SECONDS);
        assertThat(future).isCancelled();
        assertThat(listener.events).isEmpty();
    }

    // ---- sending ----

    @Test
    void concurrentSendersKeepTheirOwnOrder() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/echo", id, listener);
        int threads = 8;
        int perThread = 300;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> sends = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread sender = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    sends.add(socket.sendText(thread + ":" + i));
                }
            }, "sender-" + t);
            sender.start();
            senders.add(sender);
        }
        go.countDown();
        for (Thread sender : senders) {
            sender.join(30_000);
        }
        CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        Map<Integer, Integer> next = new HashMap<>();
        for (int n = 0; n < threads * perThread; n++) {
            String text = listener.nextText();
            assertThat(text).isNotNull();
            int thread = Integer.parseInt(text.substring(0, text.indexOf(':')));
            int i = Integer.parseInt(text.substring(text.indexOf(':') + 1));
            assertThat(i).as("message of thread " + thread).isEqualTo(next.getOrDefault(thread, 0));
            next.put(thread, i + 1);
        }
        assertThat(next).hasSize(threads).allSatisfy((thread, count) -> assertThat(count).isEqualTo(perThread));
        socket.close(1000, "").get(20, TimeUnit.SECONDS);
    }

    @Test
    void theListenerMaySendFromTheEventLoopAndOrderIsKept() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        listener.onTextAction = (socket, text) -> {
            if (!text.startsWith("x") && Integer.parseInt(text) < 200) { // the echo of n sends n + 1, then xn
                int n = Integer.parseInt(text);
                socket.sendText(String.valueOf(n + 1));
                socket.sendText("x" + n);
            }
        };
        WebSocket socket = open("/echo", id, listener);
        socket.sendText("0");
        List<String> expected = new ArrayList<>();
        expected.add("0");
        for (int n = 0; n < 200; n++) {
            expected.add(String.valueOf(n + 1));
            expected.add("x" + n);
        }
        List<String> received = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            String text = listener.nextText();
            assertThat(text).isNotNull();
            received.add(text);
        }
        assertThat(received).containsExactlyElementsOf(expected);
        socket.close(1000, "").get(20, TimeUnit.SECONDS);
    }

    @Test
    void aSendFailsFastWhenFarMoreThanTheBacklogLimitIsUnwritten() throws Exception {
        String id = server.newId();
        RecordingListener listener = new RecordingListener();
        WebSocket socket = open("/stall", id, listener); // the server stops reading
        String megabyte = "m".repeat(MIB);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        Throwable refused = null;
        long pendingWhenRefused = 0;
        for (int i = 0; i < 200 && refused == null; i++) {
            CompletableFuture<Void> send = socket.sendText(megabyte);
            if (send.isCompletedExceptionally()) {
                pendingWhenRefused = sends.stream().filter(f -> !f.isDone()).count();
                refused = failure(send);
            } else {
                sends.add(send);
            }
        }
        assertThat(refused).as("a send refused at once").isInstanceOf(IOException.class)
                .hasMessageContaining("not written yet");
        assertThat(pendingWhenRefused).as("messages waiting to be written (at most 16 MiB)").isBetween(1L, 16L);
        assertThat(socket.isOpen()).isTrue();
        socket.abort();
        int failed = 0;
        for (CompletableFuture<Void> send : sends) {
            try {
                send.get(30, TimeUnit.SECONDS); // written to the socket before the abort
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(IOException.class);
                failed++;
            }
        }
        assertThat(failed).as("messages the stalled server never took").isPositive();
        assertThat(listener.awaitClosed().code()).isEqualTo(1006);
    }
}
