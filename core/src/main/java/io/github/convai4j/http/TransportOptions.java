package io.github.convai4j.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection settings a {@link TransportProvider} builds a transport with. Every value has a default,
 * written next to its setter. Per-request timeouts in {@link HttpRequest} override the timeouts here.
 *
 * <p>Immutable and thread-safe.
 */
public final class TransportOptions {

    /** Default connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default read (idle) timeout: 60 seconds, enough for the slowest documented endpoints. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Default total timeout: none ({@link Duration#ZERO}); core sets one per attempt. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ZERO;
    /** Default maximum of open connections per host: 64. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_HOST = 64;
    /** Default time a pooled connection may stay idle before it is closed: 30 seconds. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final TransportOptions DEFAULTS = builder().build();

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeout;
    private final int maxConnectionsPerHost;
    private final Duration idleTimeout;

    TransportOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.totalTimeout = b.totalTimeout;
        this.maxConnectionsPerHost = b.maxConnectionsPerHost;
        this.idleTimeout = b.idleTimeout;
    }

    /**
     * Returns the options with every default.
     *
     * @return default options
     */
    public static TransportOptions defaults() {
        return DEFAULTS;
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
     * Returns the connect timeout (TCP connect and TLS handshake).
     *
     * @return the timeout; zero means none
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns the read timeout: the longest wait for the next response byte.
     *
     * @return the timeout; zero means none
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Returns the total timeout of one exchange, until its response body is read or closed.
     *
     * @return the timeout; zero means none
     */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /**
     * Returns the maximum number of connections open to one host at a time; further requests wait for a
     * connection (their timeouts keep running).
     *
     * @return the limit
     */
    public int maxConnectionsPerHost() {
        return maxConnectionsPerHost;
    }

    /**
     * Returns how long an idle pooled connection is kept for reuse.
     *
     * @return the idle time
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Returns a builder holding these options.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .totalTimeout(totalTimeout)
                .maxConnectionsPerHost(maxConnectionsPerHost)
                .idleTimeout(idleTimeout);
    }

    @Override
    public String toString() {
        return "TransportOptions[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", totalTimeout=" + totalTimeout + ", maxConnectionsPerHost=" + maxConnectionsPerHost
                + ", idleTimeout=" + idleTimeout + "]";
    }

    /** Builds {@link TransportOptions}. Not thread-safe. */
    public static final class Builder {
        Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        Duration readTimeout = DEFAULT_READ_TIMEOUT;
        Duration totalTimeout = DEFAULT_TOTAL_TIMEOUT;
        int maxConnectionsPerHost = DEFAULT_MAX_CONNECTIONS_PER_HOST;
        Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

        Builder() {
        }

        /**
         * Sets the connect timeout. Default: {@link #DEFAULT_CONNECT_TIMEOUT} (10 s).
         *
         * @param timeout the timeout; zero for none
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = nonNegative(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the read (idle) timeout. Default: {@link #DEFAULT_READ_TIMEOUT} (60 s).
         *
         * @param timeout the timeout; zero for none
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = nonNegative(timeout, "readTimeout");
            return this;
        }

        /**
         * Sets the total timeout of one exchange. Default: none.
         *
         * @param timeout the timeout; zero for none
         * @return this builder
         */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = nonNegative(timeout, "totalTimeout");
            return this;
        }

        /**
         * Sets the maximum of open connections per host. Default:
         * {@link #DEFAULT_MAX_CONNECTIONS_PER_HOST} (64).
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxConnectionsPerHost(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnectionsPerHost must be at least 1, was " + max);
            }
            this.maxConnectionsPerHost = max;
            return this;
        }

        /**
         * Sets how long an idle pooled connection is kept. Default: {@link #DEFAULT_IDLE_TIMEOUT} (30 s).
         *
         * @param timeout the idle time; zero closes connections as soon as they are idle
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = nonNegative(timeout, "idleTimeout");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public TransportOptions build() {
            return new TransportOptions(this);
        }

        static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative (use Duration.ZERO for no limit)");
            }
            return d;
        }
    }
}
