package io.github.convai4j.transport.jdk.internal;

import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.WebSocketTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * The {@code java.net.http} stack of the JDK transport (see {@code JdkTransport.Stack.JAVA_NET_HTTP} for what it
 * does). Not an API: create it with {@code JdkTransport.builder()}.
 */
public final class JavaNetHttpTransport implements Transport {
    private final JavaNetClients clients;
    private final String name;
    private final HostSlots slots;
    private final Set<JavaNetExchange> inFlight = ConcurrentHashMap.newKeySet();
    private final JavaNetWebSocketTransport webSocket;

    private JavaNetHttpTransport(TransportOptions options, String name) {
        this.clients = new JavaNetClients(options);
        this.name = name;
        this.slots = new HostSlots(options.maxConnectionsPerHost());
        this.webSocket = new JavaNetWebSocketTransport(clients, false);
    }

    /**
     * Creates the transport. Call only where {@code java.net.http.HttpClient} exists.
     *
     * @param options connection settings
     * @param name what {@link #name()} returns
     * @return a new transport; the caller closes it
     */
    public static Transport create(TransportOptions options, String name) {
        return new JavaNetHttpTransport(options, name);
    }

    /**
     * Creates a WebSocket client alone, without this stack's HTTP side: its own {@code HttpClient} and threads,
     * closed by its {@code close()}. Call only where {@code java.net.http.HttpClient} exists.
     *
     * @param options connection settings (the connect timeout applies)
     * @return a new WebSocket client; the caller closes it
     */
    public static WebSocketTransport createWebSocket(TransportOptions options) {
        return new JavaNetWebSocketTransport(new JavaNetClients(options), true);
    }

    @Override
    public HttpResponse execute(HttpRequest request) throws IOException {
        CompletableFuture<HttpResponse> future = executeAsync(request);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the response to " + request.method() + " "
                    + request.redactedUri());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        HeaderBytes.checkSendable(request.headers());
        return new JavaNetExchange(this, request).start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<WebSocketTransport> webSocket() {
        return Optional.of(webSocket);
    }

    @Override
    public void close() {
        if (!clients.markClosed()) {
            return;
        }
        for (JavaNetExchange exchange : new ArrayList<>(inFlight)) {
            exchange.abortOnClose();
        }
        webSocket.abortAll();
        clients.shutdown();
    }

    // ---- for exchanges ----

    void ensureOpen() {
        clients.ensureOpen();
    }

    TransportOptions options() {
        return clients.options();
    }

    ExecutorService executor() {
        return clients.executor();
    }

    HostSlots slots() {
        return slots;
    }

    HttpClient client(Duration connectTimeout) {
        return clients.client(connectTimeout);
    }

    ScheduledFuture<?> schedule(Runnable task, long nanos) {
        return clients.schedule(task, nanos);
    }

    void track(JavaNetExchange exchange) {
        inFlight.add(exchange);
        if (clients.isClosed()) {
            exchange.abortOnClose();
        }
    }

    void forget(JavaNetExchange exchange) {
        inFlight.remove(exchange);
    }
}
