package io.github.convai4j.internal;

import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-memory transport for unit tests of logic that needs no network (paging, decoding, request
 * assembly): it records each request with its body bytes and answers from a script. The network
 * behaviour of the runtime is tested against real transports and a loopback server in integration-tests.
 */
public final class StubTransport implements Transport {

    /** A recorded request and the bytes its body wrote. */
    public record Sent(HttpRequest request, byte[] body) {
        public String bodyText() {
            return body == null ? null : new String(body, StandardCharsets.UTF_8);
        }
    }

    private interface Answer {
        HttpResponse answer() throws IOException;
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final ExecutorService ioThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stub-io");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public synchronized StubTransport respond(int status, String contentType, String body, String... headers) {
        Headers.Builder h = Headers.builder();
        if (contentType != null) {
            h.add("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        Headers built = h.build();
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        script.add(() -> new HttpResponse(status, built, new ByteArrayInputStream(bytes)));
        return this;
    }

    /** Answers with a body streamed from {@code body} (which may be endless), read only as the caller reads. */
    public synchronized StubTransport respondStream(int status, String contentType, java.io.InputStream body) {
        Headers headers = contentType == null ? Headers.empty() : Headers.of("Content-Type", contentType);
        script.add(() -> new HttpResponse(status, headers, body));
        return this;
    }

    public synchronized StubTransport fail(IOException failure) {
        script.add(() -> {
            throw failure;
        });
        return this;
    }

    public List<Sent> sent() {
        return sent;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public HttpResponse execute(HttpRequest request) throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        byte[] body = null;
        if (request.body() != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            request.body().writeTo(out);
            body = out.toByteArray();
        }
        sent.add(new Sent(request, body));
        Answer next;
        synchronized (this) {
            next = script.poll();
        }
        if (next == null) {
            throw new AssertionError("StubTransport got an unexpected request " + request);
        }
        return next.answer();
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return execute(request);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, ioThread).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = Futures.unwrap(failure);
                if (cause instanceof UncheckedIOException) {
                    throw new java.util.concurrent.CompletionException(cause.getCause());
                }
                throw new java.util.concurrent.CompletionException(cause);
            }
            return response;
        });
    }

    @Override
    public String name() {
        return "stub";
    }

    @Override
    public void close() {
        closed = true;
        ioThread.shutdownNow();
    }
}
