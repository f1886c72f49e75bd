package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.convai4j.core.AttemptInfo;
import io.github.convai4j.core.CallInfo;
import io.github.convai4j.core.CallResult;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.errors.ApiError;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.errors.DecodingException;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call of an operation, through all its attempts: what sync and async calls share. An attempt either
 * yields the call's result ({@link #complete}) or a failure, after which {@link #decide} says whether to
 * try again. {@link SyncCall} and {@link AsyncCall} differ only in how they wait. The call tells the
 * client's {@link Listeners} about each step (the {@link ExchangeLogger} is the first of them).
 *
 * @param <T> the value type
 */
abstract class Call<T> {

    final ClientContext context;
    final PreparedCall call;
    final ResponseHandler<T> handler;
    final Deadline deadline;
    private final RetryDecider decider;
    private final Listeners listeners;
    /** {@code null} when nobody listens: then no event is built. */
    private final Info info;
    /** Where the caller started a call whose value keeps the response open, for {@link LeakDetector}; else null. */
    private final Throwable openedAt;
    // Written and read by one thread at a time (the caller's, or the executor's in turn after a hand-off).
    private volatile int attempts;
    private volatile int lastStatus = -1;
    private volatile AttemptInfo lastAttempt;
    private volatile RetryDecider.Decision stopped;
    private final AtomicBoolean ended = new AtomicBoolean();

    Call(ClientContext context, PreparedCall call, ResponseHandler<T> handler) {
        this.context = context;
        this.call = call;
        this.handler = handler;
        this.deadline = Deadline.after(call.timeout(), context.nanoTime);
        this.decider = new RetryDecider(call.retryPolicy(), call.method(), call.isBodyRepeatable(), deadline,
                context.random);
        this.listeners = context.listeners;
        this.info = listeners.active() ? new Info(call, context, context.nanoTime.getAsLong()) : null;
        // Taken on the caller's thread, also for an async call, whose response is opened on the executor. The
        // JVM keeps the frames compact until a warning asks for them.
        this.openedAt = handler.keepsResponseOpen() ? new Throwable("The response was opened here") : null;
    }

    /** Releases the responses the leak detector found unreachable, and tells the listeners the call starts. */
    final void started() {
        Runnable leakDetector = context.leakDetector.get();
        if (leakDetector != null) {
            leakDetector.run();
        }
        if (info != null) {
            listeners.callStarted(info);
        }
    }

    /** Logs an attempt about to be sent (TRACE), and tells the listeners. */
    final void attemptStarted(Attempt attempt) {
        attempts = attempt.number();
        context.logger.sending(call, attempt);
        if (info != null) {
            listeners.attemptStarted(info, attempt.number());
        }
    }

    /**
     * Tells the listeners the call ended, with its value ({@code failure} null) or its failure; only the first
     * time (an async call may be cancelled while it fails).
     */
    final void ended(Throwable failure) {
        if (info == null || !ended.compareAndSet(false, true)) {
            return;
        }
        RetryDecider.Decision decision = failure == null ? null : stopped;
        listeners.callEnded(new CallResult(info, attempts, lastStatus, failure,
                Duration.ofNanos(context.nanoTime.getAsLong() - info.startNanos),
                decision == null ? null : decision.reason, decision != null && !decision.failureNotRetryable()));
    }

    /**
     * Turns the response of an attempt into the call's result, and tells the listeners the attempt ended.
     *
     * @throws ConvaiException the {@code ApiException} of an error status, or the failure to read a 2xx body
     */
    final RawResponse<T> complete(Attempt attempt, HttpResponse response, long startNanos) {
        HttpResponse counted = attempt.received(response);
        lastStatus = response.statusCode();
        context.logger.responseHeaders(call, attempt, response);
        try {
            RawResponse<T> value = read(attempt, counted, startNanos);
            attemptEnded(attempt, null, startNanos);
            return value;
        } catch (ConvaiException e) {
            attemptEnded(attempt, e, startNanos);
            throw e;
        }
    }

