package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A plain WebSocket client for the tests, on the JDK's {@code java.net.http.WebSocket} (not the library's
 * transport, which does not exist yet), reading the server's JSON with Jackson databind (not the fake's parser).
 * It answers {@code ping} events with {@code pong}s unless told not to.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Close(int code, String reason) {
    }

    private final Object lock = new Object();
    private final List<String> texts = new ArrayList<>();
    private final Map<String, Integer> consumed = new HashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private volatile boolean autoPong = true;
    private volatile CompletableFuture<byte[]> pongFrame;
    private WebSocket socket;

    private WsClient() {
    }

    /** Connects or throws the handshake failure (a {@link WebSocketHandshakeException} for a refusal). */
    static WsClient connect(String uri, Map<String, String> headers, String... subprotocols) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        try {
            client.socket = builder.buildAsync(URI.create(uri), client).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("could not connect to " + uri, e);
        }
        return client;
    }

    static WsClient connect(FakeAgentsPlatform server, String agentId) {
        return connect("ws://127.0.0.1:" + server.port() + "/v1/convai/conversation?agent_id=" + agentId, Map.of());
    }

    /** Connects, sends the initiation and waits for the metadata. */
    static WsClient started(FakeAgentsPlatform server, String agentId) {
        WsClient client = connect(server, agentId);
        client.send("{\"type\":\"conversation_initiation_client_data\"}");
        client.await("conversation_initiation_metadata");
        return client;
    }

    /** The handshake failure of a refused upgrade. */
    static WebSocketHandshakeException refusal(String uri, Map<String, String> headers) {
        try {
            WsClient client = connect(uri, headers);
            client.abort();
            throw new AssertionError("the upgrade to " + uri + " was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h;
            }
            throw e;
        }
    }

    /** An upgrade request on a raw socket, to read the whole refusal (the JDK client hides the body). */
    static Http.Response rawUpgrade(FakeAgentsPlatform server, String target, Map<String, String> extraHeaders) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Host", "127.0.0.1:" + server.port());
            headers.put("Connection", "Upgrade");
            headers.put("Upgrade", "websocket");
            headers.put("Sec-WebSocket-Version", "13");
            headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
            headers.putAll(extraHeaders);
            StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return Http.readResponse(new BufferedInputStream(socket.getInputStream()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WsClient autoPong(boolean on) {
        this.autoPong = on;
        return this;
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String text) {
        synchronized (this) { // one send at a time, as java.net.http.WebSocket requires
            socket.sendText(text, true).join();
        }
    }

    /** Sends one message as two WebSocket frames (a text frame and a continuation frame). */
    void sendFragmented(String first, String rest) {
        synchronized (this) {
            socket.sendText(first, false).join();
            socket.sendText(rest, true).join();
        }
    }

    /** Sends a WebSocket-level ping frame and waits for the pong frame's payload. */
    byte[] pingFrame(byte[] payload) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        pongFrame = answer;
        synchronized (this) {
            socket.sendPing(java.nio.ByteBuffer.wrap(payload)).join();
        }
        try {
            return answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no pong frame within " + TIMEOUT, e);
        }
    }

    void close(int code, String reason) {
        synchronized (this) {
            socket.sendClose(code, reason).join();
        }
    }

    void abort() {
        socket.abort();
    }

    /** The next message of the type that no earlier call returned. */
    JsonNode await(String type) {
        return await(type, TIMEOUT);
    }

    JsonNode await(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                int skip = consumed.getOrDefault(type, 0);
                int seen = 0;
                for (String text : texts) {
                    JsonNode node = parse(text);
                    if (type.equals(node.path("type").asText()) && seen++ == skip) {
                        consumed.put(type, skip + 1);
                        return node;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.isDone()) { // texts that came before the close are all in the list
                    throw new AssertionError("no further '" + type + "' within " + timeout + "; got " + types()
                            + (closed.isDone() ? ", closed " + closed.join() : ""));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Every message of a type received so far. */
    List<JsonNode> all(String type) {
        List<JsonNode> matching = new ArrayList<>();
        synchronized (lock) {
            for (String text : texts) {
                JsonNode node = parse(text);
                if (type.equals(node.path("type").asText())) {
                    matching.add(node);
                }
            }
        }
        return matching;
    }

    List<String> types() {
        List<String> types = new ArrayList<>();
        synchronized (lock) {
            for (String text : texts) {
                types.add(parse(text).path("type").asText("(none)"));
            }
        }
        return types;
    }

    List<String> texts() {
        synchronized (lock) {
            return new ArrayList<>(texts);
        }
    }

    Close awaitClose() {
        try {
            return closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close within " + TIMEOUT + "; got " + types(), e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            return Http.JSON.createObjectNode().put("type", "(not JSON)");
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            synchronized (lock) {
                texts.add(text);
                lock.notifyAll();
            }
            JsonNode node = parse(text);
            if (autoPong && "ping".equals(node.path("type").asText())) {
                long id = node.path("ping_event").path("event_id").asLong();
                CompletableFuture.runAsync(() -> send("{\"type\":\"pong\",\"event_id\":" + id + "}"));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, java.nio.ByteBuffer message) {
        byte[] payload = new byte[message.remaining()];
        message.get(payload);
        CompletableFuture<byte[]> waiting = pongFrame;
        if (waiting != null) {
            waiting.complete(payload);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        synchronized (lock) {
            lock.notifyAll();
        }
        return null; // the JDK then answers with the same close code
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(1006, String.valueOf(error)));
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }
}
