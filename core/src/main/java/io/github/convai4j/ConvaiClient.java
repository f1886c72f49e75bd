package io.github.convai4j;

import io.github.convai4j.conversation.ConversationContext;
import io.github.convai4j.conversation.LiveConversation;
import io.github.convai4j.core.AuthScheme;
import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.WebSocketTransport;
import io.github.convai4j.internal.ClientContext;
import io.github.convai4j.services.ConvaiServices;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The client for the ElevenLabs Agents Platform API. The operation groups ({@code agents()},
 * {@code conversations()}, ...) come from the generated {@link ConvaiServices}; every call blocks the
 * calling thread. For {@code CompletableFuture}s, use {@link #async()}.
 * <pre>{@code
 * try (ConvaiClient client = ConvaiClient.builder().build()) {   // key from ELEVENLABS_API_KEY
 *     ...
 * }
 * ConvaiClient eu = ConvaiClient.builder()
 *         .apiKey(key)
 *         .provider(Provider.ELEVENLABS_EU_RESIDENCY)
 *         .maxRetries(4)
 *         .build();
 * }</pre>
 *
 * <p><b>Transport:</b> the HTTP stack is a plug. Without {@link Builder#transport}, the client finds one
 * with {@link java.util.ServiceLoader}: add {@code io.github.convai4j:convai4j-transport-httpclient},
 * {@code io.github.convai4j:convai4j-transport-netty} or {@code io.github.convai4j:convai4j-transport-jdk} to
 * your dependencies. With several present the order is httpclient, netty, jdk, unless
 * {@link Builder#transportName} (or the system property {@code convai4j.transport}) says otherwise.
 *
 * <p><b>Live conversations</b> with an agent run over a WebSocket: {@link #liveConversation(String)}. They
 * need {@code io.github.convai4j:convai4j-transport-netty}, or {@code io.github.convai4j:convai4j-transport-jdk}
 * on Java 11 and later; when the client's transport has no WebSocket support (HttpClient 5 has none), the
 * client asks the other transports on the class path, in the same order, for a WebSocket client alone (no
 * second HTTP stack is built) and uses it for conversations only ({@link #webSocketTransport()}).
 *
 * <p><b>Who closes what:</b> {@link #close()} closes the transport the client found itself (and the one it
 * found for live conversations), its own async threads and its retry timer. A transport passed to {@link Builder#transport} and an executor passed to
 * {@link Builder#executor} belong to you: the client leaves them open. Clients derived with
 * {@link #withOptions} share the built client's resources; their {@code close()} does nothing.
 *
 * <p><b>Logging:</b> SLF4J logger {@code io.github.convai4j.client}: DEBUG shows one line per attempt
 * (operation, method, path, status, duration, attempt, request id), TRACE adds headers and bodies (cut at
 * 4 KiB). The API key, signed-URL tokens and secret values never appear. The HTTP libraries under the
 * transports have loggers of their own: with the clients that {@code convai4j-transport-httpclient} creates,
 * Apache HttpClient's DEBUG output ({@code org.apache.hc.client5.http.*}) shows neither the key nor bodies,
 * but it does show each request line, the query string included (see that transport's Javadoc).
 *
 * <p>Thread-safe: build one client and share it.
 */
public final class ConvaiClient extends ConvaiServices implements AutoCloseable {

    /** The environment variable the API key is read from when the builder is given none. */
    public static final String API_KEY_ENVIRONMENT_VARIABLE = "ELEVENLABS_API_KEY";

    private final ClientOptions options;
    private final ClientContext context;
    private final ClientResources resources;
    private final boolean ownsResources;
    // Made on first use: an app that never calls async() then keeps none of the async services when shrunk.
    private volatile ConvaiAsyncClient async;

    ConvaiClient(ClientOptions options, ClientContext context, ClientResources resources, boolean ownsResources) {
        super(context);
        this.options = options;
        this.context = context;
        this.resources = resources;
        this.ownsResources = ownsResources;
    }

    /**
     * Returns a builder with every default (see {@link ClientOptions}).
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the same API returning {@code CompletableFuture}s; it shares this client's transport and
     * options.
     *
     * @return the async client
     */
    public ConvaiAsyncClient async() {
        ConvaiAsyncClient a = async;
        if (a == null) {
            synchronized (this) {
                a = async;
                if (a == null) {
                    a = new ConvaiAsyncClient(this);
                    async = a;
                }
            }
        }
        return a;
    }

    /**
     * Returns a client that shares this one's transport and threads and differs in the settings
     * {@code change} makes, e.g. {@code client.withOptions(o -> o.maxRetries(0))}. Cheap: make one per need.
     *
     * @param change changes a copy of this client's options
     * @return the derived client; closing it does nothing
     * @throws IllegalArgumentException if the changed options are not valid
     */
    public ConvaiClient withOptions(Consumer<ClientOptions.Builder> change) {
        ClientOptions.Builder builder = options.toBuilder();
        change.accept(builder);
        ClientOptions changed = builder.build();
        ClientContext derived = new ClientContext(changed, resources.transport(), resources.executorFor(changed),
                resources.scheduler());
        return new ConvaiClient(changed, derived, resources, false);
    }

    /**
     * Sets up a live conversation with an agent over a WebSocket; open it with
     * {@link LiveConversation#open()} or {@link LiveConversation#open(io.github.convai4j.conversation.ConversationListener)}:
     * <pre>{@code
     * try (ConversationSession session = client.liveConversation("agent_123")
     *         .initiation(ConversationInitiation.builder().textOnly(true).build())
     *         .open()) {
     *     System.out.println(session.sendAndAwaitReply("Hello!", Duration.ofSeconds(30)));
     * }
     * }</pre>
     *
     * @param agentId the agent's id
     * @return the set-up; nothing is sent until it is opened
     * @throws IllegalArgumentException if the agent id is empty
     */
    public LiveConversation liveConversation(String agentId) {
        return LiveConversation.create(conversationContext(), agentId);
    }

    /**
     * What a live conversation needs of this client, handed over so that the conversation package never reaches
     * back to this one. Built per conversation (a few immutable fields), not with the client: an app that never
     * talks live then keeps none of the conversation or WebSocket classes when shrunk.
     */
    private ConversationContext conversationContext() {
        return ConversationContext.builder(resources::webSocketTransport, context.executor(), resources.scheduler())
                .baseUrl(options.baseUrl())
                .headers(options.conversationHeaders())
                .connectTimeout(options.connectTimeout())
                .userAgent(context.userAgent())
                .signedUrls(params -> async().conversations().getSignedUrl(params))
                .build();
    }

    /**
     * Returns the WebSocket client live conversations use: the transport's own if it has one; else the
     * WebSocket client alone of the highest-priority discovered transport that has one (in practice
     * {@code convai4j-transport-netty}), created on the first call with this client's connection settings
     * and closed by {@link #close()}.
     *
     * @return the WebSocket client
     * @throws IllegalStateException if no transport with WebSocket support is available (the message names
     *     the artifact to add), or the client is closed
     */
    public WebSocketTransport webSocketTransport() {
        return resources.webSocketTransport();
    }

    /**
     * Returns this client's options.
     *
     * @return the options
     */
    public ClientOptions options() {
        return options;
    }

    /**
     * Returns the runtime the generated services call. It can call an operation this version of the library does
     * not have yet (see {@link ClientContext}); like everything in {@code io.github.convai4j.internal}, it
     * carries no compatibility promise.
     *
     * @return the context
     */
    public ClientContext context() {
        return context;
    }

    /**
     * Closes the transport the client created, its async threads and retry timer. Calls in flight fail.
     * Idempotent. Does nothing on a client made by {@link #withOptions}, and leaves a transport or executor
     * you passed in open.
     */
    @Override
    public void close() {
        if (ownsResources) {
            resources.close();
        }
    }

    @Override
    public String toString() {
        return "ConvaiClient[" + options + ", transport " + context.transport().name() + "]";
    }

    /**
     * Builds a {@link ConvaiClient}. Every setting has a default; only the API key is needed, here or in
     * the {@code ELEVENLABS_API_KEY} environment variable. Not thread-safe.
     */
    public static final class Builder {
        ClientOptions.Builder options = ClientOptions.builder();
        Transport transport;
        String transportName;
        TransportOptions transportOptions;
        ClassLoader transportClassLoader;
        Function<String, String> environment = System::getenv;

        Builder() {
        }

        /**
         * Sets the API key. Default: the {@code ELEVENLABS_API_KEY} environment variable.
         *
         * @param apiKey the key
         * @return this builder
         * @throws IllegalArgumentException if the key is empty or holds whitespace
         */
        public Builder apiKey(String apiKey) {
            options.apiKey(apiKey);
            return this;
        }

        /**
         * Sets base URL and auth scheme from a preset. Default: {@link Provider#ELEVENLABS}.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(Provider provider) {
            options.provider(provider);
            return this;
        }

        /**
         * Sets the base URL; see {@link ClientOptions.Builder#baseUrl(String)}.
         *
         * @param baseUrl the URL
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            options.baseUrl(baseUrl);
            return this;
        }

        /**
         * Sets the base URL; see {@link ClientOptions.Builder#baseUrl(String)}.
         *
         * @param baseUrl the URL
         * @return this builder
         */
        public Builder baseUrl(URI baseUrl) {
            options.baseUrl(baseUrl);
            return this;
        }

        /**
         * Sets how the key is sent. Default: {@link AuthScheme#XI_API_KEY}, or the provider's.
         *
         * @param authScheme the scheme
         * @return this builder
         */
        public Builder authScheme(AuthScheme authScheme) {
            options.authScheme(authScheme);
            return this;
        }

        /**
         * Allows plain {@code http://} to non-loopback hosts; see {@link ClientOptions.Builder#allowInsecureHttp}.
         * Default: {@code false}.
         *
         * @param allow {@code true} to allow
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allow) {
            options.allowInsecureHttp(allow);
            return this;
        }

        /**
         * Sets the connect timeout. Default: 10 s.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            options.connectTimeout(timeout);
            return this;
        }

        /**
         * Sets the read (idle) timeout. Default: 60 s.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            options.readTimeout(timeout);
            return this;
        }

        /**
         * Sets the timeout of one attempt. Default: none.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder attemptTimeout(Duration timeout) {
            options.attemptTimeout(timeout);
            return this;
        }

        /**
         * Sets the overall deadline of a call across retries. Default: 5 minutes.
         *
         * @param timeout zero for none
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            options.timeout(timeout);
            return this;
        }

        /**
         * Sets the retry policy. Default: {@link RetryPolicy#defaults()}.
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            options.retryPolicy(retryPolicy);
            return this;
        }

        /**
         * Sets the number of retries. Default: {@value RetryPolicy#DEFAULT_MAX_RETRIES}.
         *
         * @param maxRetries 0 or more
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            options.maxRetries(maxRetries);
            return this;
        }

        /**
         * Adds a header sent with every request. Default: none.
         *
         * @param name the name
         * @param value the value (no CR or LF)
         * @return this builder
         */
        public Builder defaultHeader(String name, String value) {
            options.defaultHeader(name, value);
            return this;
        }

        /**
         * Adds a header sent on the WebSocket handshake of every live conversation (an {@code Origin}, say);
         * see {@link ClientOptions.Builder#conversationHeader}. Default: none.
         *
         * @param name the name
         * @param value the value (no CR or LF)
         * @return this builder
         */
        public Builder conversationHeader(String name, String value) {
            options.conversationHeader(name, value);
            return this;
        }

        /**
         * Sets the executor async calls decode and complete on; see {@link ClientOptions.Builder#executor}.
         * Default: the client's own pool.
         *
         * @param executor the executor, not shut down by the client
         * @return this builder
         */
        public Builder executor(Executor executor) {
            options.executor(executor);
            return this;
        }

        /**
         * Adds a listener that every call notifies; see {@link ClientOptions.Builder#addListener}.
         * Default: none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder addListener(io.github.convai4j.core.CallListener listener) {
            options.addListener(listener);
            return this;
        }

        /**
         * Turns response compression on or off; see {@link ClientOptions.Builder#compression(boolean)}.
         * Default: on.
         *
         * @param compression {@code false} to turn it off
         * @return this builder
         */
        public Builder compression(boolean compression) {
            options.compression(compression);
            return this;
        }

        /**
         * Sets the most bytes a compressed response may inflate to; see
         * {@link ClientOptions.Builder#maxInflatedSize(long)}. Default: 256 MiB.
         *
         * @param bytes the limit, 1 or more
         * @return this builder
         */
        public Builder maxInflatedSize(long bytes) {
            options.maxInflatedSize(bytes);
            return this;
        }

        /**
         * Starts from existing options (the API key included), replacing everything set so far.
         *
         * @param clientOptions the options
         * @return this builder
         */
        public Builder options(ClientOptions clientOptions) {
            this.options = clientOptions.toBuilder();
            return this;
        }

        /**
         * Uses this transport instead of discovering one. The client does not close it: you do, after the
         * client. Default: discovered (see {@link ConvaiClient}).
         *
         * @param transport the transport
         * @return this builder
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Chooses a discovered transport by name when several are on the class path: {@code "httpclient"}
         * (or {@code "httpclient5"}) for {@code convai4j-transport-httpclient}, {@code "netty"} for
         * {@code convai4j-transport-netty}, {@code "jdk"} for {@code convai4j-transport-jdk}; case does not matter. Default: the system property
         * {@code convai4j.transport}, else the highest priority. Building fails if no transport of that name is on
         * the class path, naming the artifact to add.
         *
         * @param name the transport's name
         * @return this builder
         */
        public Builder transportName(String name) {
            this.transportName = name;
            return this;
        }

        /**
         * Sets the connection settings for a discovered transport (pool size, idle time). Default:
         * {@link TransportOptions#defaults()} with this builder's connect and read timeouts.
         *
         * @param transportOptions the settings
         * @return this builder
         */
        public Builder transportOptions(TransportOptions transportOptions) {
            this.transportOptions = Objects.requireNonNull(transportOptions, "transportOptions");
            return this;
        }

        /**
         * Sets the class loader transports are discovered with. Default: the thread's context class loader,
         * then convai4j's own.
         *
         * @param classLoader the loader
         * @return this builder
         */
        public Builder transportClassLoader(ClassLoader classLoader) {
            this.transportClassLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** Replaces the environment lookup; for tests. */
        Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Builds the client, finding a transport if none was given.
         *
         * @return the client
         * @throws IllegalStateException if there is no API key, or no transport can be found
         * @throws IllegalArgumentException if a setting is not valid
         */
        public ConvaiClient build() {
            if (!options.hasApiKey()) {
                String fromEnvironment = environment.apply(API_KEY_ENVIRONMENT_VARIABLE);
                if (fromEnvironment == null || fromEnvironment.isEmpty()) {
                    throw new IllegalStateException("No API key: call ConvaiClient.builder().apiKey(...) or set the "
                            + API_KEY_ENVIRONMENT_VARIABLE + " environment variable");
                }
                try {
                    options.apiKey(fromEnvironment);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("The " + API_KEY_ENVIRONMENT_VARIABLE
                            + " environment variable does not hold a usable key: " + e.getMessage(), e);
                }
            }
            ClientOptions built = options.build();
            Transport chosen = transport;
            boolean ownsTransport = false;
            TransportOptions connection = transportOptions != null ? transportOptions
                    : TransportOptions.builder().connectTimeout(built.connectTimeout())
                            .readTimeout(built.readTimeout()).build();
            if (chosen == null) {
                String name = transportName != null ? transportName : System.getProperty(TransportDiscovery.TRANSPORT_PROPERTY);
                chosen = TransportDiscovery.create(transportClassLoader, name, connection);
                ownsTransport = true;
            }
            // A WebSocket client for live conversations is looked for when the first one starts, not here: an app
            // that never talks live then keeps no WebSocket type when shrunk.
            ClientResources resources = new ClientResources(chosen, ownsTransport, transportClassLoader, connection);
            ClientContext context = new ClientContext(built, chosen, resources.executorFor(built), resources.scheduler());
            return new ConvaiClient(built, context, resources, true);
        }
    }
}