    private RawResponse<T> read(Attempt attempt, HttpResponse response, long startNanos) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw context.errors.read(call, decodedError(response));
        }
        try {
            response = decoded(response);
        } catch (DecodingException e) {
            closeQuietly(response);
            throw e;
        }
        HttpResponse logged = context.logger.tap(call, response);
        ResponseContext responseContext = new ResponseContext(call.describe(), response,
                e -> context.failures.map(e, call, attempt, deadline), context, openedAt);
        boolean handedOver = false;
        try {
            T value = handler.handle(logged, responseContext);
            handedOver = handler.keepsResponseOpen();
            return new RawResponse<>(status, response.headers(), value);
        } catch (JsonProcessingException e) {
            throw decodingFailure(response, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw context.failures.map(e, call, attempt, deadline);
        } catch (ConvaiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw decodingFailure(response, e.toString(), e);
        } finally {
            if (!handedOver) {
                closeQuietly(logged);
            }
        }
    }

    /** Maps a transport failure onto the client's exceptions, and tells the listeners the attempt ended. */
    final ConvaiException failed(Attempt attempt, IOException failure, long startNanos) {
        ConvaiException mapped = context.failures.map(failure, call, attempt, deadline);
        attemptEnded(attempt, mapped, startNanos);
        return mapped;
    }

    /** Decides whether to retry after attempt {@code attempt} failed, and tells the listeners. */
    final RetryDecider.Decision decide(Attempt attempt, ConvaiException failure) {
        RetryDecider.Decision decision = decider.decide(attempt.number(), failure);
        if (decision.retry()) {
            AttemptInfo failed = lastAttempt;
            if (info != null && failed != null) {
                listeners.retryScheduled(failed, retryReason(failure), decision.delay);
            }
        } else {
            stopped = decision;
        }
        return decision;
    }

    private void attemptEnded(Attempt attempt, ConvaiException failure, long startNanos) {
        if (info == null) {
            return;
        }
        AttemptInfo ended = new AttemptInfo(info, attempt.number(), attempt.status(), failure,
                Duration.ofNanos(context.nanoTime.getAsLong() - startNanos), attempt.requestBodyBytes(),
                attempt.responseBodyBytes(), attempt.requestId());
        lastAttempt = ended;
        listeners.attemptEnded(ended);
    }

    private static String retryReason(ConvaiException failure) {
        if (failure instanceof ApiException) {
            ApiException api = (ApiException) failure;
            return "HTTP " + api.statusCode() + (api.retryAfter() != null ? ", Retry-After" : "");
        }
        return failure.getClass().getSimpleName();
    }

    private DecodingException decodingFailure(HttpResponse response, String detail, Exception cause) {
        String requestId = ApiError.requestIdOf(response.headers());
        String shown = detail == null ? "" : detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
        return new DecodingException("Could not read the response of " + call.describe() + " ("
                + response.statusCode() + ", " + response.headers().first("Content-Type")
                + (requestId != null ? ", request-id " + requestId : "") + "): "
                + context.redactor.text(shown), response.statusCode(), requestId, cause);
    }

    private HttpResponse decoded(HttpResponse response) {
        long maxInflatedSize = call.maxInflatedSize();
        return maxInflatedSize < 0 ? response : ContentDecoding.decode(response, call.describe(), maxInflatedSize);
    }

    /** An error body decoded if it can be; the status is what matters, so an unknown coding is left as is. */
    private HttpResponse decodedError(HttpResponse response) {
        try {
            return decoded(response);
        } catch (DecodingException unknownCoding) {
            return response;
        }
    }

    static void closeQuietly(HttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // Releasing the connection failed; the transport will discard it.
        }
    }

    /** The call as listeners see it; the path is masked only if someone asks for it. */
    static final class Info implements CallInfo {
        private final PreparedCall call;
        private final ClientContext context;
        private final long startNanos;
        private volatile String path;

        Info(PreparedCall call, ClientContext context, long startNanos) {
            this.call = call;
            this.context = context;
            this.startNanos = startNanos;
        }

        @Override
        public String operation() {
            return call.label();
        }

        @Override
        public HttpMethod method() {
            return call.method();
        }

        @Override
        public String path() {
            String p = path;
            if (p == null) {
                p = context.logger.pathOf(call.request());
                path = p;
            }
            return p;
        }

        @Override
        public int maxAttempts() {
            return call.maxAttempts();
        }

        @Override
        public long startNanos() {
            return startNanos;
        }

        @Override
        public String toString() {
            return operation() + " " + method() + " " + path();
        }
    }
}
