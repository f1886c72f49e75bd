package io.github.convai4j.internal;

import io.github.convai4j.http.Headers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Reads how long a response asks the client to wait: {@code retry-after-ms} (milliseconds, a de-facto
 * extension) if present, else {@code Retry-After} as delay-seconds or as an HTTP date (RFC 9110 10.2.3),
 * in any of the three date formats a recipient must accept (RFC 9110 5.6.7). An unreadable value counts as
 * absent; a date in the past as zero.
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

    /**
     * An HTTP date in any of the three formats of RFC 9110 section 5.6.7, which a recipient must accept:
     * IMF-fixdate / RFC 1123 ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC 850
     * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994}).
     */
    private static Duration httpDate(String value, Clock clock) {
        Instant when = parseHttpDate(value, clock);
        if (when == null) {
            return null;
        }
        Duration wait = Duration.between(clock.instant(), when);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    static Instant parseHttpDate(String value, Clock clock) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notRfc1123) {
            // try the obsolete formats
        }
        try {
            return LocalDateTime.parse(value, ASCTIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notAsctime) {
            // try RFC 850
        }
        try {
            return LocalDateTime.parse(value, rfc850(clock)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** asctime: the day of the month padded with a space to two characters; the time zone is GMT. */
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
            .appendPattern("EEE MMM ppd HH:mm:ss uuuu")
            .toFormatter(Locale.US);

    /**
     * RFC 850, whose year has two digits: RFC 9110 says a year that would be more than 50 years in the
     * future is the most recent past year with those digits, so the century is chosen relative to now.
     */
    private static DateTimeFormatter rfc850(Clock clock) {
        int thisYear = clock.instant().atOffset(ZoneOffset.UTC).getYear();
        return new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, thisYear - 49)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US);
    }
}
