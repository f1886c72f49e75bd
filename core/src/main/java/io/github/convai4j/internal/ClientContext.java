package io.github.convai4j.internal;

import io.github.convai4j.core.AsyncPage;
import io.github.convai4j.core.Page;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.http.Transport;
import io.github.convai4j.json.JsonCodec;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The runtime every generated service calls: it sends an {@link ApiRequest} with the client's options
 * (base URL, key, headers, timeouts, retries, logging) and turns the response into a value with a
 * {@link ResponseHandler}. See {@code core/RUNTIME-API.md} for how generated code uses it.
 *
 * <p>Each operation can be called four ways:
 * <ul>
 *   <li>{@link #execute}: sync, returns the value;</li>
 *   <li>{@link #executeRaw}: sync, returns the value with status, headers and request id;</li>
 *   <li>{@link #executeAsync} and {@link #executeRawAsync}: the same as {@link CompletableFuture}s;</li>
 * </ul>
 * and a paginated one also as a {@link Page} ({@link #executePage}) or {@link AsyncPage}
 * ({@link #executePageAsync}), or as the first page's {@link RawResponse} holding that page
 * ({@link #executePageRaw}, {@link #executePageRawAsync}: what a service's {@code withRawResponse()} view
 * returns for a paginated operation).
 *
 * <p><b>Errors:</b> a bad request (a missing path parameter, a body property that cannot be merged) throws
 * {@link IllegalArgumentException} before any I/O, also from the async methods (directly, not through the
 * future). Everything else is a {@link io.github.convai4j.errors.ConvaiException}: thrown by the sync
 * methods, the cause of the failed future of the async ones.
 *
 * <p><b>Threads:</b> sync calls run on the caller's thread, sleeping between retries. Async calls never
 * block a thread: the transport completes each attempt on its I/O thread, the response is read and decoded
 * on {@link #executor()}, and retries wait on the scheduler. Returned futures complete on
 * {@link #executor()}; cancelling one aborts the exchange in flight or the pending retry.
 *
 * <p>Immutable and thread-safe. It owns nothing: whoever created the transport and executors closes them
 * ({@code ConvaiClient.close()} for a client's own).
 */
public final class ClientContext {

    private final ClientSettings options;
    private final Transport transport;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final RequestAssembler assembler;

    final Clock clock;
    final LongSupplier nanoTime;
    final DoubleSupplier random;
    final Redactor redactor;
    final ExchangeLogger logger;
    final Listeners listeners;
    final IoFailures failures;
    final ErrorReader errors;
    /**
     * The {@link LeakDetector} of this client's streamed responses, run at the start of each call; empty until
     * the first streamed response. Typed {@code Runnable} so that an app that never streams keeps no detector.
     */
    final AtomicReference<Runnable> leakDetector = new AtomicReference<>();

    /**
     * Creates a context. Normally {@code ConvaiClient} does this; create one yourself only to run the
     * runtime on a transport and executors you manage.
     *
     * @param options the client options
     * @param transport sends the requests; not closed by the context
     * @param executor runs the decoding of async responses and completes their futures
     * @param scheduler schedules the waits before async retries
     */
    public ClientContext(ClientSettings options, Transport transport, Executor executor,
            ScheduledExecutorService scheduler) {
        this(options, transport, executor, scheduler, Clock.systemUTC(), System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    ClientContext(ClientSettings options, Transport transport, Executor executor, ScheduledExecutorService scheduler,
            Clock clock, LongSupplier nanoTime, DoubleSupplier random) {
        this.options = Objects.requireNonNull(options, "options");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.random = random;
        this.redactor = new Redactor(options.apiKey());
        this.logger = new ExchangeLogger(redactor);
        this.listeners = new Listeners(logger, options.listeners(), redactor);
        this.failures = new IoFailures(redactor);
        this.errors = new ErrorReader(redactor, logger, clock);
        this.assembler = new RequestAssembler(options, UserAgent.of(transport.name()));
    }

    /**
     * Returns the client options.
     *
     * @return the options
     */
    public ClientSettings options() {
        return options;
    }

    /**
     * Returns the transport.
     *
     * @return the transport
     */
    public Transport transport() {
        return transport;
    }

    /**
     * Returns the executor async calls decode and complete on.
     *
     * @return the executor
     */
    public Executor executor() {
        return executor;
    }

    /** The scheduler async retries wait on. */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Returns the {@code User-Agent} sent: {@code convai4j/<version> (<transport>; Java <version>)}.
     *
     * @return the user agent
     */
    public String userAgent() {
        return UserAgent.of(transport.name());
    }

    /**
     * Sends a request and returns the decoded value, retrying as the retry policy allows.
     *
     * @param request the request
     * @param handler decodes a 2xx response
     * @param options per-call options, or {@code null} for none
     * @param <T> the value type
     * @return the value ({@code null} for an operation without content)
     * @throws IllegalArgumentException if the request cannot be sent as given (before any I/O)
     * @throws io.github.convai4j.errors.ConvaiException if the call fails
     */
    public <T> T execute(ApiRequest request, ResponseHandler<T> handler, RequestOptions options) {
        return executeRaw(request, handler, options).value();
    }

    /**
     * Sends a request and returns the decoded value with the response's status, headers and request id.
     *
     * @param request the request
     * @param handler decodes a 2xx response
     * @param options per-call options, or {@code null} for none
     * @param <T> the value type
     * @return the raw response
     * @throws IllegalArgumentException if the request cannot be sent as given (before any I/O)
     * @throws io.github.convai4j.errors.ConvaiException if the call fails
     */
    public <T> RawResponse<T> executeRaw(ApiRequest request, ResponseHandler<T> handler, RequestOptions options) {
        return new SyncCall<>(this, prepare(request, handler, options), handler).run();
    }

    /**
     * Sends a request without blocking and returns the future value.
     *
     * @param request the request
     * @param handler decodes a 2xx response (on {@link #executor()})
     * @param options per-call options, or {@code null} for none
     * @param <T> the value type
     * @return the future value; fails with a {@link io.github.convai4j.errors.ConvaiException}
     * @throws IllegalArgumentException if the request cannot be sent as given (thrown directly)
     */
    public <T> CompletableFuture<T> executeAsync(ApiRequest request, ResponseHandler<T> handler,
            RequestOptions options) {
        return Futures.valueOf(executeRawAsync(request, handler, options));
    }

    /**
     * Sends a request without blocking and returns the future raw response.
     *
     * @param request the request
     * @param handler decodes a 2xx response (on {@link #executor()})
     * @param options per-call options, or {@code null} for none
     * @param <T> the value type
     * @return the future raw response; fails with a {@link io.github.convai4j.errors.ConvaiException}
     * @throws IllegalArgumentException if the request cannot be sent as given (thrown directly)
     */
    public <T> CompletableFuture<RawResponse<T>> executeRawAsync(ApiRequest request, ResponseHandler<T> handler,
            RequestOptions options) {
        return new AsyncCall<>(this, prepare(request, handler, options), handler).start();
    }

    /**
     * Fetches the first page of a cursor-paginated operation.
     *
     * @param requestForCursor builds the request for a page: called with {@code null} for the first page
     *     (send the caller's parameters as given, including a starting cursor if they hold one), then with
     *     each {@code next_cursor}, to be sent as the {@code cursor} query parameter
     * @param codec reads a page response
     * @param accessors reads the items, next cursor and has-more flag of a page response
     * @param options per-call options for every page, or {@code null} for none
     * @param <T> the item type
     * @param <R> the page response type
     * @return the first page
     * @throws IllegalArgumentException if the request cannot be sent as given (before any I/O)
     * @throws io.github.convai4j.errors.ConvaiException if the call fails
     */
    public <T, R> Page<T, R> executePage(Function<String, ApiRequest> requestForCursor, JsonCodec<R> codec,
            PageAccessors<R, T> accessors, RequestOptions options) {
        return new PageFetcher<>(this, requestForCursor, codec, accessors, options).fetch(null);
    }

    /**
     * Fetches the first page of a cursor-paginated operation without blocking.
     *
     * @param requestForCursor builds the request for a page (see {@link #executePage})
     * @param codec reads a page response
     * @param accessors reads the items, next cursor and has-more flag of a page response
     * @param options per-call options for every page, or {@code null} for none
     * @param <T> the item type
     * @param <R> the page response type
     * @return the future first page
     * @throws IllegalArgumentException if the request cannot be sent as given (thrown directly)
     */
    public <T, R> CompletableFuture<AsyncPage<T, R>> executePageAsync(Function<String, ApiRequest> requestForCursor,
            JsonCodec<R> codec, PageAccessors<R, T> accessors, RequestOptions options) {
        return new PageFetcher<>(this, requestForCursor, codec, accessors, options).fetchAsync(null);
    }

    /**
     * Fetches the first page of a cursor-paginated operation and returns it with the first response's
     * status, headers and request id: the {@link RawResponse#value()} is the same {@link Page} as
     * {@link #executePage} returns (it pages on as usual; each page also has its own
     * {@link Page#rawResponse()}).
     *
     * @param requestForCursor builds the request for a page (see {@link #executePage})
     * @param codec reads a page response
     * @param accessors reads the items, next cursor and has-more flag of a page response
     * @param options per-call options for every page, or {@code null} for none
     * @param <T> the item type
     * @param <R> the page response type
     * @return the first page's status, headers and request id, with the first page as the value
     * @throws IllegalArgumentException if the request cannot be sent as given (before any I/O)
     * @throws io.github.convai4j.errors.ConvaiException if the call fails
     */
    public <T, R> RawResponse<Page<T, R>> executePageRaw(Function<String, ApiRequest> requestForCursor,
            JsonCodec<R> codec, PageAccessors<R, T> accessors, RequestOptions options) {
        Page<T, R> page = executePage(requestForCursor, codec, accessors, options);
        RawResponse<R> first = page.rawResponse();
        return new RawResponse<>(first.statusCode(), first.headers(), page);
    }

    /**
     * Fetches the first page of a cursor-paginated operation without blocking, and gives it with the first
     * response's status, headers and request id (see {@link #executePageRaw}).
     *
     * @param requestForCursor builds the request for a page (see {@link #executePage})
     * @param codec reads a page response
     * @param accessors reads the items, next cursor and has-more flag of a page response
     * @param options per-call options for every page, or {@code null} for none
     * @param <T> the item type
     * @param <R> the page response type
     * @return the future raw response, whose value is the first page; it fails with the call's
     *     {@link io.github.convai4j.errors.ConvaiException}; cancelling it aborts the fetch
     * @throws IllegalArgumentException if the request cannot be sent as given (thrown directly)
     */
    public <T, R> CompletableFuture<RawResponse<AsyncPage<T, R>>> executePageRawAsync(
            Function<String, ApiRequest> requestForCursor, JsonCodec<R> codec, PageAccessors<R, T> accessors,
            RequestOptions options) {
        CompletableFuture<AsyncPage<T, R>> page = executePageAsync(requestForCursor, codec, accessors, options);
        CompletableFuture<RawResponse<AsyncPage<T, R>>> raw = new CompletableFuture<>();
        page.whenComplete((first, failure) -> {
            if (failure != null) {
                raw.completeExceptionally(Futures.unwrap(failure));
            } else {
                RawResponse<R> response = first.rawResponse();
                raw.complete(new RawResponse<>(response.statusCode(), response.headers(), first));
            }
        });
        Futures.propagateCancel(raw, page);
        return raw;
    }

    private PreparedCall prepare(ApiRequest request, ResponseHandler<?> handler, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        return assembler.prepare(request, options == null ? RequestOptions.none() : options, handler);
    }

    @Override
    public String toString() {
        return "ClientContext[" + options + ", transport " + transport.name() + "]";
    }
}
