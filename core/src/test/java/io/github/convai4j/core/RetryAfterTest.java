package io.github.convai4j.core;

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
