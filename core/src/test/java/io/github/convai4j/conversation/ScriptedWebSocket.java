package io.github.convai4j.conversation;

import io.github.convai4j.http.Headers;
import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketHandshakeException;
import io.github.convai4j.http.WebSocketListener;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import io.github.convai4j.json.JsonValue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * An in-memory peer for unit tests of the session logic (no network): it plays the server's side of the
 * WebSocket SPI, calling the session's listener on its own single "I/O" thread in order, as a transport
 * does, and records what the session sends. The real thing (Netty against the testkit's fake agent) runs in
 * integration-tests.
 */
final class ScriptedWebSocket implements WebSocketTransport, WebSocket {

    static final String METADATA = "{\"type\":\"conversation_initiation_metadata\",\"conversation_initiation_metadata_event\":"
            + "{\"conversation_id\":\"conv_1\",\"agent_output_audio_format\":\"pcm_16000\",\"user_input_audio_format\":\"pcm_16000\"}}";

    final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scripted-io");
        t.setDaemon(true);
        return t;
    });
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<Integer> closeCodesSent = new CopyOnWriteArrayList<>();
    volatile WebSocketRequest request;
    volatile WebSocketListener listener;
    volatile Thread ioThread;
    volatile boolean answerInitiationWithMetadata = true;
    volatile String metadata = METADATA;
    volatile boolean echoClose = true;
    volatile IOException refuseWith;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean open;

    @Override
    public CompletableFuture<WebSocket> connect(WebSocketRequest request, WebSocketListener listener) {
        this.request = request;
        this.listener = listener;
        CompletableFuture<WebSocket> future = new CompletableFuture<>();
        io.execute(() -> {
            ioThread = Thread.currentThread();
            if (refuseWith != null) {
                future.completeExceptionally(refuseWith);
                return;
            }
            open = true;
            listener.onOpen(this);
            future.complete(this);
        });
        return future;
    }

    /** The metadata of a conversation whose audio formats are these. */
    static String metadata(String userInputFormat, String agentOutputFormat) {
        return "{\"type\":\"conversation_initiation_metadata\",\"conversation_initiation_metadata_event\":"
                + "{\"conversation_id\":\"conv_1\",\"agent_output_audio_format\":\"" + agentOutputFormat
                + "\",\"user_input_audio_format\":\"" + userInputFormat + "\"}}";
    }

    static ScriptedWebSocket refusing(int status, String body) {
        ScriptedWebSocket ws = new ScriptedWebSocket();
        ws.refuseWith = new WebSocketHandshakeException(status, Headers.builder().build(), body);
        return ws;
    }

    /** The server sends a message. */
    void serverSends(String json) {
        io.execute(() -> listener.onText(this, json));
    }

    /** The server closes with a code and reason. */
    void serverCloses(int code, String reason) {
        io.execute(() -> closeOnce(code, reason));
    }

    /** Waits until every scripted step has run on the I/O thread. */
    void settle() throws Exception {
        io.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    /** Waits for a sent message that matches, and returns it parsed. */
    JsonValue awaitSent(Predicate<JsonValue> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonValue message : sentJson()) {
                if (matching.test(message)) {
                    return message;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("Nothing matching was sent within " + timeout + "; sent: " + sent);
    }

    List<JsonValue> sentJson() {
        List<JsonValue> out = new ArrayList<>();
        for (String s : sent) {
            out.add(JsonValue.parse(s));
        }
        return out;
    }

    List<JsonValue> sentOfType(String type) {
        List<JsonValue> out = new ArrayList<>();
        for (JsonValue message : sentJson()) {
            JsonValue t = message.get("type");
            if (t != null && t.isString() && t.asString().equals(type)) {
                out.add(message);
            }
        }
        return out;
    }

    static Predicate<JsonValue> ofType(String type) {
        return m -> m.get("type") != null && m.get("type").isString() && m.get("type").asString().equals(type);
    }

    private void closeOnce(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            open = false;
            listener.onClose(this, code, reason);
        }
    }

    @Override
    public CompletableFuture<Void> sendText(String text) {
        if (!open) {
            CompletableFuture<Void> failed = new CompletableFuture<>();
            failed.completeExceptionally(new IOException("closed"));
            return failed;
        }
        sent.add(text);
        if (answerInitiationWithMetadata && text.contains("\"conversation_initiation_client_data\"")) {
            serverSends(metadata);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        closeCodesSent.add(code);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (echoClose) {
            io.execute(() -> {
                closeOnce(code, reason);
                done.complete(null);
            });
        }
        return done;
    }

    @Override
    public void abort() {
        io.execute(() -> closeOnce(1006, ""));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String subprotocol() {
        return null;
    }

    void shutdown() {
        io.shutdownNow();
    }
}
