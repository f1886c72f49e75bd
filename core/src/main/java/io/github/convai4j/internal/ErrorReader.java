package io.github.convai4j.internal;

import io.github.convai4j.errors.ApiError;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.DecodingException;
import io.github.convai4j.http.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Reads an error response (any status but 2xx) into the {@link ApiException} that fits it. The body is
 * read up to {@value #MAX_ERROR_BODY} bytes, so a huge or endless error page cannot exhaust memory; the
 * API key is masked out of it before anyone sees it.
 */
final class ErrorReader {

    static final int MAX_ERROR_BODY = 64 * 1024;

    private final Redactor redactor;
    private final ExchangeLogger logger;
    private final Clock clock;

    ErrorReader(Redactor redactor, ExchangeLogger logger, Clock clock) {
        this.redactor = redactor;
        this.logger = logger;
        this.clock = clock;
    }

    ApiException read(PreparedCall call, HttpResponse response) {
        byte[] buffer = new byte[MAX_ERROR_BODY + 1];
        int length = 0;
        boolean truncated = false;
        try (InputStream body = response.body()) {
            int n;
            while (length < buffer.length && (n = body.read(buffer, length, buffer.length - length)) >= 0) {
                length += n;
            }
        } catch (IOException | DecodingException partlyRead) {
            // (A DecodingException: the body was compressed, and is corrupt or inflates past the limit.)
            // The status says what happened; keep what arrived of the explanation.
            truncated = true;
        }
        if (length > MAX_ERROR_BODY) {
            length = MAX_ERROR_BODY;
            truncated = true;
        }
        // The key, and credential parameters of URLs the server echoes (a signed URL's token), are masked out.
        String body = redactor.text(new String(buffer, 0, length, StandardCharsets.UTF_8));
        Duration retryAfter = RetryAfter.parse(response.headers(), clock);
        ApiError error = ApiError.parse(response.statusCode(), response.headers(), body, truncated, retryAfter,
                call.describe());
        logger.errorBody(call, response.statusCode(), body, truncated, response.headers().first("Content-Type"));
        return ApiException.of(error);
    }
}
