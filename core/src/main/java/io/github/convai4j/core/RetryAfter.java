package io.github.convai4j.core;

import io.github.convai4j.http.Headers;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads how long a response asks the client to wait: {@code retry-after-ms} (milliseconds, a de-facto
 * extension) if present, else {@code Retry-After} as delay-seconds or as an HTTP date (RFC 9110 10.2.3).
 * An unreadable value counts as absent; a date in the past as zero.
 */
final class RetryAfter {

    private RetryAfter() {
    }

    static Duration parse(Headers headers, Clock clock) {
        Duration millis = number(headers.first("retry-after-ms"), 1);
        if (millis != null) {
            return millis;
        }
        String retryAfter = headers.first("Retry-After");
        if (retryAfter == null) {
            return null;
        }
        Duration seconds = number(retryAfter, 1000);
        return seconds != null ? seconds : httpDate(retryAfter.trim(), clock);
    }

    private static Duration number(String value, long millisPerUnit) {
        if (value == null) {
            return null;
        }
        try {
            double amount = Double.parseDouble(value.trim());
            if (Double.isNaN(amount) || Double.isInfinite(amount)) {
                return null;
            }
            // Clamp absurd values instead of overflowing; anything this long is past any cap anyway.
            double millis = Math.min(Math.max(amount * millisPerUnit, 0), (double) Long.MAX_VALUE / 1_000_000);
            return Duration.ofMillis((long) Math.ceil(millis));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Duration httpDate(String value, Clock clock) {
        try {
            ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), when.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
