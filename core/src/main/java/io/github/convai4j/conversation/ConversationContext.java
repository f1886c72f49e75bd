package io.github.convai4j.conversation;

import io.github.convai4j.http.Headers;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import io.github.convai4j.models.conversations.ConversationSignedUrlResponse;
import io.github.convai4j.models.conversations.GetConversationSignedLinkParams;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What live conversations take from the client that sets them up: where public agents are reached, the
 * handshake headers, the WebSocket client, the threads, and how a signed URL is fetched. A
 * {@code ConvaiClient} makes one for {@code liveConversation(agentId)} from its options and resources; build
 * one yourself only to open conversations without a client, e.g. on a server that connects to signed URLs its
 * backend fetched and holds no API key:
 * <pre>{@code
 * ConversationContext context = ConversationContext.builder(webSockets, executor, scheduler).build();
 * ConversationSession session = LiveConversation.create(context, agentId).signedUrl(url).open();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Nothing here is closed by a session.
 */
public final class ConversationContext {

    /** The base URL public agents are reached at when none is set: {@value}. */
    public static final String DEFAULT_BASE_URL = "https://api.elevenlabs.io";

    private final URI baseUrl;
    private final Headers headers;
    private final Duration connectTimeout;
    private final String userAgent;
    private final Supplier<WebSocketTransport> webSockets;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Function<GetConversationSignedLinkParams, CompletableFuture<ConversationSignedUrlResponse>> signedUrls;

    ConversationContext(Builder b) {
        this.baseUrl = b.baseUrl;
        this.headers = b.headers;
        this.connectTimeout = b.connectTimeout;
        this.userAgent = b.userAgent;
        this.webSockets = b.webSockets;
        this.executor = b.executor;
        this.scheduler = b.scheduler;
        this.signedUrls = b.signedUrls;
    }

    /**
     * Starts a context.
     *
     * @param webSockets gives the WebSocket client when a session opens (and may throw an
     *     {@link IllegalStateException} that says which artifact to add when there is none)
     * @param executor where the futures handed to the application complete, never on an I/O thread
     * @param scheduler runs the sessions' timers (open timeout, tool timeouts, the send stall check); the tasks
     *     never block
     * @return a builder
     */
    public static Builder builder(Supplier<WebSocketTransport> webSockets, Executor executor,
            ScheduledExecutorService scheduler) {
        return new Builder(webSockets, executor, scheduler);
    }

    URI baseUrl() {
        return baseUrl;
    }

    Headers headers() {
        return headers;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    String userAgent() {
        return userAgent;
    }

    WebSocketTransport webSockets() {
        return webSockets.get();
    }

    Executor executor() {
        return executor;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    Function<GetConversationSignedLinkParams, CompletableFuture<ConversationSignedUrlResponse>> signedUrls() {
        return signedUrls;
    }

    /**
     * Describes the context without secrets.
     *
     * @return e.g. {@code ConversationContext[https://api.elevenlabs.io, signed URLs fetched]}
     */
    @Override
    public String toString() {
        return "ConversationContext[" + baseUrl + (signedUrls != null ? ", signed URLs fetched" : "")
                + (headers.isEmpty() ? "" : ", headers " + headers) + "]";
    }

    /** Builds a {@link ConversationContext}. Not thread-safe. */
    public static final class Builder {
        final Supplier<WebSocketTransport> webSockets;
        final Executor executor;
        final ScheduledExecutorService scheduler;
        URI baseUrl = URI.create(DEFAULT_BASE_URL);
        Headers headers = Headers.builder().build();
        Duration connectTimeout;
        String userAgent = "convai4j/" + LibraryVersion.get();
        Function<GetConversationSignedLinkParams, CompletableFuture<ConversationSignedUrlResponse>> signedUrls;

        Builder(Supplier<WebSocketTransport> webSockets, Executor executor, ScheduledExecutorService scheduler) {
            this.webSockets = Objects.requireNonNull(webSockets, "webSockets");
            this.executor = Objects.requireNonNull(executor, "executor");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        /**
         * Sets the API's base URL, from which a public agent's WebSocket URL is derived ({@code https} becomes
         * {@code wss}, {@code http} becomes {@code ws}). Default: {@value #DEFAULT_BASE_URL}.
         *
         * @param baseUrl an absolute {@code http} or {@code https} URL
         * @return this builder
         * @throws IllegalArgumentException if it is not such a URL
         */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            String scheme = baseUrl.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("The base URL must be an absolute http(s) URL with a host, e.g. "
                        + DEFAULT_BASE_URL + "; got " + io.github.convai4j.http.Redaction.uri(baseUrl));
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * Sets the headers of every conversation's WebSocket handshake (an {@code Origin}, say); a
         * conversation's own {@link LiveConversation#header} wins over a header of the same name. Default: none.
         *
         * @param headers the headers; none the handshake writes itself
         * @return this builder
         * @throws IllegalArgumentException if a header is one the handshake writes itself
         */
        public Builder headers(Headers headers) {
            Objects.requireNonNull(headers, "headers");
            for (String name : headers.names()) {
                if (WebSocketRequest.isHandshakeHeader(name)) {
                    throw new IllegalArgumentException("A conversation header cannot set '" + name + "': the WebSocket"
                            + " handshake writes it itself");
                }
            }
            this.headers = headers;
            return this;
        }

        /**
         * Sets the WebSocket connect timeout (TCP, TLS and the handshake). Default: the transport's.
         *
         * @param timeout the timeout, or {@code null} for the transport's; zero for none
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout != null && timeout.isNegative()) {
                throw new IllegalArgumentException("connectTimeout must not be negative");
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Sets the handshake's {@code User-Agent}. Default: {@code convai4j/<version>}.
         *
         * @param userAgent the value
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            Headers.builder().add("User-Agent", Objects.requireNonNull(userAgent, "userAgent")); // refuses CR/LF
            this.userAgent = userAgent;
            return this;
        }

        /**
         * Sets how a private agent's signed URL is fetched ({@link LiveConversation#requiresAuth(boolean)}):
         * a {@code ConvaiClient} passes its {@code async().conversations()::getSignedUrl}. Default: none, and
         * opening a private agent without a {@link LiveConversation#signedUrl(String) signed URL} fails at once.
         *
         * @param signedUrls the call of {@code GET /v1/convai/conversation/get-signed-url}, or {@code null}
         * @return this builder
         */
        public Builder signedUrls(
                Function<GetConversationSignedLinkParams, CompletableFuture<ConversationSignedUrlResponse>> signedUrls) {
            this.signedUrls = signedUrls;
            return this;
        }

        /**
         * Builds the context.
         *
         * @return the context
         */
        public ConversationContext build() {
            return new ConversationContext(this);
        }
    }
}
