package io.github.convai4j.core;

import io.github.convai4j.http.Headers;
import io.github.convai4j.json.JsonValue;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings for one call, overriding the client's {@link io.github.convai4j.ClientOptions}: timeouts, retries, and extra
 * headers, query parameters and JSON body properties (for API features newer than this library).
 *
 * <p>Every value is unset by default, meaning "as the client is configured". Extras are applied last:
 * an extra header or query parameter replaces one of the same name the call would have sent, and an extra
 * body property replaces a top-level property of the same name in the JSON body.
 *
 * <p>Immutable and thread-safe. {@link #toString()} masks credential headers.
 */
public final class RequestOptions {

    private static final RequestOptions NONE = builder().build();

    private final Duration timeout;
    private final Duration attemptTimeout;
    private final Duration readTimeout;
    private final RetryPolicy retryPolicy;
    private final Integer maxRetries;
    private final Headers headers;
    private final List<Map.Entry<String, String>> queryParams;
    private final Map<String, JsonValue> bodyProperties;
    private final Boolean compression;

    RequestOptions(Builder b) {
        this.timeout = b.timeout;
        this.attemptTimeout = b.attemptTimeout;
        this.readTimeout = b.readTimeout;
        this.retryPolicy = b.retryPolicy;
        this.maxRetries = b.maxRetries;
        this.headers = b.headers.build();
        this.queryParams = Collections.unmodifiableList(new ArrayList<>(b.queryParams));
        this.bodyProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.bodyProperties));
        this.compression = b.compression;
    }

    /**
     * Returns options that change nothing.
     *
     * @return the empty options
     */
    public static RequestOptions none() {
        return NONE;
    }

    /**
     * Returns a new builder with nothing set.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the overall deadline of this call.
     *
     * @return the deadline, or {@code null} for the client's
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns the timeout of each attempt of this call.
     *
     * @return the timeout, or {@code null} for the client's
     */
    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    /**
     * Returns the read (idle) timeout of this call.
     *
     * @return the timeout, or {@code null} for the client's
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Returns the retry policy of this call, {@link #maxRetries()} applied.
     *
     * @param clientPolicy the client's policy, used where this call sets nothing
     * @return the policy for this call
     */
    public RetryPolicy retryPolicy(RetryPolicy clientPolicy) {
        RetryPolicy base = retryPolicy != null ? retryPolicy : clientPolicy;
        return maxRetries == null ? base : base.toBuilder().maxRetries(maxRetries).build();
    }

    /**
     * Returns the number of retries set for this call.
     *
     * @return the number, or {@code null} for the policy's
     */
    public Integer maxRetries() {
        return maxRetries;
    }

    /**
     * Returns the extra headers.
     *
     * @return the headers; empty if none
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the extra query parameters, in order; a name may repeat.
     *
     * @return the name and value pairs
     */
    public List<Map.Entry<String, String>> queryParams() {
        return queryParams;
    }

    /**
     * Returns the extra top-level properties of the JSON body.
     *
     * @return the properties, in order
     */
    public Map<String, JsonValue> bodyProperties() {
        return bodyProperties;
    }

    /**
     * Returns whether this call asks for a compressed response, if set.
     *
     * @return {@code true} or {@code false}, or {@code null} for the client's setting
     */
    public Boolean compression() {
        return compression;
    }

    @Override
    public String toString() {
        return "RequestOptions[timeout=" + timeout + ", attemptTimeout=" + attemptTimeout + ", readTimeout="
                + readTimeout + ", retryPolicy=" + retryPolicy + ", maxRetries=" + maxRetries + ", headers=" + headers
                + ", queryParams=" + queryParamNames() + ", bodyProperties=" + bodyProperties.keySet()
                + (compression == null ? "" : ", compression=" + compression) + "]";
    }

    private List<String> queryParamNames() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> e : queryParams) {
            names.add(e.getKey()); // values may be tokens: names only
        }
        return names;
    }

    /** Builds {@link RequestOptions}. Not thread-safe. */
    public static final class Builder {
        Duration timeout;
        Duration attemptTimeout;
        Duration readTimeout;
        RetryPolicy retryPolicy;
        Integer maxRetries;
        final Headers.Builder headers = Headers.builder();
        final List<Map.Entry<String, String>> queryParams = new ArrayList<>();
        final Map<String, JsonValue> bodyProperties = new LinkedHashMap<>();
        Boolean compression;

        Builder() {
        }

        /**
         * Sets the overall deadline of this call, across every attempt and wait, including reading the body.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = nonNegative(timeout, "timeout");
            return this;
        }

        /**
         * Sets the timeout of each attempt.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder attemptTimeout(Duration timeout) {
            this.attemptTimeout = nonNegative(timeout, "attemptTimeout");
            return this;
        }

        /**
         * Sets the read (idle) timeout.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = nonNegative(timeout, "readTimeout");
            return this;
        }

        /**
         * Sets the retry policy of this call.
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Sets how many times this call is retried, keeping the rest of the retry policy.
         *
         * @param maxRetries 0 or more
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Adds a header; it replaces a header of the same name the call would send. The fields that the
         * transport writes ({@code Host}, {@code Content-Length}, {@code Transfer-Encoding},
         * {@code Connection} and the like, see {@link io.github.convai4j.http.HttpRequest#isTransportHeader})
         * and {@code Content-Type} (always the body's own) cannot be set.
         *
         * @param name header name
         * @param value header value (no CR or LF, no character above U+00FF: encode such text first)
         * @return this builder
         * @throws IllegalArgumentException if the name or value is invalid, or the name is one of those above
         */
        public Builder header(String name, String value) {
            ExtraHeaders.checkName(name, "RequestOptions.header");
            headers.add(name, value);
            return this;
        }

        /**
         * Adds a query parameter; parameters of this name the call would send are replaced by the ones
         * added here (add a name twice to send it twice).
         *
         * @param name parameter name
         * @param value parameter value, sent percent-encoded
         * @return this builder
         */
        public Builder queryParam(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value of query parameter " + name);
            queryParams.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        /**
         * Adds a top-level property to the JSON body, replacing one of the same name. The call must have a
         * JSON body, or be a {@code POST}, {@code PUT} or {@code PATCH} without a body (one is then sent).
         *
         * @param name property name
         * @param value property value; {@code null} sends JSON {@code null}
         * @return this builder
         */
        public Builder bodyProperty(String name, JsonValue value) {
            Objects.requireNonNull(name, "name");
            bodyProperties.put(name, value == null ? JsonValue.NULL : value);
            return this;
        }

        /**
         * Adds a top-level property to the JSON body from a plain Java value (see {@link JsonValue#from}).
         *
         * @param name property name
         * @param value a String, Number, Boolean, Map, List, JsonValue or {@code null}
         * @return this builder
         */
        public Builder bodyProperty(String name, Object value) {
            return bodyProperty(name, JsonValue.from(value));
        }

        /**
         * Turns response compression on or off for this call (see
         * {@code ClientOptions.Builder#compression(boolean)}), e.g. off for a download you want to store as
         * the server compressed it. Default: the client's setting (on).
         *
         * @param compression {@code false} to send no {@code Accept-Encoding} and leave the body as received
         * @return this builder
         */
        public Builder compression(boolean compression) {
            this.compression = compression;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public RequestOptions build() {
            return new RequestOptions(this);
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
