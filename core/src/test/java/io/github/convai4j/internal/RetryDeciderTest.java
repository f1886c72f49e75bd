package io.github.convai4j.internal;

import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.errors.ApiError;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.ConnectionFailedException;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.errors.ConvaiIOException;
import io.github.convai4j.errors.ConvaiTimeoutException.Kind;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.errors.DecodingException;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RetryDeciderTest {

    private final AtomicLong now = new AtomicLong();

    private RetryDecider decider(HttpMethod method, boolean repeatable, Duration deadline) {
        return new RetryDecider(RetryPolicy.defaults(), method, repeatable, Deadline.after(deadline, now::get), () -> 0.5);
    }

    private RetryDecider decider() {
        return decider(HttpMethod.POST, true, Duration.ZERO);
    }

    private static ApiException api(int status, String... headers) {
        Duration retryAfter = RetryAfter.parse(Headers.of(headers), java.time.Clock.systemUTC());
        return ApiException.of(ApiError.parse(status, Headers.of(headers), "", false, retryAfter, "op"));
    }

    @ParameterizedTest(name = "status {0} is retried")
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
    void retryableStatuses(int status) {
        assertThat(decider().decide(1, api(status)).retry()).isTrue();
    }

    @ParameterizedTest(name = "status {0} is not retried")
    @ValueSource(ints = {300, 400, 401, 403, 404, 409, 410, 422})
    void nonRetryableStatuses(int status) {
        RetryDecider.Decision decision = decider().decide(1, api(status));
        assertThat(decision.retry()).isFalse();
        assertThat(decision.failure).isInstanceOf(ApiException.class);
    }

    @Test
    void backoffIsUsedWhenTheServerDoesNotSay() {
        // random 0.5: halfway between half and all of 500 ms, 1 s, 2 s, ...
        assertThat(decider().decide(1, api(503)).delay).isEqualTo(Duration.ofMillis(375));
        assertThat(decider().decide(2, api(503)).delay).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void retryAfterIsHonouredExactly() {
        assertThat(decider().decide(1, api(429, "Retry-After", "1")).delay).isEqualTo(Duration.ofSeconds(1));
        assertThat(decider().decide(1, api(503, "retry-after-ms", "20")).delay).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void retryAfterAboveTheCapFailsAtOnceCarryingTheServerValue() {
        RetryDecider.Decision decision = decider().decide(1, api(429, "Retry-After", "61"));

        assertThat(decision.retry()).isFalse();
        assertThat(((ApiException) decision.failure).retryAfter()).isEqualTo(Duration.ofSeconds(61));
        assertThat(decision.reason).contains("cap");
    }

    @Test
    void noRetryAfterMaxRetries() {
        assertThat(decider().decide(2, api(503)).retry()).isTrue();
        assertThat(decider().decide(3, api(503)).retry()).isFalse();
    }

    @Test
    void nonRepeatableBodyIsNeverResent() {
        RetryDecider.Decision decision = decider(HttpMethod.POST, false, Duration.ZERO).decide(1, api(503));
        assertThat(decision.retry()).isFalse();
        assertThat(decision.reason).contains("only once");
    }

    @Test
    void waitPastTheDeadlineIsNotStartedAndTheFailureSaysWhy() {
        RetryDecider decider = decider(HttpMethod.GET, true, Duration.ofSeconds(2));
        now.addAndGet(Duration.ofMillis(1500).toNanos());

        ApiException failure = api(429, "Retry-After", "1");
        RetryDecider.Decision decision = decider.decide(1, failure);

        assertThat(decision.retry()).isFalse();
        assertThat(decision.failure).isSameAs(failure);
        assertThat(failure.getSuppressed()).singleElement()
                .isInstanceOfSatisfying(ConvaiTimeoutException.class, t -> assertThat(t.kind()).isEqualTo(Kind.DEADLINE));
    }

    @Test
    void connectFailuresAreRetriedForAnyMethod() {
        ConvaiException refused = new ConnectionFailedException("refused", null);
        ConvaiException connectTimeout = new ConvaiTimeoutException(Kind.CONNECT, Duration.ofSeconds(1), "t", null);
        assertThat(decider(HttpMethod.POST, true, Duration.ZERO).decide(1, refused).retry()).isTrue();
        assertThat(decider(HttpMethod.PATCH, true, Duration.ZERO).decide(1, connectTimeout).retry()).isTrue();
    }

    @Test
    void failuresAfterSendingAreRetriedOnlyForIdempotentMethods() {
        ConvaiException reset = new ConvaiIOException("reset", null);
        ConvaiException readTimeout = new ConvaiTimeoutException(Kind.READ, Duration.ofSeconds(1), "t", null);
        for (HttpMethod idempotent : new HttpMethod[] {HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.HEAD}) {
            assertThat(decider(idempotent, true, Duration.ZERO).decide(1, reset).retry()).isTrue();
            assertThat(decider(idempotent, true, Duration.ZERO).decide(1, readTimeout).retry()).isTrue();
        }
        for (HttpMethod unsafe : new HttpMethod[] {HttpMethod.POST, HttpMethod.PATCH}) {
            assertThat(decider(unsafe, true, Duration.ZERO).decide(1, reset).retry()).isFalse();
            assertThat(decider(unsafe, true, Duration.ZERO).decide(1, readTimeout).retry()).isFalse();
        }
    }

    @Test
    void deadlineTimeoutsAndDecodingFailuresAreNeverRetried() {
        assertThat(decider(HttpMethod.GET, true, Duration.ZERO)
                .decide(1, new ConvaiTimeoutException(Kind.DEADLINE, Duration.ofSeconds(1), "t", null)).retry()).isFalse();
        assertThat(decider(HttpMethod.GET, true, Duration.ZERO)
                .decide(1, new DecodingException("bad", 200, null, null)).retry()).isFalse();
    }
}
