package io.github.convai4j.transport.jdk;

import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.ReadTimeoutException;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.TotalTimeoutException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One exchange on {@link HttpURLConnection}, from the call until its body is read or closed: waits for a
 * connection slot of its host, sends the head and streams the body, reads the response head, and hands out
 * the body. Any abort (cancel, total timeout, close of the transport) disconnects, which fails whatever the
 * exchange is blocked in.
 */
final class UrlConnectionExchange {

    enum Abort { CANCELLED, TOTAL_TIMEOUT, CLOSED }

    private final UrlConnectionTransport transport;
    private final HttpRequest request;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeout;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile HttpURLConnection connection;
    private volatile Abort aborted;
    private volatile boolean connected;
    private Semaphore permit;
    private ScheduledFuture<?> totalTimer;

    UrlConnectionExchange(UrlConnectionTransport transport, HttpRequest request) {
        this.transport = transport;
        this.request = request;
        this.connectTimeout = orDefault(request.connectTimeout(), transport.options().connectTimeout());
        this.readTimeout = orDefault(request.readTimeout(), transport.options().readTimeout());
        this.totalTimeout = orDefault(request.totalTimeout(), transport.options().totalTimeout());
    }

    private static Duration orDefault(Duration own, Duration fallback) {
        return own != null ? own : fallback;
    }

    HttpResponse run() throws IOException {
        transport.track(this);
        if (transport.isClosed()) {
            abort(Abort.CLOSED);
        }
        boolean handedOver = false;
        try {
            if (!totalTimeout.isZero()) {
                totalTimer = transport.schedule(() -> abort(Abort.TOTAL_TIMEOUT), totalTimeout.toMillis());
            }
            acquirePermit();
            HttpURLConnection c = open();
            connection = c;
            checkAborted();
            send(c);
            int status = c.getResponseCode();
            Headers headers = receivedHeaders(c);
            HttpResponse response = new HttpResponse(status, headers, body(c, status, headers));
            handedOver = true;
            return response;
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        } finally {
            if (!handedOver) {
                finish(false);
            }
        }
    }

    private void acquirePermit() throws IOException {
        Semaphore s = transport.permitsFor(request.uri());
        try {
            // Polls so that a cancel or a total timeout ends the wait for a slot too.
            while (!s.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                checkAborted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a connection to "
                    + request.uri().getHost());
        }
        permit = s;
        checkAborted();
    }

    private HttpURLConnection open() throws IOException {
        HttpURLConnection c = (HttpURLConnection) request.uri().toURL().openConnection(Proxy.NO_PROXY);
        c.setInstanceFollowRedirects(false);
        if (java.net.ResponseCache.getDefault() != null) {
            // An installed cache (an Android app's HttpResponseCache) must not answer API calls. Only then: with
            // caching off, HttpURLConnection adds Cache-Control and Pragma fields to every request.
            c.setUseCaches(false);
        }
        c.setConnectTimeout(millis(connectTimeout));
        c.setReadTimeout(millis(readTimeout));
        // PATCH reaches this line only where HttpURLConnection accepts it (Android); see UrlConnectionTransport.
        c.setRequestMethod(request.method().name());
        request.headers().forEach(c::addRequestProperty);
        RequestBody body = request.body();
        if (body != null) {
            c.setDoOutput(true);
            if (body.contentType() != null) {
                c.setRequestProperty("Content-Type", body.contentType());
            }
            if (body.contentLength() >= 0) {
                c.setFixedLengthStreamingMode(body.contentLength());
            } else {
                c.setChunkedStreamingMode(Buffers.CHUNK);
            }
        }
        return c;
    }

    private void send(HttpURLConnection c) throws IOException {
        c.connect();
        connected = true;
        if (!c.getDoOutput()) {
            return;
        }
        OutputStream out = c.getOutputStream();
        RequestBody body = request.body();
        if (body != null) {
            CountingOutputStream counting = new CountingOutputStream(out);
            // On failure the connection is dropped without closing `out`: closing a chunked stream would send
            // the last chunk, and the server would take a cut-off body for a whole one.
            body.writeTo(counting);
            long declared = body.contentLength();
            if (declared >= 0 && counting.count != declared) {
                throw new IOException("The request body wrote " + counting.count + " bytes but declared " + declared
                        + "; declare the right length (or -1 if unknown)");
            }
        }
        out.close();
    }

    private static Headers receivedHeaders(HttpURLConnection c) {
        Headers.Builder headers = Headers.receivedBuilder();
        // Index 0 is the status line; a null key after it ends the fields.
        for (int i = 1; ; i++) {
            String name = c.getHeaderFieldKey(i);
            String value = c.getHeaderField(i);
            if (name == null && value == null) {
                break;
            }
            if (name != null) {
                headers.add(name, value == null ? "" : value);
            }
        }
        return headers.build();
    }

    private InputStream body(HttpURLConnection c, int status, Headers headers) throws IOException {
        boolean noBody = request.method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200;
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (noBody || in == null) {
            if (in != null) {
                in.close();
            }
            finish(true);
            return null;
        }
        long expected = -1;
        String te = headers.first("Transfer-Encoding");
        String cl = headers.first("Content-Length");
        if ((te == null || !te.toLowerCase(Locale.ROOT).contains("chunked")) && cl != null) {
            try {
                expected = Long.parseLong(cl.trim());
            } catch (NumberFormatException e) {
                expected = -1;
            }
        }
        return new UrlConnectionBody(this, in, expected);
    }

    void checkAborted() throws IOException {
        if (aborted != null) {
            throw translate(new IOException("aborted: " + aborted));
        }
    }

    void abort(Abort why) {
        if (aborted == null) {
            aborted = why;
        }
        HttpURLConnection c = connection;
        if (c != null) {
            c.disconnect();
        }
    }

    /** Ends the exchange: frees the connection slot, and drops the connection unless it is reusable. */
    void finish(boolean reusable) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (totalTimer != null) {
            totalTimer.cancel(false);
        }
        HttpURLConnection c = connection;
        if (!reusable && c != null) {
            c.disconnect();
        }
        if (permit != null) {
            permit.release();
        }
        transport.forget(this);
    }

    /** Maps a failure onto the SPI's types, the reason of an abort first. */
    IOException translate(Exception e) {
        Abort why = aborted;
        String what = request.method() + " " + request.redactedUri();
        IOException result;
        if (why == Abort.TOTAL_TIMEOUT) {
            result = new TotalTimeoutException(totalTimeout, what);
        } else if (why == Abort.CLOSED) {
            result = new IOException("The transport was closed during " + what);
        } else if (why == Abort.CANCELLED) {
            result = new IOException("The exchange was cancelled: " + what);
        } else if (e instanceof SocketTimeoutException && !(e instanceof io.github.convai4j.http.TimeoutIOException)) {
            result = connected ? new ReadTimeoutException(readTimeout, what)
                    : new ConnectTimeoutException(connectTimeout, what);
        } else if (e instanceof IOException) {
            return (IOException) e;
        } else if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        } else {
            result = new IOException(e.toString());
        }
        if (result != e) {
            result.initCause(e);
        }
        return result;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    /** Counts what the body writes, so that a length that disagrees is caught. */
    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the exchange closes the connection's stream itself, only on success
        }
    }
}
