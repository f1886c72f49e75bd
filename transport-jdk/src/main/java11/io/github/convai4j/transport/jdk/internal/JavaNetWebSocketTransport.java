package io.github.convai4j.transport.jdk.internal;

import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.Redaction;
import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketHandshakeException;
import io.github.convai4j.http.WebSocketListener;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The WebSocket client of the {@code java.net.http} stack: {@code java.net.http.WebSocket}, which answers pings
 * (coalescing the pongs it owes) and completes the closing handshake itself, behind the SPI's
 * {@link WebSocketTransport}. As the capability of a {@link JavaNetHttpTransport}, connections share the
 * transport's clients (so its threads and TLS settings) and are aborted by its {@code close()}; on its own
 * ({@link JavaNetHttpTransport#createWebSocket}), it owns its clients and {@link #close()} releases them.
 */
final class JavaNetWebSocketTransport implements WebSocketTransport {
    private final JavaNetClients clients;
    private final boolean ownsClients;
    private final Set<JavaNetWebSocket> open = ConcurrentHashMap.newKeySet();

    JavaNetWebSocketTransport(JavaNetClients clients, boolean ownsClients) {
        this.clients = clients;
        this.ownsClients = ownsClients;
    }

    /** On its own: aborts open connections and releases its clients and threads. A transport's capability: nothing. */
    @Override
    public void close() {
        if (!ownsClients || !clients.markClosed()) {
            return;
        }
        abortAll();
        clients.shutdown();
    }

    @Override
    public CompletableFuture<WebSocket> connect(WebSocketRequest request, WebSocketListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        clients.ensureOpen();
        HeaderBytes.checkSendable(request.headers());
        Duration connectTimeout = request.connectTimeout() != null ? request.connectTimeout()
                : clients.options().connectTimeout();
        java.net.http.WebSocket.Builder builder = clients.client(connectTimeout).newWebSocketBuilder();
        if (!connectTimeout.isZero()) {
            builder.connectTimeout(connectTimeout); // covers the opening handshake too
        }
        request.headers().forEach((name, value) -> {
            try {
                builder.header(name, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("java.net.http does not let a WebSocket handshake set the '"
                        + name.toLowerCase(Locale.ROOT) + "' header; remove it, or use another transport");
            }
        });
        List<String> subprotocols = request.subprotocols();
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0),
                    subprotocols.subList(1, subprotocols.size()).toArray(new String[0]));
        }
        String what = Redaction.uri(request.uri());
        JavaNetWebSocket socket = new JavaNetWebSocket(this, listener, request.maxMessageSize(), what);
        open.add(socket);
        CompletableFuture<java.net.http.WebSocket> connecting = builder.buildAsync(request.uri(), socket.receiver());
        socket.connecting(connecting);
        connecting.whenComplete((ws, failure) -> {
            if (failure != null) {
                socket.connectFailed(map(failure, connectTimeout, what));
            }
        });
        return socket.opened();
    }

    java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long nanos) {
        return clients.schedule(task, nanos);
    }

    void forget(JavaNetWebSocket socket) {
        open.remove(socket);
    }

    void abortAll() {
        for (JavaNetWebSocket socket : new ArrayList<>(open)) {
            socket.abortOnClose();
        }
    }

    private static IOException map(Throwable failure, Duration connectTimeout, String what) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.net.http.WebSocketHandshakeException) {
            HttpResponse<?> response = ((java.net.http.WebSocketHandshakeException) cause).getResponse();
            WebSocketHandshakeException refused = new WebSocketHandshakeException(response.statusCode(),
                    headers(response.headers().map()), bodyStart(response.body()));
            refused.initCause(cause);
            return refused;
        }
        if (cause instanceof HttpConnectTimeoutException) {
            ConnectTimeoutException e = new ConnectTimeoutException(connectTimeout, what);
            e.initCause(cause);
            return e;
        }
        if (cause instanceof java.net.ConnectException && cause.getCause() != null) {
            return JavaNetExchange.connectFailure(cause, what);
        }
        if (cause instanceof IOException) {
            return (IOException) cause;
        }
        IOException e = new IOException("The WebSocket to " + what + " could not be opened: " + cause);
        e.initCause(cause);
        return e;
    }

    private static Headers headers(Map<String, List<String>> map) {
        Headers.Builder headers = Headers.receivedBuilder();
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            for (String value : e.getValue()) {
                headers.add(e.getKey(), value);
            }
        }
        return headers.build();
    }

    private static String bodyStart(Object body) {
        String text;
        if (body instanceof byte[]) {
            text = new String((byte[]) body, StandardCharsets.UTF_8);
        } else if (body instanceof String) {
            text = (String) body;
        } else {
            return "";
        }
        return text.length() > 1024 ? text.substring(0, 1024) : text;
    }
}
