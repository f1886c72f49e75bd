package io.github.convai4j.http;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP request as handed to a {@link Transport}: method, absolute URL, headers, optional body and
 * per-request timeouts. Built by core; a transport sends it as given and adds only what HTTP/1.1 needs
 * ({@code Host}, {@code Content-Length} or {@code Transfer-Encoding}, {@code Connection}).
 *
 * <p><b>Who writes which header.</b> The fields that frame the message or manage the connection belong to
 * the transport, which derives them from the URL, the body and its connection handling; a request that
 * sets one of them ({@link #isTransportHeader}: {@code Host}, {@code Content-Length},
 * {@code Transfer-Encoding}, {@code Connection}, {@code Keep-Alive}, {@code Proxy-Connection},
 * {@code TE}, {@code Upgrade}) is refused by {@link Builder#build()}. The {@code Content-Type} of a request
 * with a body is {@linkplain RequestBody#contentType() the body's}, exactly (a multipart body's carries its
 * boundary); a request with a body and a {@code Content-Type} header is refused too. So every transport
 * sends the same fields, and none has to choose between two values. A request without a body may carry a
 * {@code Content-Type} header, which is sent as given.
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

    private static final String CONTENT_TYPE = "Content-Type";
    private static final Set<String> TRANSPORT_HEADERS = new HashSet<>(Arrays.asList("host", "content-length",
            "transfer-encoding", "connection", "keep-alive", "proxy-connection", "te", "upgrade"));

    private final HttpMethod method;
    private final URI uri;
    private final Headers headers;
    private final RequestBody body;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration totalTimeout;

    HttpRequest(Builder b) {
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

    /**
     * Tells whether a header belongs to the transport: it frames the message or manages the connection,
     * so the transport writes it from the URL, the body and its own connection handling, and a request must
     * not set it ({@link Builder#build()} refuses such a request). These are {@code Host},
     * {@code Content-Length}, {@code Transfer-Encoding}, and the connection-specific fields of RFC 9110
     * section 7.6.1: {@code Connection}, {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE} and
     * {@code Upgrade}.
     *
     * @param name a header name, any case
     * @return {@code true} if the transport writes this header
     */
    public static boolean isTransportHeader(String name) {
        return TRANSPORT_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Returns method, redacted URL and redacted headers. */
    @Override
    public String toString() {
        return method + " " + redactedUri() + " " + headers + (body != null ? " " + body : "");
    }

    /** Builds an {@link HttpRequest}. Not thread-safe. */
    public static final class Builder {
        HttpMethod method;
        URI uri;
        final Headers.Builder headers = Headers.builder();
        RequestBody body;
        Duration connectTimeout;
        Duration readTimeout;
        Duration totalTimeout;

        Builder(HttpMethod method, URI uri) {
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
         * @throws IllegalArgumentException if a {@code HEAD} request has a body, if a header is one that the
         *     transport writes ({@link #isTransportHeader}), or if a request with a body has a
         *     {@code Content-Type} header (the body's content type is sent instead)
         */
        public HttpRequest build() {
            if (method == HttpMethod.HEAD && body != null) {
                throw new IllegalArgumentException("A HEAD request cannot have a body");
            }
            Headers built = headers.build();
            for (String name : built.names()) {
                if (isTransportHeader(name)) {
                    throw new IllegalArgumentException("The transport writes the '" + name + "' header itself"
                            + " (from the URL, the body's length and its connection handling), so a request must"
                            + " not set it; remove it. For the body's length, give the RequestBody its length"
                            + " (-1 sends it chunked)");
                }
                if (body != null && name.equalsIgnoreCase(CONTENT_TYPE)) {
                    throw new IllegalArgumentException("A request with a body sends the body's content type as"
                            + " Content-Type; remove the Content-Type header and set the content type on the"
                            + " RequestBody instead, e.g. RequestBody.ofBytes(bytes, contentType)");
                }
            }
            return new HttpRequest(this);
        }

        static Duration checkTimeout(Duration timeout, String name) {
            if (timeout != null && timeout.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative (use Duration.ZERO for no limit)");
            }
            return timeout;
        }
    }
}
