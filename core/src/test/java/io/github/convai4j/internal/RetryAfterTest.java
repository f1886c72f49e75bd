package io.github.convai4j.internal;

import io.github.convai4j.http.Headers;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-08-22T10:00:00Z"), ZoneOffset.UTC);

    private static Duration parse(String... headers) {
        return RetryAfter.parse(Headers.of(headers), NOW);
    }

    @Test
    void secondsAreRead() {
        assertThat(parse("Retry-After", "1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(parse("retry-after", " 120 ")).isEqualTo(Duration.ofSeconds(120));
        assertThat(parse("Retry-After", "0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void fractionalSecondsAreRoundedUpToTheMillisecond() {
        assertThat(parse("Retry-After", "1.5")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void httpDateIsReadRelativeToNow() {
        assertThat(parse("Retry-After", "Sat, 22 Aug 2026 10:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void httpDateInThePastMeansNoWait() {
        assertThat(parse("Retry-After", "Sat, 22 Aug 2026 09:59:00 GMT")).isEqualTo(Duration.ZERO);
    }

    @Test
    void obsoleteRfc850DateIsRead() {
        assertThat(parse("Retry-After", "Saturday, 22-Aug-26 10:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rfc850TwoDigitYearMoreThanFiftyYearsAheadIsInThePast() {
        // Now is 2026: "76" is 2076, fifty years ahead; "77" would be 51 years ahead, so it is 1977.
        assertThat(RetryAfter.parseHttpDate("Saturday, 22-Aug-76 10:00:00 GMT", NOW))
                .isEqualTo(Instant.parse("2076-08-22T10:00:00Z"));
        assertThat(RetryAfter.parseHttpDate("Monday, 22-Aug-77 10:00:00 GMT", NOW))
                .isEqualTo(Instant.parse("1977-08-22T10:00:00Z"));
        assertThat(parse("Retry-After", "Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(Duration.ZERO);
    }

    @Test
    void asctimeDateIsRead() {
        assertThat(parse("Retry-After", "Sat Aug 22 10:00:30 2026")).isEqualTo(Duration.ofSeconds(30));
        // The day of the month is padded with a space.
        assertThat(parse("Retry-After", "Tue Sep  1 10:00:00 2026")).isEqualTo(Duration.ofDays(10));
        assertThat(RetryAfter.parseHttpDate("Sun Nov  6 08:49:37 1994", NOW)).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
    }

    @Test
    void theThreeFormatsOfOneInstantAgree() {
        Instant expected = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(RetryAfter.parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).isEqualTo(expected);
        assertThat(RetryAfter.parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).isEqualTo(expected);
        assertThat(RetryAfter.parseHttpDate("Sun Nov  6 08:49:37 1994", NOW)).isEqualTo(expected);
    }

    @Test
    void malformedDatesAreAbsent() {
        assertThat(parse("Retry-After", "Sunday, 06-Nov-1994 08:49:37 GMT")).isNull(); // four digits in RFC 850
        assertThat(parse("Retry-After", "Sun Nov 6 08:49:37 1994")).isNull();          // day not padded
        assertThat(parse("Retry-After", "Saturday, 22-Aug-26 10:00:30 PST")).isNull();  // not GMT
        assertThat(parse("Retry-After", "Mon, 22 Aug 2026 10:00:30 GMT")).isNull();     // wrong weekday
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        assertThat(parse("Retry-After", "10", "retry-after-ms", "250")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void negativeValuesMeanNoWait() {
        assertThat(parse("Retry-After", "-5")).isEqualTo(Duration.ZERO);
    }

    @Test
    void unreadableOrMissingValuesAreAbsent() {
        assertThat(parse()).isNull();
        assertThat(parse("Retry-After", "soon")).isNull();
        assertThat(parse("Retry-After", "NaN")).isNull();
        assertThat(parse("Retry-After", "")).isNull();
    }

    @Test
    void hugeValuesDoNotOverflow() {
        assertThat(parse("Retry-After", "1e300")).isGreaterThan(Duration.ofDays(365));
    }
}
