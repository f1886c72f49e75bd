package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.transport.tck.server.LoopbackServer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The transport conformance kit: the JUnit 5 suite that every {@link Transport} passes. A transport module
 * (or a third-party transport) extends this class in its tests and supplies the transport:
 *
 * <pre>{@code
 * class NettyTransportConformanceTest extends TransportConformanceTest {
 *     @Override
 *     protected Transport createTransport(TransportOptions options) {
 *         return NettyTransport.builder().options(options).build();
 *     }
 *
 *     @Override
 *     protected Class<? extends TransportProvider> providerType() {
 *         return NettyTransportProvider.class;
 *     }
 * }
 * }</pre>
 *
 * <p>That is all: the tests live in {@code @Nested} inner classes of this class, which JUnit runs for
 * the subclass, each calling the subclass's {@link #createTransport}. Every test starts its own
 * {@link LoopbackServer} (a real HTTP/1.1 server on {@code 127.0.0.1}) and stops it, and closes every
 * transport and response it made, also when it fails.
 *
 * <p>What the suite checks, group by group: methods ({@code GET} to {@code PATCH}, {@code HEAD}) with and
 * without bodies; header fields (repeats, multi-valued, as given, nothing decoded); request-targets sent
 * byte for byte; status codes with bodies; redirects returned, not followed (302, 307 to a second
 * server), and nothing retried (a 503, a connection dropped before the response: one request); request bodies (JSON, empty, known length with
 * {@code Content-Length}, unknown length chunked, single-use, failing); multipart bodies parsed by the
 * server; 512 MiB uploads and downloads at bounded memory with backpressure; connect failure, read and
 * total timeouts (per-request values overriding the options); cancellation and early close freeing the
 * connection; broken responses giving errors, never a hang or a short body; concurrency, connection limits
 * and keep-alive; and that {@code close()} leaves no thread or socket behind.
 *
 * <p><b>The test JVM must have a small heap.</b> The large-body tests fail unless
 * {@code Runtime.maxMemory()} is at most 256 MiB, so that a transport which buffers a 512 MiB body cannot
 * pass. convai4j's parent pom runs surefire with {@code -Xmx96m} (the {@code surefire.heap} property);
 * a third-party build should do the same.
 *
 * <p>Time bounds are generous (a shared CI machine is slow): "promptly" means within 5 seconds for things
 * that take well under one, and every test has an overall timeout of 5 minutes. A failing check says what
 * the transport did and what the {@link Transport} contract expects instead.
 *
 * <p>The thread check after {@code close()} counts every thread that appeared while the test ran, except
 * those of the kit ({@code convai4j-tck-*}), JUnit ({@code junit-*}), surefire ({@code surefire-*}), the
 * JDK's common fork-join pool and the JVM itself ({@code Attach Listener}, {@code process reaper},
 * {@code Common-Cleaner}, {@code Signal Dispatcher}).
 *
 * <p>A subclass may add tests and {@code @BeforeEach}/{@code @AfterEach} methods of its own; the suite's
 * set-up (starting the server) runs before them and its clean-up after them. Against a conforming
 * transport the suite takes about a minute; a skipped test means a {@linkplain #knownGaps() declared gap}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class TransportConformanceTest {

    /** The bound for things that should take well under a second. */
    static final Duration PROMPTLY = Duration.ofSeconds(5);
    /** The bound for an ordinary exchange. */
    static final Duration EXCHANGE_BOUND = Duration.ofSeconds(30);
    /** Prefix of the threads the kit itself starts (excluded from the thread-leak check). */
    static final String KIT_THREAD_PREFIX = "convai4j-tck-";

    private LoopbackServer server;
    private Transport defaultTransport;
    private final List<Transport> transports = Collections.synchronizedList(new ArrayList<Transport>());
    private final List<Closeable> closeables = Collections.synchronizedList(new ArrayList<Closeable>());
    private ExecutorService helpers;

    /** Creates the suite; JUnit calls this once per test. */
    protected TransportConformanceTest() {
    }

    /**
     * Creates the transport under test. Called at least once per test, with options that the test chose;
     * the suite closes every transport it created.
     *
     * @param options connection settings; the transport must honour every one of them
     * @return a new transport
     */
    protected abstract Transport createTransport(TransportOptions options);

    /**
     * Returns the type of the transport's {@link TransportProvider}; the suite checks that
     * {@link java.util.ServiceLoader} finds it and that it creates a working transport.
     *
     * @return the provider class registered in {@code META-INF/services/io.github.convai4j.http.TransportProvider}
     */
    protected abstract Class<? extends TransportProvider> providerType();

    /**
     * Returns the behaviours this transport lacks because its HTTP stack cannot provide them. <b>Only for
     * stacks that cannot be told otherwise</b> (the JDK's clients); see {@link KnownGap}.
     *
     * @return the known gaps; empty by default
     */
    protected Set<KnownGap> knownGaps() {
        return EnumSet.noneOf(KnownGap.class);
    }

    // ---- Nested groups: each inherits createTransport from the enclosing instance. ----

    /** Methods with and without bodies, and {@code HEAD}. */
    @Nested
    class Methods extends MethodConformance {
        Methods() {
            super(TransportConformanceTest.this);
        }
    }

    /** Request and response header fields. */
    @Nested
    class HeaderFields extends HeaderConformance {
        HeaderFields() {
            super(TransportConformanceTest.this);
        }
    }

    /** Request-targets (path and query) sent byte for byte. */
    @Nested
    class RequestTargets extends TargetConformance {
        RequestTargets() {
            super(TransportConformanceTest.this);
        }
    }

    /** Status codes with and without bodies. */
    @Nested
    class StatusCodes extends StatusConformance {
        StatusCodes() {
            super(TransportConformanceTest.this);
        }
    }

    /** No redirect followed, nothing retried: one call is one request. */
    @Nested
    class RedirectsAndRetries extends PassThroughConformance {
        RedirectsAndRetries() {
            super(TransportConformanceTest.this);
        }
    }

    /** Request bodies: framing, content, single use, failures. */
    @Nested
    class RequestBodies extends BodyConformance {
        RequestBodies() {
            super(TransportConformanceTest.this);
        }
    }

    /** Multipart bodies parsed by the server. */
    @Nested
    class Multipart extends MultipartConformance {
        Multipart() {
            super(TransportConformanceTest.this);
        }
    }

    /** 512 MiB uploads and downloads at bounded memory, and backpressure. */
    @Nested
    class LargeBodies extends LargeBodyConformance {
        LargeBodies() {
            super(TransportConformanceTest.this);
        }
    }

    /** Connect failures, read and total timeouts. */
    @Nested
    class Timeouts extends TimeoutConformance {
        Timeouts() {
            super(TransportConformanceTest.this);
        }
    }

    /** Cancelling futures and closing bodies early. */
    @Nested
    class Cancellation extends CancellationConformance {
        Cancellation() {
            super(TransportConformanceTest.this);
        }
    }

    /** Servers that break off or close connections. */
    @Nested
    class BrokenConnections extends BrokenConnectionConformance {
        BrokenConnections() {
            super(TransportConformanceTest.this);
        }
    }

    /** Concurrency, connection limits and keep-alive. */
    @Nested
    class Connections extends ConnectionConformance {
        Connections() {
            super(TransportConformanceTest.this);
        }
    }

    /** Name, discovery and {@code close()}. */
    @Nested
    class Lifecycle extends LifecycleConformance {
        Lifecycle() {
            super(TransportConformanceTest.this);
        }
    }

    // ---- Per-test set-up and clean-up. ----

    @BeforeEach
    void tckStartServer() throws IOException {
        server = LoopbackServer.start();
        AtomicInteger threadCount = new AtomicInteger();
        helpers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, KIT_THREAD_PREFIX + "helper-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void tckCleanUp() throws Exception {
        List<Throwable> problems = new ArrayList<>();
        List<Closeable> toClose;
        synchronized (closeables) {
            toClose = new ArrayList<>(closeables);
            closeables.clear();
        }
        for (Closeable c : toClose) {
            quietly(() -> {
                c.close();
                return null;
            }, "closing " + c);
        }
        List<Transport> toStop;
        synchronized (transports) {
            toStop = new ArrayList<>(transports);
            transports.clear();
        }
        for (Transport t : toStop) {
            try {
                bounded(PROMPTLY, "Transport.close()", () -> {
                    t.close();
                    return null;
                });
            } catch (Throwable e) {
                problems.add(e);
            }
        }
        if (server != null) {
            server.close();
        }
        if (helpers != null) {
            helpers.shutdownNow();
        }
        if (!problems.isEmpty()) {
            AssertionFailedError error = new AssertionFailedError(
                    "Closing the transport after the test failed: " + problems.get(0));
            for (Throwable p : problems) {
                error.addSuppressed(p);
            }
            throw error;
        }
    }

    private void quietly(Callable<?> action, String what) {
        try {
            bounded(PROMPTLY, what, action);
        } catch (Throwable ignored) {
            // clean-up of a test that already has its verdict
        }
    }

    // ---- Helpers for the groups (package-private: not part of the kit's API). ----

    LoopbackServer server() {
        return server;
    }

    boolean hasGap(KnownGap gap) {
        Set<KnownGap> gaps = knownGaps();
        return gaps != null && gaps.contains(gap);
    }

    /** Skips the calling test if the transport declares the gap. */
    void skipIf(KnownGap gap) {
        if (hasGap(gap)) {
            throw new TestAbortedException("Skipped: " + getClass().getSimpleName() + " declares KnownGap." + gap);
        }
    }

    /** Default options of the suite: connect 5 s, read 30 s, no total timeout, defaults otherwise. */
    TransportOptions.Builder options() {
        return TransportOptions.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30));
    }

    /** The transport with the suite's default options, created on first use. */
    Transport transport() {
        if (defaultTransport == null) {
            defaultTransport = newTransport(options().build());
        }
        return defaultTransport;
    }

    /** A new transport with these options, closed after the test. */
    Transport newTransport(TransportOptions options) {
        Transport t = createTransport(options);
        assertNotNull(t, "createTransport(options) returned null");
        transports.add(t);
        return t;
    }

    /** Forgets a transport the test closes itself. */
    void untrack(Transport t) {
        transports.remove(t);
    }

    <T extends Closeable> T track(T closeable) {
        if (closeable != null) {
            closeables.add(closeable);
        }
        return closeable;
    }

    ExecutorService helpers() {
        return helpers;
    }

    URI uri(String rawTarget) {
        return server.uri(rawTarget);
    }

    HttpRequest.Builder request(HttpMethod method, String rawTarget) {
        return HttpRequest.builder(method, uri(rawTarget));
    }

    /**
     * Runs {@code action} on a kit thread and waits at most {@code bound}: a transport that hangs fails the
     * test with a message instead of hanging the build. Exceptions of the action are rethrown as they are.
     */
    <T> T bounded(Duration bound, String what, Callable<T> action) throws Exception {
        Future<T> future = helpers.submit(action);
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionFailedError(what + " did not finish within " + seconds(bound)
                    + "; a transport must not hang here");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /** Sends a request the given way and waits at most {@code bound} for the response head. */
    HttpResponse send(Transport t, HttpRequest request, Mode mode, Duration bound) throws Exception {
        HttpResponse response;
        if (mode == Mode.SYNC) {
            response = bounded(bound, "execute(" + describe(request) + ")", () -> t.execute(request));
            assertNotNull(response, "execute returned null for " + describe(request));
        } else {
            CompletableFuture<HttpResponse> future = t.executeAsync(request);
            assertNotNull(future, "executeAsync returned null for " + describe(request));
            response = await(future, bound, "the future of executeAsync(" + describe(request) + ")");
            assertNotNull(response, "executeAsync's future completed with null for " + describe(request));
        }
        return track(response);
    }

    HttpResponse send(Transport t, HttpRequest request, Mode mode) throws Exception {
        return send(t, request, mode, EXCHANGE_BOUND);
    }

    /** Sends, reads the whole body and closes the response. */
    Received exchange(Transport t, HttpRequest request, Mode mode) throws Exception {
        HttpResponse response = send(t, request, mode);
        try {
            byte[] body = readAll(response.body(), EXCHANGE_BOUND, "reading the body of " + describe(request));
            return new Received(response.statusCode(), response.headers(), body);
        } finally {
            bounded(PROMPTLY, "HttpResponse.close()", () -> {
                response.close();
                return null;
            });
        }
    }

    /** Waits for a future, unwrapping its failure: IOExceptions are rethrown as they are. */
    static <T> T await(CompletableFuture<T> future, Duration bound, String what) throws Exception {
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionFailedError(what + " did not complete within " + seconds(bound)
                    + "; a transport must complete or fail it");
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    byte[] readAll(InputStream in, Duration bound, String what) throws Exception {
        return bounded(bound, what, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        });
    }

    /**
     * Runs {@code action}, which must fail with {@code expected} within {@code bound}; returns the failure.
     * An {@link ExecutionException} or {@link CompletionException} is unwrapped first.
     */
    <X extends Throwable> X expectFailure(Class<X> expected, Duration bound, String what, Callable<?> action)
            throws Exception {
        Object result;
        try {
            result = bounded(bound, what, action);
        } catch (AssertionFailedError e) {
            throw e;
        } catch (Throwable e) {
            Throwable cause = unwrap(e);
            if (expected.isInstance(cause)) {
                return expected.cast(cause);
            }
            throw new AssertionFailedError(what + " failed with " + cause + ", but the Transport contract"
                    + " expects " + expected.getName() + expectationNote(expected), cause);
        }
        if (result instanceof Closeable) {
            track((Closeable) result);
        }
        throw new AssertionFailedError(what + " completed normally" + (result != null ? " (with " + result + ")" : "")
                + ", but the Transport contract expects " + expected.getName() + expectationNote(expected));
    }

    /** Sends {@code request}, which must fail with {@code expected} (from execute, or as the future's cause). */
    <X extends Throwable> X expectSendFailure(Class<X> expected, Transport t, HttpRequest request, Mode mode,
            Duration bound) throws Exception {
        if (mode == Mode.SYNC) {
            return expectFailure(expected, bound, "execute(" + describe(request) + ")", () -> t.execute(request));
        }
        CompletableFuture<HttpResponse> future = t.executeAsync(request);
        assertNotNull(future, "executeAsync returned null");
        return expectFailure(expected, bound, "the future of executeAsync(" + describe(request) + ")",
                () -> future.get());
    }

    private static String expectationNote(Class<?> expected) {
        if (expected.getSimpleName().endsWith("TimeoutException")) {
            return " (map the HTTP stack's timeout onto io.github.convai4j.http." + expected.getSimpleName() + ")";
        }
        return "";
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getRawPath()
                + (request.uri().getRawQuery() != null ? "?" + request.uri().getRawQuery() : "");
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Status, headers and whole body of a response. */
    static final class Received {
        final int status;
        final Headers headers;
        final byte[] body;

        Received(int status, Headers headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
