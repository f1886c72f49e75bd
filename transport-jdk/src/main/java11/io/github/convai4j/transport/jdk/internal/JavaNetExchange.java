package io.github.convai4j.transport.jdk.internal;

import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.TotalTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One exchange on {@code java.net.http}, from the call until its body is read or closed: waits in line for a
 * slot of its host, sends with {@code sendAsync}, completes the caller's future when the head has arrived, and
 * enforces the SPI's read and total timeouts, which {@code java.net.http} does not have in that form.
 *
 * <p>Any abort (cancel, a timeout, close of the transport) cancels the client's future (which, from Java 16 on,
 * aborts the exchange and closes its connection), stops the upload, and fails the body stream.
 */
final class JavaNetExchange {
    private final JavaNetHttpTransport transport;
    private final HttpRequest request;
    private final java.net.http.HttpRequest jdkRequest;
    private final RequestBodyPublisher publisher;
    private final String hostKey;
    private final String what;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeout;
    private final long totalDeadline;
    private final Result result = new Result();
    private final AtomicReference<IOException> aborted = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile CompletableFuture<java.net.http.HttpResponse<InputStream>> sending;
    private volatile ResponseBodyStream stream;
    private volatile boolean headArrived;
    private volatile long lastActivity;
    private volatile Runnable placeInLine;
    private boolean holdsSlot;
    private volatile ScheduledFuture<?> totalTimer;
    private volatile ScheduledFuture<?> readTimer;

    JavaNetExchange(JavaNetHttpTransport transport, HttpRequest request) {
        this.transport = transport;
        this.request = request;
        this.what = request.method() + " " + request.redactedUri();
        this.connectTimeout = orDefault(request.connectTimeout(), transport.options().connectTimeout());
        this.readTimeout = orDefault(request.readTimeout(), transport.options().readTimeout());
        this.totalTimeout = orDefault(request.totalTimeout(), transport.options().totalTimeout());
        long now = System.nanoTime();
        this.totalDeadline = totalTimeout.isZero() ? Long.MAX_VALUE : now + totalTimeout.toNanos();
        this.hostKey = HostSlots.key(request.uri());
        RequestBody body = request.body();
        this.publisher = body != null && body.contentLength() != 0
                ? new RequestBodyPublisher(body, transport.executor(), this::activity) : null;
        this.jdkRequest = JdkRequests.of(request, publisher);
    }

    private static Duration orDefault(Duration own, Duration fallback) {
        return own != null ? own : fallback;
    }

    CompletableFuture<HttpResponse> start() {
        transport.track(this);
        lastActivity = System.nanoTime();
        if (!totalTimeout.isZero()) {
            totalTimer = transport.schedule(() -> abort(new TotalTimeoutException(totalTimeout, what)),
                    totalTimeout.toNanos());
        }
        if (!readTimeout.isZero()) {
            readTimer = transport.schedule(this::checkReadTimeout, readTimeout.toNanos());
        }
        placeInLine = transport.slots().acquire(hostKey, this::send);
        return result;
    }

    /** Runs once the exchange holds a slot of its host. */
    private void send() {
        synchronized (this) {
            if (finished.get()) {
                transport.slots().release(hostKey);
                return;
            }
            holdsSlot = true;
        }
        placeInLine = null;
        if (aborted.get() != null) {
            finish(false);
            return;
        }
        CompletableFuture<java.net.http.HttpResponse<InputStream>> f;
        try {
            // Looked up here, not kept: after close() nothing of ours may hold a client (Java 11 to 20 free it by
            // garbage collection only), however long the caller keeps this exchange's future.
            HttpClient client = transport.client(connectTimeout);
            f = client.sendAsync(jdkRequest, info -> {
                activity();
                ResponseBodyStream s = new ResponseBodyStream(this);
                stream = s;
                return s;
            });
        } catch (IllegalStateException closed) {
            fail(new IOException("The transport was closed during " + what, closed));
            return;
        } catch (RuntimeException e) {
            fail(new IOException("java.net.http refused " + what + ": " + e, e));
            return;
        }
        sending = f;
        if (aborted.get() != null) {
            f.cancel(true);
        }
        f.whenComplete(this::onHead);
    }

    private void onHead(java.net.http.HttpResponse<InputStream> response, Throwable failure) {
        if (failure != null) {
            fail(map(failure));
            return;
        }
        headArrived = true;
        cancel(readTimer);
        ResponseBodyStream body = stream;
        HttpResponse ours;
        try {
            ours = new HttpResponse(response.statusCode(), headers(response.headers().map()), body);
        } catch (RuntimeException e) {
            body.close();
            fail(new IOException("Unusable response to " + what + ": " + e.getMessage(), e));
            return;
        }
        if (!result.complete(ours)) {
            body.close(); // cancelled or aborted meanwhile
        }
    }

