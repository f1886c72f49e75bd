package io.github.convai4j.internal;

import io.github.convai4j.core.AttemptInfo;
import io.github.convai4j.core.CallInfo;
import io.github.convai4j.core.CallResult;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Logs every attempt of every call to the SLF4J logger {@value #LOGGER_NAME}:
 * <ul>
 *   <li>DEBUG: one line per attempt with operation, method, path, status (or failure), duration, attempt
 *       number and request id, and a line for each retry decision. These lines are written from the events
 *       every {@link io.github.convai4j.core.CallListener} gets: this is the client's first listener;</li>
 *   <li>TRACE: also the headers (credential headers masked by name, and the key and credential URL
 *       parameters under any name) and the bodies, cut at {@value #MAX_BODY_LOG} bytes,
 *       with secrets masked (see {@link Redactor}). A response body is logged as the caller reads it, never
 *       read ahead. Binary bodies and the bodies of requests marked sensitive are never logged.</li>
 * </ul>
 * The API key, signed-URL tokens and secret values never appear, at any level.
 */
final class ExchangeLogger {

    static final String LOGGER_NAME = "io.github.convai4j.client";
    static final int MAX_BODY_LOG = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final Redactor redactor;

    ExchangeLogger(Redactor redactor) {
        this.redactor = redactor;
    }

    void sending(PreparedCall call, Attempt attempt) {
        if (!LOG.isTraceEnabled()) {
            return;
        }
        HttpRequest request = attempt.request();
        LOG.trace("{} attempt {}: {} {} {}\n{}", call.label(), attempt.number(), request.method(),
                redactor.text(request.redactedUri()), headers(request.headers()), requestBody(call, request.body()));
    }

    boolean debugEnabled() {
        return LOG.isDebugEnabled();
    }

    void responseHeaders(PreparedCall call, Attempt attempt, HttpResponse response) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} attempt {} response headers: {}", call.label(), attempt.number(), headers(response.headers()));
        }
    }

    /** The DEBUG line of an attempt: its status, or its failure. */
    void attemptEnded(AttemptInfo attempt) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        CallInfo call = attempt.call();
        ConvaiException failure = attempt.failure();
        if (attempt.statusCode() >= 0 && (failure == null || failure instanceof ApiException)) {
            String requestId = attempt.requestId();
            LOG.debug("{} {} {} -> {} in {} ms (attempt {}/{}{})", call.operation(), call.method(), call.path(),
                    attempt.statusCode(), attempt.duration().toMillis(), attempt.number(), call.maxAttempts(),
                    requestId == null ? "" : ", request-id " + redactor.text(requestId));
        } else {
            LOG.debug("{} {} {} -> {}failed in {} ms (attempt {}/{}): {}", call.operation(), call.method(),
                    call.path(), attempt.statusCode() >= 0 ? attempt.statusCode() + ", " : "",
                    attempt.duration().toMillis(), attempt.number(), call.maxAttempts(),
                    redactor.text(failure.getMessage()));
        }
    }

    void retryScheduled(AttemptInfo failedAttempt, String reason, Duration delay) {
        LOG.debug("{}: retrying in {} ms after {} (attempt {} of {} failed)", failedAttempt.call().operation(),
                delay.toMillis(), reason, failedAttempt.number(), failedAttempt.call().maxAttempts());
    }

    void callEnded(CallResult result) {
        // A first attempt failing with, say, a 404 needs no second line; a retry stopped for a reason does.
        if (result.notRetriedReason() != null && (result.attempts() > 1 || result.failureRetryable())) {
            LOG.debug("{}: not retried after attempt {}: {}", result.call().operation(), result.attempts(),
                    result.notRetriedReason());
        }
    }

    void errorBody(PreparedCall call, int status, String body, boolean truncated, String contentType) {
        if (!LOG.isTraceEnabled()) {
            return;
        }
        String shown;
        if (call.isSensitive()) {
            shown = "(body of a sensitive request, not logged)";
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            int length = Math.min(bytes.length, MAX_BODY_LOG);
            shown = describeBody(bytes, length, bytes.length, !truncated && length == bytes.length, contentType,
                    status == 422);
        }
        LOG.trace("{} error response body ({}): {}", call.label(), status, shown);
    }

    /**
     * Returns the response to hand to the response handler: at TRACE, with a body that logs its first bytes
     * once the handler has read them; otherwise the response itself.
     */
    HttpResponse tap(PreparedCall call, HttpResponse response) {
        if (!LOG.isTraceEnabled()) {
            return response;
        }
        String contentType = response.headers().first("Content-Type");
        if (call.isSensitive()) {
            LOG.trace("{} response body: (sensitive, not logged)", call.label());
            return response;
        }
        if (!isTextual(contentType)) {
            LOG.trace("{} response body: ({}, not logged)", call.label(),
                    contentType == null ? "no content type" : "binary " + contentType);
            return response;
        }
        BodyTap tapped = new BodyTap(response.body(), MAX_BODY_LOG, (bytes, length, total, complete) ->
                LOG.trace("{} response body ({} bytes{}): {}", call.label(), total, complete ? "" : ", not read to the end",
                        describeBody(bytes, length, total, complete && total == length, contentType, false)));
        return new HttpResponse(response.statusCode(), response.headers(), tapped);
    }

    /**
     * Headers for the log: credential headers masked by name ({@link Headers#toString()}), and then the
     * whole text through the redactor, so that the key under any other name (a custom header, an echo of
     * the server) and credential parameters in URL-valued headers ({@code Location}) are masked too.
     */
    private String headers(Headers headers) {
        return redactor.text(headers.toString());
    }

    private String requestBody(PreparedCall call, RequestBody body) {
        if (body == null) {
            return "(no body)";
        }
        if (call.isSensitive()) {
            return "(body of a sensitive request, not logged)";
        }
        byte[] json = call.jsonBytes();
        if (json != null) {
            int length = Math.min(json.length, MAX_BODY_LOG);
            return describeBody(json, length, json.length, length == json.length, "application/json", false);
        }
        if (call.isMultipart()) {
            // MultipartBody's: part names, file names and sizes; never part contents. A caller's own body's
            // toString is never trusted. Asked of the call, not of the body's class: see ApiRequest.isMultipart.
            return body.toString();
        }
        return "(" + body.contentType() + ", " + body.contentLength() + " bytes, not logged)";
    }

    private String describeBody(byte[] bytes, int length, long total, boolean complete, String contentType,
            boolean maskInput) {
        if (length == 0) {
            return "(empty)";
        }
        String shown;
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            shown = redactor.json(bytes, length, maskInput);
        } else {
            shown = redactor.text(new String(bytes, 0, length, StandardCharsets.UTF_8));
        }
        return complete ? shown : shown + " [cut at " + length + " of " + (total < 0 ? "?" : total) + " bytes]";
    }

    static boolean isTextual(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.contains("json") || type.startsWith("text/") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    /** The path and query of a request, credential parameters masked, without scheme and host. */
    String pathOf(HttpRequest request) {
        String url = request.redactedUri();
        int authority = url.indexOf("://");
        int path = authority < 0 ? -1 : url.indexOf('/', authority + 3);
        return redactor.text(path < 0 ? url : url.substring(path));
    }

}
