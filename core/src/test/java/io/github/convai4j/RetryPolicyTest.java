package io.github.convai4j;

import io.github.convai4j.core.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.defaults();

    @Test
    void defaultsAreDocumentedValues() {
        assertThat(policy.maxRetries()).isEqualTo(2);
        assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void backoffDoublesPerRetryWithinHalfToAllOfTheBase() {
        Duration[] bases = {Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8)};
        for (int retry = 1; retry <= bases.length; retry++) {
            Duration base = bases[retry - 1];
            assertThat(policy.backoff(retry, 0.0)).as("retry %d, lowest", retry).isEqualTo(base.dividedBy(2));
            assertThat(policy.backoff(retry, 0.999999)).as("retry %d, highest", retry)
                    .isLessThanOrEqualTo(base).isGreaterThan(base.multipliedBy(99).dividedBy(100));
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        assertThat(policy.backoff(2, 0.1)).isNotEqualTo(policy.backoff(2, 0.9));
        assertThat(policy.backoff(2, 0.25)).isEqualTo(Duration.ofMillis(625));
    }

    @Test
    void backoffNeverOverflowsForLargeRetryNumbers() {
        assertThat(policy.backoff(10_000, 0.5)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> policy.backoff(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noneNeverRetries() {
        assertThat(RetryPolicy.none().maxRetries()).isZero();
        assertThat(policy.toBuilder().build()).isEqualTo(policy);
    }
}
