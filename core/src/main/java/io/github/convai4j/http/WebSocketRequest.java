package io.github.convai4j.http;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link WebSocketTransport} connects to: a {@code ws://} or {@code wss://} URL, handshake headers,
 * requested subprotocols, a connect timeout and the largest message accepted.
 *
 * <p>Immutable and thread-safe. {@link #toString()} masks credentials in the query string (a signed
 * conversation URL carries a {@code token}) and in headers.
 */
public final class WebSocketRequest {

    /** Default largest incoming message: 16 MiB, as the official SDKs use. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    private final URI uri;
    private final Headers headers;
    private final List<String> subprotocols;
    private final Duration connectTimeout;
    private final int maxMessageSize;

    WebSocketRequest(Builder b) {
        this.uri = b.uri;
        this.headers = b.headers.build();
        this.subprotocols = Collections.unmodifiableList(new ArrayList<>(b.subprotocols));
        this.connectTimeout = b.connectTimeout;
        this.maxMessageSize = b.maxMessageSize;
    }

    /**
     * Returns a new builder.
     *
     * @param uri an absolute {@code ws://} or {@code wss://} URL with a host
     * @return a builder
     * @throws IllegalArgumentException if the URL is not such a URL
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * Returns the URL.
     *
     * @return the URL
     */
    public URI uri() {
        return uri;
    }

    /**
     * Tells whether the opening handshake writes a header itself, so that a caller may not set it:
     * {@code Host}, {@code Connection}, {@code Upgrade}, {@code Sec-WebSocket-*} and the body framing headers.
     *
     * @param name the header's name, in any case
     * @return {@code true} for such a header
     */
    public static boolean isHandshakeHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("sec-websocket-") || HttpRequest.isTransportHeader(lower);
    }

    /**
     * Returns the extra headers of the opening handshake.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the subprotocols offered, in order of preference.
     *
     * @return the subprotocols; empty for none
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * Returns the connect timeout (TCP, TLS and the opening handshake).
     *
     * @return the timeout, or {@code null} for the transport's default
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns the largest incoming message accepted; a larger one closes the connection with 1009.
     *
     * @return the limit in bytes
     */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    @Override
    public String toString() {
        return "WebSocketRequest[" + Redaction.uri(uri) + " " + headers + " " + subprotocols + "]";
    }

    /** Builds a {@link WebSocketRequest}. Not thread-safe. */
    public static final class Builder {
        final URI uri;
        final Headers.Builder headers = Headers.builder();
        final List<String> subprotocols = new ArrayList<>();
        Duration connectTimeout;
        int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

        Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
                throw new IllegalArgumentException("A WebSocket needs an absolute ws:// or wss:// URL with a host;"
                        + " got " + Redaction.uri(uri));
            }
            this.uri = uri;
        }

        /**
         * Adds a handshake header.
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
         * Adds handshake headers.
         *
         * @param headers the headers
         * @return this builder
         */
        public Builder headers(Headers headers) {
            this.headers.addAll(headers);
            return this;
        }

        /**
         * Offers a subprotocol.
         *
         * @param subprotocol an RFC 6455 subprotocol token
         * @return this builder
         */
        public Builder addSubprotocol(String subprotocol) {
            Headers.checkName(subprotocol);
            subprotocols.add(subprotocol);
            return this;
        }

        /**
         * Sets the connect timeout. Default: the transport's connect timeout.
         *
         * @param timeout the timeout, {@code null} for the default, zero for none
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout != null && timeout.isNegative()) {
                throw new IllegalArgumentException("connectTimeout must not be negative");
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Sets the largest incoming message. Default: {@link #DEFAULT_MAX_MESSAGE_SIZE} (16 MiB).
         *
         * @param bytes at least 1024
         * @return this builder
         */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes, was " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public WebSocketRequest build() {
            return new WebSocketRequest(this);
        }
    }
}
