package io.github.convai4j.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP request as handed to a {@link Transport}: method, absolute URL, headers, optional body and
 * per-request timeouts. Built by core; a transport sends it as given and adds only what HTTP/1.1 needs
 * ({@code Host}, {@code Content-Length} or {@code Transfer-Encoding}, {@code Connection}).
 *
 * <p>Timeouts are {@code null} to use the transport's defaults ({@link TransportOptions}), or
 * {@link Duration#ZERO} for no limit:
 * <ul>
 *   <li>{@linkplain #connectTimeout() connect}: establishing the TCP connection and TLS handshake;</li>
 *   <li>{@linkplain #readTimeout() read}: the longest wait for the next byte of the response, headers or
 *       body (an idle timeout, reset by every byte received);</li>
 *   <li>{@linkplain #totalTimeout() total}: the whole exchange, from the call to {@code execute} until the
 *       response body has been read to its end or closed.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe (the body may still be a single-use one; see {@link RequestBody}).
 * {@link #toString()} masks credentials in headers and in the query string.
 */
public final class HttpRequest {

    private final HttpMethod method;
    private final URI uri;
    private final Headers headers;
    private final RequestBody body;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeout;

    private HttpRequest(Builder b) {
        this.method = b.method;
        this.uri = b.uri;
        this.headers = b.headers.build();
        this.body = b.body;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.totalTimeout = b.totalTimeout;
    }

    /**
     * Returns a new builder.
     *
     * @param method the method
     * @param uri an absolute {@code http} or {@code https} URL
     * @return a builder
     */
    public static Builder builder(HttpMethod method, URI uri) {
        return new Builder(method, uri);
    }

    /**
     * Returns the method.
     *
     * @return the method
     */
    public HttpMethod method() {
        return method;
    }

    /**
     * Returns the absolute URL, path and query already percent-encoded.
     *
     * @return the URL
     */
    public URI uri() {
        return uri;
    }

    /**
     * Returns the headers.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the body.
     *
     * @return the body, or {@code null} if the request has none
     */
    public RequestBody body() {
        return body;
    }

    /**
     * Returns the connect timeout.
     *
     * @return the timeout, {@code null} for the transport's default, or zero for none
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns the read (idle) timeout.
     *
     * @return the timeout, {@code null} for the transport's default, or zero for none
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Returns the timeout of the whole exchange.
     *
     * @return the timeout, {@code null} for the transport's default, or zero for none
     */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /**
     * Returns a builder holding this request's values.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(method, uri);
        b.headers.addAll(headers);
        b.body = body;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.totalTimeout = totalTimeout;
        return b;
    }

    /**
     * Returns the URL with the values of credential query parameters ({@code token}, {@code signature},
     * {@code key}, {@code api_key}, ...) replaced by {@code <redacted>}: safe to log.
     *
     * @return the redacted URL
     */
    public String redactedUri() {
        return Redaction.uri(uri);
    }

    /** Returns method, redacted URL and redacted headers. */
    @Override
    public String toString() {
        return method + " " + redactedUri() + " " + headers + (body != null ? " " + body : "");
    }

    /** Builds an {@link HttpRequest}. Not thread-safe. */
    public static final class Builder {
        private HttpMethod method;
        private URI uri;
        private final Headers.Builder headers = Headers.builder();
        private RequestBody body;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Duration totalTimeout;

        private Builder(HttpMethod method, URI uri) {
            method(method);
            uri(uri);
        }

        /**
         * Sets the method.
         *
         * @param method the method
         * @return this builder
         */
        public Builder method(HttpMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Sets the URL.
         *
         * @param uri an absolute {@code http} or {@code https} URL with a host
         * @return this builder
         * @throws IllegalArgumentException if the URL is not such a URL
         */
        public Builder uri(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("An HTTP request needs an absolute http:// or https:// URL with"
                        + " a host; got " + Redaction.uri(uri));
            }
            this.uri = uri;
            return this;
        }

        /**
         * Adds a header field, keeping existing ones of the same name.
         *
         * @param name header name
         * @param value header value (no CR or LF)
         * @return this builder
         */
        public Builder addHeader(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * Replaces every header field of this name.
         *
         * @param name header name
         * @param value header value (no CR or LF)
         * @return this builder
         */
        public Builder setHeader(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /**
         * Removes every header field of this name.
         *
         * @param name header name
         * @return this builder
         */
        public Builder removeHeader(String name) {
            headers.remove(name);
            return this;
        }

        /**
         * Adds header fields.
         *
         * @param headers the fields
         * @return this builder
         */
        public Builder headers(Headers headers) {
            this.headers.addAll(headers);
            return this;
        }

        /**
         * Sets the body.
         *
         * @param body the body, or {@code null} for none
         * @return this builder
         */
        public Builder body(RequestBody body) {
            this.body = body;
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param timeout {@code null} for the transport's default, zero for none
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checkTimeout(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the read (idle) timeout.
         *
         * @param timeout {@code null} for the transport's default, zero for none
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = checkTimeout(timeout, "readTimeout");
            return this;
        }

        /**
         * Sets the timeout of the whole exchange, until the response body is read or closed.
         *
         * @param timeout {@code null} for the transport's default, zero for none
         * @return this builder
         */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = checkTimeout(timeout, "totalTimeout");
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException if a {@code HEAD} request has a body
         */
        public HttpRequest build() {
            if (method == HttpMethod.HEAD && body != null) {
                throw new IllegalArgumentException("A HEAD request cannot have a body");
            }
            return new HttpRequest(this);
        }

        private static Duration checkTimeout(Duration timeout, String name) {
            if (timeout != null && timeout.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative (use Duration.ZERO for no limit)");
            }
            return timeout;
        }
    }
}
