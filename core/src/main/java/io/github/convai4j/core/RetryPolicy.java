package io.github.convai4j.core;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to wait before the client sends a failed request again.
 *
 * <p><b>What is retried</b> (the same for sync and async calls, and the same statuses as the official
 * ElevenLabs SDKs retry):
 * <ul>
 *   <li>Responses with status 408, 429 or 5xx, whatever the method: the server says the request can
 *       be tried again.</li>
 *   <li>Failures to connect (refused, unknown host, connect timeout), whatever the method: nothing was sent.</li>
 *   <li>Failures after the request may have reached the server (connection reset, closed early, read or
 *       attempt timeout) only for {@code GET}, {@code HEAD}, {@code PUT} and {@code DELETE}, which are
 *       idempotent; a {@code POST} or {@code PATCH} may already have taken effect, so it is not sent twice.</li>
 * </ul>
 * Never retried: 409 Conflict (the resource's state refused the request, e.g. a name already taken;
 * sending the same request again gets the same answer, and the official SDKs do not retry it either); a
 * request whose body cannot be sent twice (one read from an {@code InputStream}); any attempt past
 * {@link #maxRetries()}; a wait that would end past the call's overall deadline; other statuses; responses
 * that cannot be decoded.
 *
 * <p><b>How long to wait</b>: if the response says ({@code retry-after-ms}, else {@code Retry-After} in
 * seconds or as an HTTP date), exactly that, as long as it is at most {@link #maxRetryAfter()} (60 s by
 * default, the longest the official SDK waits). A longer wait is not attempted: the call fails at once with
 * the exception of the status ({@code RateLimitException} for a 429, {@code ServerException} for a 5xx), whose
 * {@code retryAfter()} carries the server's value. Failing rather than waiting only the cap (and then being
 * refused again) or falling back to a short backoff (and hammering a server that asked for quiet) leaves the
 * choice to the caller, who knows whether the call may wait that long; raise the cap to let the client wait.
 * Otherwise exponential backoff with jitter: before retry {@code n} (1-based) the client
 * waits a random time between half and all of {@code min(initialBackoff * 2^(n-1), maxBackoff)}; the
 * randomness spreads out clients that failed together.
 *
 * <p>Defaults: {@value #DEFAULT_MAX_RETRIES} retries, initial backoff 500 ms, maximum backoff 8 s, cap on
 * a server-requested wait 60 s. They keep a call that meets a brief outage or rate limit alive for a few
 * seconds without hiding a real outage for minutes.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {

    /** Default number of retries after the first attempt: {@value}. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** Default backoff before the first retry: 500 ms. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    /** Default upper bound of the exponential backoff: 8 s. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);
    /** Default cap on a wait the server asks for with {@code Retry-After}: 60 s. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxRetries(0).build();

    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;

    RetryPolicy(Builder b) {
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxRetryAfter = b.maxRetryAfter;
    }

    /**
     * Returns the policy with every default.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a policy that never retries.
     *
     * @return the policy with {@code maxRetries} 0
     */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * Returns a builder holding the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns how many times a failed request is sent again.
     *
     * @return the number of retries; 0 means one attempt only
     */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * Returns the backoff before the first retry, before jitter.
     *
     * @return the initial backoff
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * Returns the upper bound of the exponential backoff, before jitter.
     *
     * @return the maximum backoff
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * Returns the longest server-requested wait ({@code Retry-After}) the client will honour.
     *
     * @return the cap
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * Returns the backoff before a retry when the server did not say how long to wait: a time between
     * half and all of {@code min(initialBackoff * 2^(retry-1), maxBackoff)}.
     *
     * @param retry which retry, 1 for the first
     * @param random a number in {@code [0, 1)} that picks the point in the range
     * @return the wait
     */
    public Duration backoff(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1, was " + retry);
        }
        long ceiling = maxBackoff.toNanos();
        long base = initialBackoff.toNanos();
        for (int i = 1; i < retry && base < ceiling; i++) {
            base = base > ceiling / 2 ? ceiling : base * 2;
        }
        base = Math.min(base, ceiling);
        long jittered = base / 2 + (long) ((base - base / 2) * Math.max(0.0, Math.min(random, 1.0)));
        return Duration.ofNanos(jittered);
    }

    /**
     * Returns a builder holding this policy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder().maxRetries(maxRetries).initialBackoff(initialBackoff).maxBackoff(maxBackoff)
                .maxRetryAfter(maxRetryAfter);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RetryPolicy)) {
            return false;
        }
        RetryPolicy other = (RetryPolicy) o;
        return maxRetries == other.maxRetries && initialBackoff.equals(other.initialBackoff)
                && maxBackoff.equals(other.maxBackoff) && maxRetryAfter.equals(other.maxRetryAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRetries, initialBackoff, maxBackoff, maxRetryAfter);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + "]";
    }

    /** Builds a {@link RetryPolicy}. Not thread-safe. */
    public static final class Builder {
        int maxRetries = DEFAULT_MAX_RETRIES;
        Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

        Builder() {
        }

        /**
         * Sets how many times a failed request is sent again. Default: {@value #DEFAULT_MAX_RETRIES}.
         *
         * @param maxRetries 0 (no retries) or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Sets the backoff before the first retry. Default: 500 ms.
         *
         * @param backoff zero or more
         * @return this builder
         */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = nonNegative(backoff, "initialBackoff");
            return this;
        }

        /**
         * Sets the upper bound of the exponential backoff. Default: 8 s.
         *
         * @param backoff zero or more
         * @return this builder
         */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = nonNegative(backoff, "maxBackoff");
            return this;
        }

        /**
         * Sets the longest server-requested wait ({@code Retry-After}, {@code retry-after-ms}) the client
         * honours; a response asking for longer fails the call at once with its exception, whose
         * {@code retryAfter()} carries the asked wait. Default: 60 s.
         *
         * @param cap zero or more
         * @return this builder
         */
        public Builder maxRetryAfter(Duration cap) {
            this.maxRetryAfter = nonNegative(cap, "maxRetryAfter");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException if the initial backoff exceeds the maximum
         */
        public RetryPolicy build() {
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalArgumentException("initialBackoff (" + initialBackoff + ") must not exceed maxBackoff ("
                        + maxBackoff + ")");
            }
            return new RetryPolicy(this);
        }

        static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return d;
        }
    }
}
