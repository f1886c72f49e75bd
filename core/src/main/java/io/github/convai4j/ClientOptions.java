package io.github.convai4j;

import io.github.convai4j.core.AuthScheme;
import io.github.convai4j.core.CallListener;
import io.github.convai4j.core.ExtraHeaders;
import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.http.Headers;
import io.github.convai4j.internal.ClientSettings;
import io.github.convai4j.http.WebSocketRequest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The settings of a client: where the API is, the key, timeouts, retries, default headers and the
 * executor for async work. Every value has a default, written next to its setter and its constant.
 *
 * <p>A client's options are fixed when it is built. {@link ConvaiClient#withOptions} gives a client that
 * shares the transport and differs in a few settings; {@link io.github.convai4j.core.RequestOptions} changes some of them for one
 * call.
 *
 * <p><b>Timeouts.</b> Four limits apply to every call, each {@link Duration#ZERO} for "no limit":
 * <ul>
 *   <li>{@linkplain Builder#connectTimeout connect} (default 10 s): TCP connect and TLS handshake;</li>
 *   <li>{@linkplain Builder#readTimeout read} (default 60 s): the longest silence while waiting for
 *       response bytes; it catches a stalled server without limiting a long download;</li>
 *   <li>{@linkplain Builder#attemptTimeout attempt} (default none): one attempt, from sending the
 *       request until its response body has been read;</li>
 *   <li>{@linkplain Builder#timeout overall deadline} (default 5 minutes): the whole call, across every
 *       attempt and the waits between retries, including reading the response body. For a large binary
 *       download, raise it per request.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the API key.
 */
public final class ClientOptions implements ClientSettings {

    /** Default base URL: {@code https://api.elevenlabs.io} ({@link Provider#ELEVENLABS}). */
    public static final URI DEFAULT_BASE_URL = Provider.ELEVENLABS.baseUrl();
    /** Default connect timeout: 10 s, well above a normal TCP and TLS setup, short enough to fail fast. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default read timeout: 60 s of silence; the slowest documented operations answer well within it. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Default attempt timeout: none ({@link Duration#ZERO}); the read timeout catches a stalled attempt. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ZERO;
    /** Default overall deadline of a call, across retries: 5 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /**
     * Default limit on the size a compressed response body may inflate to: 256 MiB. Far above any JSON
     * response of the API, and above the JSON document limit, so it only stops a decompression bomb.
     */
    public static final long DEFAULT_MAX_INFLATED_SIZE = 256L * 1024 * 1024;

    private final URI baseUrl;
    private final AuthScheme authScheme;
    private final String apiKey;
    private final boolean allowInsecureHttp;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration attemptTimeout;
    private final Duration timeout;
    private final RetryPolicy retryPolicy;
    private final Headers defaultHeaders;
    private final Headers conversationHeaders;
    private final Executor executor;
    private final boolean compression;
    private final long maxInflatedSize;
    private final List<CallListener> listeners;

    ClientOptions(Builder b, URI baseUrl) {
        this.baseUrl = baseUrl;
        this.authScheme = b.authScheme;
        this.apiKey = b.apiKey;
        this.allowInsecureHttp = b.allowInsecureHttp;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.attemptTimeout = b.attemptTimeout;
        this.timeout = b.timeout;
        this.retryPolicy = b.retryPolicy;
        this.defaultHeaders = b.defaultHeaders.build();
        this.conversationHeaders = b.conversationHeaders.build();
        this.executor = b.executor;
        this.compression = b.compression;
        this.maxInflatedSize = b.maxInflatedSize;
        this.listeners = Collections.unmodifiableList(new ArrayList<>(b.listeners));
    }

    /**
     * Returns a builder holding the defaults and no API key.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the base URL, without a trailing slash; operation paths are appended to it.
     *
     * @return the base URL
     */
    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Returns how the API key is sent.
     *
     * @return the scheme
     */
    @Override
    public AuthScheme authScheme() {
        return authScheme;
    }

    /**
     * Returns the API key. Handle with care: never log it.
     *
     * @return the key
     */
    @Override
    public String apiKey() {
        return apiKey;
    }

    /**
     * Tells whether plain {@code http://} is allowed for hosts other than loopback.
     *
     * @return {@code true} if allowed
     */
    public boolean allowInsecureHttp() {
        return allowInsecureHttp;
    }

    /**
     * Returns the connect timeout.
     *
     * @return the timeout; zero for none
     */
    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns the read (idle) timeout.
     *
     * @return the timeout; zero for none
     */
    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Returns the timeout of one attempt.
     *
     * @return the timeout; zero for none
     */
    @Override
    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    /**
     * Returns the overall deadline of a call, across all attempts.
     *
     * @return the timeout; zero for none
     */
    @Override
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns the retry policy.
     *
     * @return the policy
     */
    @Override
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * Returns the headers sent with every request (before per-request headers, which win).
     *
     * @return the headers
     */
    @Override
    public Headers defaultHeaders() {
        return defaultHeaders;
    }

    /**
     * Returns the headers sent on the WebSocket handshake of every live conversation.
     *
     * @return the headers; empty by default
     */
    public Headers conversationHeaders() {
        return conversationHeaders;
    }

    /**
     * Returns the executor that async calls decode responses and complete their futures on.
     *
     * @return the executor, or {@code null} for the client's own pool (see {@link Builder#executor})
     */
    public Executor executor() {
        return executor;
    }

    /**
     * Tells whether responses are requested compressed ({@code Accept-Encoding: gzip, deflate}) and
     * inflated as they are read.
     *
     * @return {@code true} unless turned off with {@link Builder#compression(boolean)}
     */
    @Override
    public boolean compression() {
        return compression;
    }

    /**
     * Returns the most bytes a compressed response body may inflate to.
     *
     * @return the limit in bytes
     */
    @Override
    public long maxInflatedSize() {
        return maxInflatedSize;
    }

    /**
     * Returns the listeners every call notifies, in the order they were added.
     *
     * @return the listeners, unmodifiable
     */
    @Override
    public List<CallListener> listeners() {
        return listeners;
    }

    /**
     * Returns a builder holding these options.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.baseUrl = baseUrl;
        b.authScheme = authScheme;
        b.apiKey = apiKey;
        b.allowInsecureHttp = allowInsecureHttp;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.attemptTimeout = attemptTimeout;
        b.timeout = timeout;
        b.retryPolicy = retryPolicy;
        b.defaultHeaders = defaultHeaders.toBuilder();
        b.conversationHeaders = conversationHeaders.toBuilder();
        b.executor = executor;
        b.compression = compression;
        b.maxInflatedSize = maxInflatedSize;
        b.listeners.addAll(listeners);
        return b;
    }

    /** Describes the options with the API key masked. */
    @Override
    public String toString() {
        return "ClientOptions[baseUrl=" + baseUrl + ", authScheme=" + authScheme + ", apiKey=<redacted>"
                + ", allowInsecureHttp=" + allowInsecureHttp + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", attemptTimeout=" + attemptTimeout + ", timeout=" + timeout
                + ", " + retryPolicy + ", defaultHeaders=" + defaultHeaders
                + (conversationHeaders.isEmpty() ? "" : ", conversationHeaders=" + conversationHeaders)
                + ", executor=" + (executor == null ? "default" : executor.getClass().getName())
                + ", compression=" + compression + (compression ? ", maxInflatedSize=" + maxInflatedSize : "")
                + (listeners.isEmpty() ? "" : ", listeners=" + listeners.size()) + "]";
    }

    /** Builds {@link ClientOptions}. Not thread-safe. */
    public static final class Builder {
        URI baseUrl = DEFAULT_BASE_URL;
        AuthScheme authScheme = AuthScheme.XI_API_KEY;
        String apiKey;
        boolean allowInsecureHttp;
        Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        Duration readTimeout = DEFAULT_READ_TIMEOUT;
        Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
        Duration timeout = DEFAULT_TIMEOUT;
        RetryPolicy retryPolicy = RetryPolicy.defaults();
        Headers.Builder defaultHeaders = Headers.builder();
        Headers.Builder conversationHeaders = Headers.builder();
        Executor executor;
        boolean compression = true;
        long maxInflatedSize = DEFAULT_MAX_INFLATED_SIZE;
        final List<CallListener> listeners = new ArrayList<>();

        Builder() {
        }

        /**
         * Sets the API key. Required here or, when the client is built with {@link ConvaiClient#builder()},
         * in the {@code ELEVENLABS_API_KEY} environment variable.
         *
         * @param apiKey the key, without whitespace
         * @return this builder
         * @throws IllegalArgumentException if the key is empty or holds whitespace or control characters
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = checkApiKey(apiKey);
            return this;
        }

        /**
         * Sets the base URL and the auth scheme of a provider. Default: {@link Provider#ELEVENLABS}.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(Provider provider) {
            Objects.requireNonNull(provider, "provider");
            this.baseUrl = provider.baseUrl();
            this.authScheme = provider.authScheme();
            return this;
        }

        /**
         * Sets the base URL, keeping the auth scheme. Default: {@code https://api.elevenlabs.io}.
         *
         * @param baseUrl an absolute {@code https://} URL (or {@code http://} for a loopback host, or any
         *     host after {@link #allowInsecureHttp(boolean)}); a path prefix is kept; no query or fragment
         * @return this builder
         * @throws IllegalArgumentException if the text is not a URL
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = parseBaseUrl(baseUrl);
            return this;
        }

        /**
         * Sets the base URL, keeping the auth scheme.
         *
         * @param baseUrl see {@link #baseUrl(String)}
         * @return this builder
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * Sets how the API key is sent. Default: {@link AuthScheme#XI_API_KEY}, or the provider's scheme.
         *
         * @param authScheme the scheme
         * @return this builder
         */
        public Builder authScheme(AuthScheme authScheme) {
            this.authScheme = Objects.requireNonNull(authScheme, "authScheme");
            return this;
        }

        /**
         * Allows a plain {@code http://} base URL for hosts other than loopback. Default: {@code false}, since
         * the API key would travel unencrypted. Loopback hosts ({@code localhost}, {@code 127.0.0.0/8},
         * {@code ::1}) are always allowed.
         *
         * @param allow {@code true} to allow
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /**
         * Sets the connect timeout. Default: 10 s.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = nonNegative(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the read (idle) timeout: the longest wait for the next response byte. Default: 60 s.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = nonNegative(timeout, "readTimeout");
            return this;
        }

        /**
         * Sets the timeout of one attempt, until its response body is read. Default: none.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder attemptTimeout(Duration timeout) {
            this.attemptTimeout = nonNegative(timeout, "attemptTimeout");
            return this;
        }

        /**
         * Sets the overall deadline of a call, across all attempts and the waits between them, including
         * reading the response body. Default: 5 minutes.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = nonNegative(timeout, "timeout");
            return this;
        }

        /**
         * Sets the retry policy. Default: {@link RetryPolicy#defaults()}.
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Sets how many times a failed request is sent again, keeping the rest of the retry policy.
         * Default: {@value RetryPolicy#DEFAULT_MAX_RETRIES}.
         *
         * @param maxRetries 0 or more
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            this.retryPolicy = retryPolicy.toBuilder().maxRetries(maxRetries).build();
            return this;
        }

        /**
         * Adds a header sent with every request. Default: none besides {@code User-Agent}, {@code Accept}
         * and the auth header; a default header with one of those names replaces it. The fields that the
         * transport writes ({@code Host}, {@code Content-Length}, {@code Transfer-Encoding},
         * {@code Connection} and the like, see {@link io.github.convai4j.http.HttpRequest#isTransportHeader})
         * and {@code Content-Type} (always the body's own) cannot be set.
         *
         * @param name header name
         * @param value header value (no CR or LF, no character above U+00FF: encode such text first)
         * @return this builder
         * @throws IllegalArgumentException if the name or value is invalid, or the name is one of those above
         */
        public Builder defaultHeader(String name, String value) {
            ExtraHeaders.checkName(name, "defaultHeader");
            defaultHeaders.add(name, value);
            return this;
        }

        /**
         * Adds a header sent on the WebSocket handshake of every live conversation, such as an {@code Origin}
         * for agents with an origin allowlist. API calls do not send it, and {@link #defaultHeader} does not
         * reach the handshake: the API key and other API headers never go on the WebSocket. A conversation's
         * own {@code LiveConversation.header} of the same name replaces it. Default: none.
         *
         * @param name header name; not one the handshake writes itself ({@code Host}, {@code Upgrade},
         *     {@code Connection}, {@code Sec-WebSocket-*}, ...)
         * @param value header value (no CR or LF, no character above U+00FF)
         * @return this builder
         * @throws IllegalArgumentException if the name or value is invalid
         */
        public Builder conversationHeader(String name, String value) {
            if (name != null && WebSocketRequest.isHandshakeHeader(name)) {
                throw new IllegalArgumentException("conversationHeader cannot set '" + name + "': the WebSocket"
                        + " handshake writes it itself");
            }
            conversationHeaders.add(name, value);
            return this;
        }

        /**
         * Sets the executor that async calls read and decode responses on, and complete their futures on.
         * Default: {@code null}, meaning the client's own pool of daemon threads named
         * {@code convai4j-async-N}: at most {@code max(4, 2 * availableProcessors)} threads, which exit after
         * 60 s idle, shut down by {@link ConvaiClient#close()}. An executor given here is not shut down by the
         * client. Transport I/O threads are never used for decoding.
         *
         * @param executor the executor, or {@code null} for the default
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Turns response compression on or off. On (the default), every request carries
         * {@code Accept-Encoding: gzip, deflate}, and a response the server compressed is inflated as it is
         * read, on every transport; its {@code Content-Encoding} and {@code Content-Length} headers are
         * dropped, since they describe the compressed bytes. JSON such as an agent's configuration shrinks
         * several times on the wire. Off, no {@code Accept-Encoding} is sent and bodies are passed on as
         * received. A request that sets its own {@code Accept-Encoding} header (a default header, or
         * {@link io.github.convai4j.core.RequestOptions.Builder#header}) gets the body as the server sent it,
         * still encoded. {@link io.github.convai4j.core.RequestOptions.Builder#compression(boolean)} overrides
         * this for one call.
         *
         * @param compression {@code false} to turn compression off
         * @return this builder
         */
        public Builder compression(boolean compression) {
            this.compression = compression;
            return this;
        }

        /**
         * Sets the most bytes a compressed response body may inflate to. A body that inflates past it fails,
         * as soon as it does, with a {@link io.github.convai4j.errors.DecodingException} (not retried), so a
         * small "decompression bomb" cannot make the client inflate gigabytes. Bodies sent uncompressed are
         * not affected. Default: {@link #DEFAULT_MAX_INFLATED_SIZE} (256 MiB).
         *
         * @param bytes the limit, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder maxInflatedSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxInflatedSize must be 1 or more bytes, was " + bytes);
            }
            this.maxInflatedSize = bytes;
            return this;
        }

        /**
         * Adds a listener that every call of the client notifies: call and attempt start and end, retries,
         * status, bytes and durations (see {@link CallListener}). Listeners are notified in the order added;
         * one that throws is logged and ignored. Default: none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder addListener(CallListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        boolean hasApiKey() {
            return apiKey != null;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalStateException if no API key was set
         * @throws IllegalArgumentException if the base URL is not usable
         */
        public ClientOptions build() {
            if (apiKey == null) {
                throw new IllegalStateException("No API key: call apiKey(...) on the options builder");
            }
            return new ClientOptions(this, checkBaseUrl(baseUrl, allowInsecureHttp));
        }

        static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative (use Duration.ZERO for no limit)");
            }
            return d;
        }
    }

    static String checkApiKey(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        if (apiKey.isEmpty()) {
            throw new IllegalArgumentException("The API key is empty: pass the key from your ElevenLabs settings");
        }
        for (int i = 0; i < apiKey.length(); i++) {
            char c = apiKey.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                // The key itself is never echoed.
                throw new IllegalArgumentException("The API key holds whitespace or a control character at index "
                        + i + " (of " + apiKey.length() + "); copy the key again without spaces or line breaks");
            }
            if (c > 0x7e) {
                // Keys are ASCII; anything else could not be sent in a header, and is a copy-and-paste accident.
                throw new IllegalArgumentException("The API key holds a non-ASCII character at index " + i + " (of "
                        + apiKey.length() + "); copy the key again from your ElevenLabs settings");
            }
        }
        return apiKey;
    }

    /** Parses a base URL; the message of a failure never repeats the text, which may hold a password. */
    static URI parseBaseUrl(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        try {
            return new URI(baseUrl);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("The base URL is not a valid URL: " + e.getReason()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""), null);
        }
    }

    static URI checkBaseUrl(URI url, boolean allowInsecureHttp) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException("The base URL must be an absolute https:// URL with a host, like "
                    + DEFAULT_BASE_URL + "; got scheme " + url.getScheme() + " and host " + url.getHost());
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The base URL must not carry user info (user:password@); the client"
                    + " authenticates with the API key");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("The base URL must not have a query or fragment: give only scheme,"
                    + " host, optional port and optional path prefix");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException("Refusing plain http:// to " + url.getHost() + ": the API key would"
                    + " travel unencrypted. Use https://, or call allowInsecureHttp(true) if the network to this host"
                    + " is trusted");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return parseBaseUrl(scheme + "://" + url.getRawAuthority() + path);
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