    private static Headers headers(Map<String, List<String>> map) {
        Headers.Builder headers = Headers.receivedBuilder();
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            if (e.getKey().startsWith(":")) {
                continue; // HTTP/2 pseudo-headers; not sent on HTTP/1.1, which is all this stack speaks
            }
            for (String value : e.getValue()) {
                headers.add(e.getKey(), value);
            }
        }
        return headers.build();
    }

    private void fail(Throwable e) {
        result.completeExceptionally(e);
        finish(false);
    }

    /** Aborts the exchange with {@code reason}, whatever it is doing. Only the first reason counts. */
    void abort(IOException reason) {
        if (!aborted.compareAndSet(null, reason)) {
            return;
        }
        Runnable place = placeInLine;
        if (place != null && transport.slots().leave(hostKey, place)) {
            placeInLine = null;
        }
        if (publisher != null) {
            publisher.cancel();
        }
        CompletableFuture<?> f = sending;
        if (f != null) {
            f.cancel(true);
        }
        ResponseBodyStream s = stream;
        if (s != null) {
            s.fail(reason);
        }
        result.completeExceptionally(reason);
        if (!headArrived) {
            finish(false);
        }
    }

    void abortOnClose() {
        abort(new IOException("The transport was closed during " + what));
    }

    /** Ends the exchange: frees its slot and its timers. */
    void finish(boolean reusable) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        cancel(totalTimer);
        cancel(readTimer);
        boolean release;
        synchronized (this) {
            release = holdsSlot;
            holdsSlot = false;
        }
        if (release) {
            transport.slots().release(hostKey);
        }
        if (!reusable) {
            CompletableFuture<?> f = sending;
            if (f != null && !f.isDone()) {
                f.cancel(true);
            }
        }
        transport.forget(this);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void activity() {
        lastActivity = System.nanoTime();
    }

    /** Before the head: the read timeout counts silence since the last chunk sent or received. */
    private void checkReadTimeout() {
        if (headArrived || finished.get()) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        long timeout = readTimeout.toNanos();
        if (idle >= timeout) {
            abort(new ReadTimeoutException(readTimeout, what));
        } else {
            readTimer = transport.schedule(this::checkReadTimeout, timeout - idle);
        }
    }

    long readTimeoutNanos() {
        return readTimeout.toNanos();
    }

    long nanosToTotalDeadline() {
        return totalDeadline == Long.MAX_VALUE ? Long.MAX_VALUE : totalDeadline - System.nanoTime();
    }

    /** The failure a body read reports when its wait ran out. */
    IOException timeoutWhileReading() {
        IOException reason = System.nanoTime() - totalDeadline >= 0
                ? new TotalTimeoutException(totalTimeout, what) : new ReadTimeoutException(readTimeout, what);
        aborted.compareAndSet(null, reason);
        return aborted.get();
    }

    /** The failure a body read reports for what the client signalled. */
    IOException bodyFailure(Throwable cause) {
        IOException reason = aborted.get();
        if (reason != null) {
            return reason;
        }
        Throwable mapped = map(cause);
        return mapped instanceof IOException ? (IOException) mapped : withCause(new IOException(mapped.toString()), mapped);
    }

    /** Maps a failure of the client onto the SPI's types; an abort's reason and the body's own failure first. */
    private Throwable map(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        IOException reason = aborted.get();
        if (reason != null) {
            return reason;
        }
        Throwable bodyFailure = publisher != null ? publisher.failure() : null;
        if (bodyFailure instanceof IOException) {
            return (IOException) bodyFailure;
        }
        if (bodyFailure instanceof RuntimeException) {
            return bodyFailure; // e.g. a single-use body sent twice: the caller's mistake, reported as it is
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return withCause(new ConnectTimeoutException(connectTimeout, what), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return withCause(new ReadTimeoutException(readTimeout, what), cause);
        }
        if (cause instanceof java.net.ConnectException && cause.getCause() != null) {
            return connectFailure(cause, what);
        }
        if (cause instanceof IOException) {
            return (IOException) cause;
        }
        return withCause(new IOException(what + " failed: " + cause), cause);
    }

    /**
     * java.net.http reports a refused connection as a ConnectException caused by a ClosedChannelException; the
     * SPI's caller looks for the ConnectException as the root, so it is reported without that inner cause.
     */
    static java.net.ConnectException connectFailure(Throwable jdk, String what) {
        String detail = jdk.getMessage() != null ? jdk.getMessage() : String.valueOf(jdk.getCause());
        return new java.net.ConnectException("No connection could be made for " + what + ": " + detail);
    }

    private static IOException withCause(IOException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    /** The caller's future: cancelling it aborts the exchange. */
    private final class Result extends CompletableFuture<HttpResponse> {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                abort(new IOException("The exchange was cancelled: " + what));
            }
            return cancelled;
        }
    }
}
