package io.github.convai4j.transport.netty;

import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.TotalTimeoutException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request/response exchange: waits for a connection, sends the request (the body from a blocking-work
 * thread), turns the response into an {@link HttpResponse} whose body streams, enforces the timeouts, and
 * gives the connection back when the exchange ended cleanly, or closes it otherwise.
 *
 * <p>Threads: the I/O callbacks ({@code on...}, {@code start}) run on the connection's event loop; the
 * consumer of the body stream and the body writer call in from their own threads; {@link #fail} and
 * {@link #assign} may be called from any thread. The few fields several threads touch are guarded by
 * {@code this}; the rest belong to the event loop.
 */
final class Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final NettyTransport transport;
    private final HttpRequest request;
    private final ConnectionPool pool;
    private final String origin;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeout;
    private final long connectTimeoutNanos;
    private final long readTimeoutNanos;
    private final ExchangeFuture future = new ExchangeFuture(this);
    private final ChannelFutureListener onWriteError = f -> {
        if (!f.isSuccess()) {
            onRequestWriteFailed(f.cause());
        }
    };

    // Guarded by this.
    private volatile Throwable failure;
    private boolean finished;
    private boolean responseEnded;
    private PooledConnection connection;
    private ResponseBodyStream body;
    private ScheduledFuture<?> totalTimer;
    private RequestBodyWriter writer;

    // Event loop of the connection only.
    private volatile Channel channel;
    private boolean headersReceived;
    private boolean skippingInformational;
    private boolean retriedOnAnotherConnection;
    private boolean requestWritten;
    private Throwable requestWriteFailure;
    private boolean keepAlive;
    private boolean awaitingServer;
    private long lastProgressNanos;
    private ScheduledFuture<?> readTimer;

    Exchange(NettyTransport transport, HttpRequest request, ConnectionPool pool, String origin,
             Duration connectTimeout, Duration readTimeout, Duration totalTimeout) {
        this.transport = transport;
        this.request = request;
        this.pool = pool;
        this.origin = origin;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.totalTimeout = totalTimeout;
        this.connectTimeoutNanos = nanos(connectTimeout);
        this.readTimeoutNanos = nanos(readTimeout);
    }

    CompletableFuture<HttpResponse> future() {
        return future;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    long connectTimeoutNanos() {
        return connectTimeoutNanos;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    long readTimeoutNanos() {
        return readTimeoutNanos;
    }

    String origin() {
        return origin;
    }

    boolean isFailed() {
        return failure != null;
    }

    /** Starts the total timer and asks the pool for a connection. */
    void begin() {
        long totalNanos = nanos(totalTimeout);
        if (totalNanos > 0) {
            ScheduledFuture<?> timer;
            try {
                timer = transport.resources().group().next().schedule(
                        () -> fail(new TotalTimeoutException(totalTimeout, request.method() + " " + origin), false),
                        totalNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) { // the transport is closing
                fail(NettyTransport.closedWhileInFlight(), false);
                return;
            }
            synchronized (this) {
                if (failure != null || finished) {
                    timer.cancel(false);
                } else {
                    totalTimer = timer;
                }
            }
        }
        pool.acquire(this);
    }

    /**
     * Hands a connection to this exchange.
     *
     * @return {@code false} if the exchange already failed (the caller keeps the connection)
     */
    boolean assign(PooledConnection c) {
        synchronized (this) {
            if (failure != null) {
                return false;
            }
            connection = c;
        }
        try {
            c.channel.eventLoop().execute(() -> start(c));
        } catch (RejectedExecutionException e) {
            fail(NettyTransport.closedWhileInFlight(), false);
        }
        return true;
    }

    // ---- event loop: sending ----

    private void start(PooledConnection c) {
        try {
            send(c);
        } catch (RuntimeException e) {
            fail(new IOException("Cannot send the request to " + origin + ": " + e, e), false);
        }
    }

    private void send(PooledConnection c) {
        if (isFailed()) {
            return; // fail() closed the connection
        }
        Channel ch = c.channel;
        if (!ch.isActive() && !retriedOnAnotherConnection) {
            // The server closed the connection before we used it. Nothing was sent, so another connection
            // may safely carry the request (once: a server that closes every connection gets an error).
            retriedOnAnotherConnection = true;
            synchronized (this) {
                if (connection == c) {
                    connection = null;
                }
            }
            pool.acquire(this);
            return;
        }
        channel = ch;
        c.handler.attach(this);
        RequestBody requestBody = request.body();
        DefaultHttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(request.method().name()), requestTarget(request.uri()), nettyHeaders(requestBody));
        ch.write(head, ch.newPromise().addListener(onWriteError));
        if (requestBody == null) {
            ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, whenRequestEndWritten(ch));
        } else {
            boolean empty = requestBody.contentLength() == 0;
            if (empty) {
                // Nothing to stream: the request is complete now. writeTo still runs (below) to consume the source.
                ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, whenRequestEndWritten(ch));
            } else {
                ch.flush(); // the head goes out now, so that the server may answer before the body ends
            }
            RequestBodyWriter w = new RequestBodyWriter(this, ch, requestBody, empty);
            synchronized (this) {
                writer = w;
            }
            try {
                transport.resources().blockingExecutor().execute(w);
            } catch (RejectedExecutionException e) {
                fail(NettyTransport.closedWhileInFlight(), false);
                return;
            }
        }
        requestRead();
    }

    private HttpHeaders nettyHeaders(RequestBody requestBody) {
        HttpHeaders h = new DefaultHttpHeaders();
        // Framing is ours, and the body's content type is the Content-Type: HttpRequest refuses such fields
        // in the request, and they are left out here all the same, so that what is sent matches the body.
        boolean hasBody = requestBody != null;
        request.headers().forEach((name, value) -> {
            if (!HttpRequest.isTransportHeader(name)
                    && !(hasBody && HttpHeaderNames.CONTENT_TYPE.contentEqualsIgnoreCase(name))) {
                h.add(name, value);
            }
        });
        h.set(HttpHeaderNames.HOST, hostHeader(request.uri()));
        if (requestBody != null) {
            if (requestBody.contentType() != null) {
                h.set(HttpHeaderNames.CONTENT_TYPE, requestBody.contentType());
            }
            long length = requestBody.contentLength();
            if (length >= 0) {
                h.set(HttpHeaderNames.CONTENT_LENGTH, length);
            } else {
                h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        } else if (request.method() == io.github.convai4j.http.HttpMethod.POST
                || request.method() == io.github.convai4j.http.HttpMethod.PUT
                || request.method() == io.github.convai4j.http.HttpMethod.PATCH) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, 0); // some servers reject these methods without a length
        }
        return h;
    }

    /**
     * A promise for writing the request's last part. Its listener is attached before the write is queued,
     * so it runs on the event loop as part of the write itself: the exchange learns that the request is
     * sent before it can see the response to it.
     */
    ChannelPromise whenRequestEndWritten(Channel ch) {
        return ch.newPromise().addListener(f -> {
            if (f.isSuccess()) {
                onRequestWritten();
            } else {
                onRequestWriteFailed(f.cause());
            }
        });
    }

    /** Called on the event loop when the last part of the request has been written to the socket. */
    private void onRequestWritten() {
        if (isFailed()) {
            return;
        }
        requestWritten = true;
        startReadTimer();
        completeIfDone();
    }

    /**
     * Called on the event loop when writing part of the request to the socket failed, typically because the
     * server closed the connection. The server may still have answered (e.g. 413 before reading the whole
     * body), so the exchange keeps reading: a response that arrives is delivered; if the connection ends
     * without one, the exchange fails with this write error. (Auto-close is off on our channels, so a write
     * error shuts down only the output and leaves the input readable.)
     */
    void onRequestWriteFailed(Throwable cause) {
        if (isFailed() || requestWriteFailure != null) {
            return;
        }
        if (!(cause instanceof IOException)) { // e.g. an encoder error: nothing sensible went out
            fail(new IOException("Sending the request to " + origin + " failed: " + cause, cause), true);
            return;
        }
        requestWriteFailure = cause;
        RequestBodyWriter w;
        synchronized (this) {
            w = writer;
        }
        if (w != null) {
            w.abandon("sending the request failed: " + cause);
        }
        if (responseEnded()) {
            completeIfDone();
        } else if (channel.isActive()) {
            startReadTimer();
            requestRead();
        } else {
            onConnectionClosed();
        }
    }

    /** Called by the body writer when {@code writeTo} threw or the stream refused a write. */
    void onBodyWriteFailed(Throwable cause) {
        fail(cause instanceof IOException || cause instanceof RuntimeException || cause instanceof Error
                ? cause : new IOException("Writing the request body failed: " + cause, cause), true);
    }

    // ---- event loop: receiving ----

    void onMessage(Object msg) {
        try {
            if (isFailed()) {
                return;
            }
            lastProgressNanos = System.nanoTime();
            if (msg instanceof HttpObject && ((HttpObject) msg).decoderResult().isFailure()) {
                Throwable cause = ((HttpObject) msg).decoderResult().cause();
                fail(new IOException("Malformed HTTP response from " + origin + ": " + cause.getMessage(), cause), true);
                return;
            }
            if (msg instanceof io.netty.handler.codec.http.HttpResponse) {
                onResponseHead((io.netty.handler.codec.http.HttpResponse) msg);
            }
            if (msg instanceof HttpContent && !isFailed()) {
                onContent((HttpContent) msg);
            }
            if (!(msg instanceof HttpObject)) { // the codec stepped aside, e.g. after a 101 we never asked for
                fail(new IOException("Unexpected " + msg.getClass().getSimpleName() + " from " + origin
                        + " after switching protocols; only HTTP/1.1 is supported"), true);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponseHead(io.netty.handler.codec.http.HttpResponse head) {
        int code = head.status().code();
        if (code >= 100 && code < 200 && code != 101) {
            skippingInformational = true; // e.g. 100 Continue: the real response follows
            return;
        }
        HttpResponse response;
        ResponseBodyStream stream = new ResponseBodyStream(this, channel.eventLoop());
        try {
            Headers.Builder headers = Headers.receivedBuilder();
            for (Map.Entry<String, String> e : head.headers()) {
                headers.add(e.getKey(), e.getValue());
            }
            response = new HttpResponse(code, headers.build(), stream);
        } catch (IllegalArgumentException e) {
            fail(new IOException("Malformed HTTP response from " + origin + ": " + e.getMessage(), e), true);
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(head);
        synchronized (this) {
            if (failure != null) {
                return;
            }
            body = stream;
        }
        headersReceived = true;
        startReadTimer();
        if (!future.complete(response)) {
            // Cancelled (or completed by someone else) just now: nobody will read this response.
            fail(new CancellationException("The response future was completed before the response arrived"), false);
        }
    }

    private void onContent(HttpContent content) {
        if (skippingInformational) {
            if (content instanceof LastHttpContent) {
                skippingInformational = false;
            }
            return;
        }
        if (!headersReceived) {
            fail(new IOException("Malformed HTTP response from " + origin + ": content before the status line"), true);
            return;
        }
        ByteBuf bytes = content.content();
        if (bytes.isReadable()) {
            body.offer(bytes.retain());
        }
        if (content instanceof LastHttpContent) {
            synchronized (this) {
                if (failure != null) {
                    return;
                }
                responseEnded = true;
            }
            stopReadTimer();
            if (!body.claimEnd()) {
                // The reader closed the body before its end arrived. That close fails the exchange, which
                // closes the connection: it must not go back to the pool in between.
                return;
            }
            // Give the connection back before the reader can see the end: a caller that sends its next
            // request right after reading this body then finds the connection idle in the pool.
            completeIfDone();
            body.end();
        }
    }

    void onReadComplete() {
        if (isFailed() || responseEnded()) {
            return;
        }
        if (headersReceived && body.afterSocketRead()) {
            awaitingServer = false; // the consumer resumes reading once it has drained the queue
        } else {
            requestRead();
        }
    }

    /** Called from the body stream's consumer when the queue has drained: read more. */
    void requestMoreData() {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        try {
            ch.eventLoop().execute(() -> {
                if (!isFailed() && !responseEnded()) {
                    requestRead();
                }
            });
        } catch (RejectedExecutionException e) {
            // the transport is closing; the exchange fails from there
        }
    }

    private void requestRead() {
        if (!awaitingServer) {
            awaitingServer = true;
            lastProgressNanos = System.nanoTime();
        }
        channel.read();
    }

    void onWritabilityChanged() {
        RequestBodyWriter w;
        synchronized (this) {
            w = writer;
        }
        if (w != null) {
            w.wakeUp();
        }
    }

    void onConnectionClosed() {
        String what = !headersReceived ? "before the response headers arrived"
                : "before the response body ended (the body is incomplete)";
        Throwable writeFailure = requestWriteFailure;
        fail(writeFailure != null
                ? new IOException("Sending the request to " + origin + " failed (" + writeFailure.getMessage()
                        + ") and the connection was closed " + what, writeFailure)
                : new IOException("The connection to " + origin + " was closed " + what), true);
    }

    void onConnectionError(Throwable cause) {
        fail(ioException(cause, "Receiving the response"), true);
    }

    /** Gives the connection back once both directions are done. */
    private void completeIfDone() {
        if (!responseEnded() || isFailed()) {
            return;
        }
        PooledConnection c;
        RequestBodyWriter w;
        synchronized (this) {
            c = connection;
            w = writer;
            if (c == null || !requestWritten && requestWriteFailure == null && (w == null || w.isEndHandedOver())) {
                // The request's end is queued but not yet flushed: onRequestWritten (or a write failure)
                // comes next and completes the exchange.
                return;
            }
            // If the request was not fully sent, a final response arrived first (e.g. 413): stop sending.
            // The response is complete; the connection cannot be reused mid-request.
            connection = null;
        }
        c.handler.detach(this);
        if (requestWritten) {
            c.pool.release(c, keepAlive && c.channel.isActive());
        } else {
            if (w != null) {
                w.abandon("the server already sent its complete response");
            }
            c.channel.close();
        }
    }

    // ---- timers ----

    private void startReadTimer() {
        if (readTimeoutNanos <= 0 || readTimer != null || responseEnded() || isFailed()) {
            return;
        }
        lastProgressNanos = System.nanoTime();
        readTimer = channel.eventLoop().schedule(this::checkReadTimeout, readTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void checkReadTimeout() {
        readTimer = null;
        if (isFailed() || responseEnded()) {
            return;
        }
        long idle = awaitingServer ? System.nanoTime() - lastProgressNanos : 0;
        if (idle >= readTimeoutNanos) {
            fail(new ReadTimeoutException(readTimeout, (headersReceived ? "waiting for the response body from "
                    : "waiting for the response from ") + origin), false);
        } else {
            readTimer = channel.eventLoop().schedule(this::checkReadTimeout, readTimeoutNanos - idle,
                    TimeUnit.NANOSECONDS);
        }
    }

    private void stopReadTimer() {
        ScheduledFuture<?> timer = readTimer;
        readTimer = null;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ---- completion, from the body stream's consumer ----

    /** The consumer read the body to its end. */
    void onBodyEof() {
        finish();
    }

    /** The consumer closed the body; {@code complete} if the whole response had arrived. */
    void onBodyClosed(boolean complete) {
        if (complete) {
            finish();
        } else {
            fail(new IOException("The response body was closed before its end"), false);
        }
    }

    private void finish() {
        ScheduledFuture<?> timer;
        synchronized (this) {
            if (finished || failure != null) {
                return;
            }
            finished = true;
            timer = totalTimer;
            totalTimer = null;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        transport.forget(this);
    }

    private synchronized boolean responseEnded() {
        return responseEnded;
    }

    // ---- failure, from any thread ----

    /**
     * Ends the exchange with {@code cause}: fails the future or the body stream, stops the body writer,
     * leaves the pool queue and closes the connection. A no-op once the exchange failed or finished.
     *
     * @param ioError {@code true} for failures of the connection itself, which no longer matter once the
     *     whole response has arrived; timeouts, cancellation and close are not such failures
     */
    void fail(Throwable cause, boolean ioError) {
        PooledConnection c;
        ResponseBodyStream b = null;
        RequestBodyWriter w;
        ScheduledFuture<?> timer = null;
        boolean alreadyOver;
        synchronized (this) {
            // Whatever happens, a connection this exchange still holds is not reusable any more.
            c = connection;
            connection = null;
            w = writer;
            // Once the whole response has arrived, a connection failure no longer matters to the caller.
            alreadyOver = failure != null || finished || ioError && responseEnded;
            if (!alreadyOver) {
                failure = cause;
                b = body;
                timer = totalTimer;
                totalTimer = null;
            }
        }
        if (c != null) {
            c.channel.close();
        }
        if (w != null) {
            w.abandon(alreadyOver ? "the connection failed after the response was complete"
                    : "the exchange failed: " + cause);
        }
        if (alreadyOver) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} failed: {}", request.method(), origin, cause.toString());
        }
        if (timer != null) {
            timer.cancel(false);
        }
        transport.forget(this);
        future.completeExceptionally(cause);
        if (b != null) {
            b.fail(cause instanceof IOException ? (IOException) cause
                    : new IOException("The exchange with " + origin + " failed: " + cause, cause));
        }
        pool.removeWaiter(this);
    }

    private IOException ioException(Throwable cause, String doing) {
        if (cause instanceof IOException) {
            return (IOException) cause;
        }
        return new IOException(doing + " to/from " + origin + " failed: " + cause, cause);
    }

    // ---- helpers ----

    static long nanos(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4; // centuries: effectively none, and safe to add to nanoTime
        }
    }

    /** Path and query as sent on the request line, ASCII only (other characters percent-encoded as UTF-8). */
    static String requestTarget(URI uri) {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String query = uri.getRawQuery();
        String target = query == null ? path : path + "?" + query;
        for (int i = 0; i < target.length(); i++) {
            if (target.charAt(i) > 0x7e || target.charAt(i) <= 0x20) {
                return percentEncodeNonAscii(target);
            }
        }
        return target;
    }

    private static String percentEncodeNonAscii(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            int v = b & 0xff;
            if (v > 0x20 && v < 0x7f) {
                sb.append((char) v);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(v & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** The {@code Host} header: host, and the port unless it is the scheme's default. */
    static String hostHeader(URI uri) {
        String host = uri.getHost(); // IPv6 literals keep their brackets here, as Host wants them
        int port = uri.getPort();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (port == -1 || port == (https ? 443 : 80)) {
            return host;
        }
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "Exchange[" + request.method() + " " + origin + "]";
    }

    /** The future handed to the caller: cancelling it aborts the exchange. */
    static final class ExchangeFuture extends CompletableFuture<HttpResponse> {
        private final Exchange exchange;

        ExchangeFuture(Exchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                exchange.fail(new CancellationException("The exchange with " + exchange.origin + " was cancelled"),
                        false);
            }
            return cancelled;
        }
    }
}
