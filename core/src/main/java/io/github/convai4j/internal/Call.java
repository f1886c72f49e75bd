package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.errors.ApiError;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.errors.DecodingException;
import io.github.convai4j.http.HttpResponse;

import java.io.IOException;

/**
 * One call of an operation, through all its attempts: what sync and async calls share. An attempt either
 * yields the call's result ({@link #complete}) or a failure, after which {@link #decide} says whether to
 * try again. {@link SyncCall} and {@link AsyncCall} differ only in how they wait.
 *
 * @param <T> the value type
 */
abstract class Call<T> {

    final ClientContext context;
    final PreparedCall call;
    final ResponseHandler<T> handler;
    final Deadline deadline;
    private final RetryDecider decider;

    Call(ClientContext context, PreparedCall call, ResponseHandler<T> handler) {
        this.context = context;
        this.call = call;
        this.handler = handler;
        this.deadline = Deadline.after(call.timeout(), context.nanoTime);
        this.decider = new RetryDecider(call.retryPolicy(), call.method(), call.isBodyRepeatable(), deadline,
                context.random);
    }

    /**
     * Turns the response of an attempt into the call's result.
     *
     * @throws ConvaiException the {@code ApiException} of an error status, or the failure to read a 2xx body
     */
    final RawResponse<T> complete(Attempt attempt, HttpResponse response, long startNanos) {
        context.logger.responded(call, attempt, response, context.nanoTime.getAsLong() - startNanos);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw context.errors.read(call, decodedError(response));
        }
        try {
            response = decoded(response);
        } catch (DecodingException e) {
            closeQuietly(response);
            context.logger.failed(call, attempt, e, context.nanoTime.getAsLong() - startNanos);
            throw e;
        }
        HttpResponse logged = context.logger.tap(call, response);
        ResponseContext responseContext = new ResponseContext(call.describe(), response,
                e -> context.failures.map(e, call, attempt, deadline));
        boolean handedOver = false;
        try {
            T value = handler.handle(logged, responseContext);
            handedOver = handler.keepsResponseOpen();
            return new RawResponse<>(status, response.headers(), value);
        } catch (JsonProcessingException e) {
            throw decodingFailure(attempt, response, e.getOriginalMessage(), e, startNanos);
        } catch (IOException e) {
            throw failed(attempt, e, startNanos);
        } catch (ConvaiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw decodingFailure(attempt, response, e.toString(), e, startNanos);
        } finally {
            if (!handedOver) {
                closeQuietly(logged);
            }
        }
    }

    /** Maps a transport failure onto the client's exceptions, and logs it. */
    final ConvaiException failed(Attempt attempt, IOException failure, long startNanos) {
        ConvaiException mapped = context.failures.map(failure, call, attempt, deadline);
        context.logger.failed(call, attempt, mapped, context.nanoTime.getAsLong() - startNanos);
        return mapped;
    }

    /** Decides whether to retry after attempt {@code attempt} failed, and logs the decision. */
    final RetryDecider.Decision decide(Attempt attempt, ConvaiException failure) {
        RetryDecider.Decision decision = decider.decide(attempt.number(), failure);
        if (decision.retry()) {
            context.logger.retrying(call, attempt, decision.delay);
        } else {
            context.logger.givingUp(call, attempt, decision);
        }
        return decision;
    }

    private DecodingException decodingFailure(Attempt attempt, HttpResponse response, String detail, Exception cause,
            long startNanos) {
        String requestId = ApiError.requestIdOf(response.headers());
        String shown = detail == null ? "" : detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
        DecodingException e = new DecodingException("Could not read the response of " + call.describe() + " ("
                + response.statusCode() + ", " + response.headers().first("Content-Type")
                + (requestId != null ? ", request-id " + requestId : "") + "): "
                + context.redactor.text(shown), response.statusCode(), requestId, cause);
        context.logger.failed(call, attempt, e, context.nanoTime.getAsLong() - startNanos);
        return e;
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
}
