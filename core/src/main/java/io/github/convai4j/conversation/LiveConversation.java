package io.github.convai4j.conversation;

import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import io.github.convai4j.models.conversations.ConversationSignedUrlResponse;
import io.github.convai4j.models.conversations.GetConversationSignedLinkParams;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Sets up and opens a live conversation with an agent. Get one from
 * {@code ConvaiClient.liveConversation(String)} (or {@code client.async().liveConversation(...)}), set what
 * you need, then open:
 * <ul>
 *   <li>{@link #open(ConversationListener)}: events go to your listener, on the session's event thread;</li>
 *   <li>{@link #open()}: events wait in a queue for {@link ConversationSession#nextEvent(Duration)};</li>
 *   <li>{@link #openAsync()} and {@link #openAsync(ConversationListener)}: the same without blocking.</li>
 * </ul>
 * Opening returns once the server has sent {@code conversation_initiation_metadata}, so the session has its
 * conversation id. The same object can open several sessions, each with the settings made at the time.
 *
 * <p><b>Where it connects.</b> A public agent is reached directly at
 * {@code wss://<host of the client's base URL>/v1/convai/conversation?agent_id=...}, so it follows the
 * client's provider and region ({@code https} becomes {@code wss}; a plain {@code http} loopback base URL,
 * as in tests, becomes {@code ws}). For a private agent, {@link #requiresAuth(boolean)} first asks the API
 * for a signed URL (the generated {@code conversations().getSignedUrl}: {@code GET
 * /v1/convai/conversation/get-signed-url}, an ordinary API call with the client's key, retries, errors and
 * logging) and connects to it as returned; or pass a signed URL your
 * backend fetched with {@link #signedUrl(String)}. Either way {@code source=unknown} and {@code version}
 * are added to the URL, as the official SDKs do. The API key never travels on the WebSocket: the
 * handshake carries a {@code User-Agent} and the headers set with {@link #header(String, String)} or
 * {@code ClientOptions.Builder.conversationHeader} (an {@code Origin}, say), nothing else.
 *
 * <p><b>Transport.</b> Live conversations need a transport with WebSocket support
 * ({@code io.github.convai4j:convai4j-transport-netty}). If the client's transport has none, the client
 * uses a discovered one that has, for conversations only (see {@code ConvaiClient.webSocketTransport()});
 * if there is none, opening fails at once with an {@link IllegalStateException} that says which artifact to
 * add.
 *
 * <p>Not thread-safe: set up on one thread. Sessions are thread-safe. {@link #toString()} never shows a
 * signed URL's token.
 */
public final class LiveConversation {

    /** Default {@link #toolTimeout}: 30 s. */
    public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link #openTimeout}: 30 s. */
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link #maxPendingEvents}: {@value}. */
    public static final int DEFAULT_MAX_PENDING_EVENTS = 1024;
    /** Default {@link #maxSendBacklog}: {@value} bytes (4 MiB, about 100 s of 16 kHz audio). */
    public static final long DEFAULT_MAX_SEND_BACKLOG = 4L * 1024 * 1024;
    /**
     * What one message waiting to be written counts in the send backlog besides its UTF-8 bytes: what queuing it
     * costs in heap and direct memory (the transport's frame, write task, promise and bookkeeping, and the
     * session's futures), measured per message with a server that does not read (integration-tests
     * {@code SendBacklogCostTest}: about 630 bytes on Netty, heap and direct, and 400 on java.net.http), rounded
     * up: {@value} bytes.
     */
    public static final int SEND_MESSAGE_OVERHEAD = 768;
    /** Default {@link #sendStallTimeout}: 30 s. */
    public static final Duration DEFAULT_SEND_STALL_TIMEOUT = Duration.ofSeconds(30);

    private final ConversationContext context;
    private final String agentId;
    private boolean requiresAuth;
    private boolean expectFirstMessage;
    private String signedUrl;
    private String branchId;
    private String environment;
    private ConversationInitiation initiation = ConversationInitiation.empty();
    private final Map<String, ClientToolHandler> tools = new LinkedHashMap<>();
    private boolean answerUnknownClientTools = true;
    private Executor toolExecutor;
    private Duration toolTimeout = DEFAULT_TOOL_TIMEOUT;
    private Executor eventExecutor;
    private int maxPendingEvents = DEFAULT_MAX_PENDING_EVENTS;
    private Duration openTimeout = DEFAULT_OPEN_TIMEOUT;
    private int maxMessageSize = WebSocketRequest.DEFAULT_MAX_MESSAGE_SIZE;
    private long maxSendBacklog = DEFAULT_MAX_SEND_BACKLOG;
    private Duration sendStallTimeout = DEFAULT_SEND_STALL_TIMEOUT;
    private WebSocketTransport webSocketTransport;
    private final Headers.Builder headers = Headers.builder();

    LiveConversation(ConversationContext context, String agentId) {
        this.context = Objects.requireNonNull(context, "context");
        Objects.requireNonNull(agentId, "agentId");
        if (agentId.trim().isEmpty()) {
            throw new IllegalArgumentException("The agent id is empty: pass the id of an agent, like \"agent_...\"");
        }
        this.agentId = agentId;
    }

    /**
     * Sets up a conversation in a context; {@code ConvaiClient.liveConversation(agentId)} does this with the
     * client's context, which is what applications use. Build a {@link ConversationContext} only to open
     * conversations without a client.
     *
     * @param context the base URL, handshake headers, WebSocket client, threads and signed-URL call to use
     * @param agentId the agent's id
     * @return the set-up
     * @throws IllegalArgumentException if the agent id is empty
     */
    public static LiveConversation create(ConversationContext context, String agentId) {
        return new LiveConversation(context, agentId);
    }

    /**
     * Says whether the agent is private, so that a signed URL must be fetched first with the API key.
     * Default: {@code false} (a public agent, connected to directly).
     *
     * @param requiresAuth {@code true} for a private agent
     * @return this set-up
     */
    public LiveConversation requiresAuth(boolean requiresAuth) {
        this.requiresAuth = requiresAuth;
        return this;
    }

    /**
     * Connects to a signed URL obtained elsewhere, e.g. by your backend, which keeps the API key; no API call
     * is made. The URL is used as given, with {@code source} and {@code version} added. Signed URLs expire
     * after 15 minutes. Default: none.
     *
     * @param signedUrl the {@code signed_url} of {@code GET /v1/convai/conversation/get-signed-url}, or
     *     {@code null} for none
     * @return this set-up
     * @throws IllegalArgumentException if it is not an absolute {@code wss://} or {@code ws://} URL (the
     *     message never repeats the token)
     */
    public LiveConversation signedUrl(String signedUrl) {
        if (signedUrl != null) {
            ConversationUrls.signed(signedUrl, LibraryVersion.get()); // checks it now
        }
        this.signedUrl = signedUrl;
        return this;
    }

    /**
     * Talks to a branch of the agent ({@code branch_id}). Default: the agent's main branch.
     *
     * @param branchId the branch's id, or {@code null}
     * @return this set-up
     */
    public LiveConversation branchId(String branchId) {
        this.branchId = emptyToNull(branchId, "branchId");
        return this;
    }

    /**
     * Chooses the environment whose variables the agent uses ({@code environment}), e.g. {@code "staging"}.
     * Default: the server's, {@code "production"}.
     *
     * @param environment the environment, or {@code null}
     * @return this set-up
     */
    public LiveConversation environment(String environment) {
        this.environment = emptyToNull(environment, "environment");
        return this;
    }

    /**
     * Sets what the session sends first: overrides, dynamic variables, user id. Default:
     * {@link ConversationInitiation#empty()}.
     *
     * @param initiation the initiation data
     * @return this set-up
     */
    public LiveConversation initiation(ConversationInitiation initiation) {
        this.initiation = Objects.requireNonNull(initiation, "initiation");
        return this;
    }

    /**
     * Registers a client tool: when the agent calls the tool of this name, the handler runs on the tool
     * executor and its result is sent back. Registering a name again replaces its handler.
     *
     * @param name the tool's name, as configured on the agent
     * @param handler runs the tool
     * @return this set-up
     * @throws IllegalArgumentException if the name is empty
     */
    public LiveConversation clientTool(String name, ClientToolHandler handler) {
        Objects.requireNonNull(name, "name");
        if (name.trim().isEmpty()) {
            throw new IllegalArgumentException("A client tool needs a name");
        }
        tools.put(name, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Says what happens to a call of a tool no handler is registered for. Default: {@code true}, the session
     * answers it at once with {@code is_error: true} and a message naming the tool, so the agent is never
     * left waiting. With {@code false} the call is only delivered as an event, and you answer it with
     * {@link ConversationSession#sendClientToolResult}.
     *
     * @param answer {@code true} to answer unknown tools with an error
     * @return this set-up
     */
    public LiveConversation answerUnknownClientTools(boolean answer) {
        this.answerUnknownClientTools = answer;
        return this;
    }

    /**
     * Sets the executor client tool handlers run on. Default: the session's own pool of up to
     * {@value ToolCalls#DEFAULT_TOOL_THREADS} daemon threads named {@code convai4j-conversation-tool-N},
     * started on the first call, stopped when the session ends. An executor given here is not shut down.
     *
     * @param executor the executor, or {@code null} for the default
     * @return this set-up
     */
    public LiveConversation toolExecutor(Executor executor) {
        this.toolExecutor = executor;
        return this;
    }

    /**
     * Sets how long a client tool may run before the session answers the call with an error (and interrupts
     * the handler). Default: 30 s.
     *
     * @param timeout the timeout; zero for none
     * @return this set-up
     */
    public LiveConversation toolTimeout(Duration timeout) {
        this.toolTimeout = nonNegative(timeout, "toolTimeout");
        return this;
    }

    /**
     * Sets the executor listener callbacks run on; the session still calls the listener one call at a time,
     * in order. Default: the session's own daemon thread, {@code convai4j-conversation-events-N}, stopped
     * when the session ends. An executor given here is not shut down. Not used without a listener.
     *
     * @param executor the executor, or {@code null} for the default
     * @return this set-up
     */
    public LiveConversation eventExecutor(Executor executor) {
        this.eventExecutor = executor;
        return this;
    }

    /**
     * Sets how many events may wait for the listener or for {@code nextEvent}. The server cannot be slowed
     * down (the WebSocket has no backpressure), so when this many wait, the session drops one: the arriving
     * event if it is transient (audio, VAD and turn scores, tentative transcripts, pings), else the oldest
     * transient one, else the oldest. It logs the first drop at WARN and counts all
     * ({@link ConversationSession#droppedEvents()}). Pings are answered and tool calls run whether or not
     * their events are delivered. Default: {@value #DEFAULT_MAX_PENDING_EVENTS} (about four minutes of
     * agent audio in 250 ms chunks).
     *
     * @param max at least 1
     * @return this set-up
     * @throws IllegalArgumentException if less than 1
     */
    public LiveConversation maxPendingEvents(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxPendingEvents must be at least 1, was " + max);
        }
        this.maxPendingEvents = max;
        return this;
    }

    /**
     * Sets how long opening may take, from the call of {@code open} (including the signed-URL request) until
     * the server's {@code conversation_initiation_metadata} arrives. Default: 30 s. The WebSocket's connect
     * timeout (TCP, TLS, handshake) is the client's connect timeout.
     *
     * @param timeout the timeout, positive
     * @return this set-up
     * @throws IllegalArgumentException if not positive
     */
    public LiveConversation openTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "openTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("openTimeout must be positive");
        }
        this.openTimeout = timeout;
        return this;
    }

    /**
     * Sets the largest message accepted from the server; a larger one ends the conversation (close code
     * 1009). Default: 16 MiB, as the official SDKs.
     *
     * @param bytes at least 1024
     * @return this set-up
     * @throws IllegalArgumentException if less than 1024
     */
    public LiveConversation maxMessageSize(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes, was " + bytes);
        }
        this.maxMessageSize = bytes;
        return this;
    }

    /**
     * Sets the most the session may have sent and not yet written to the connection: each message counts its
     * UTF-8 bytes plus {@value #SEND_MESSAGE_OVERHEAD} bytes of what queuing it costs. A send that would go past
     * it fails at once (its future completes with an {@link java.io.IOException}; the conversation goes on), so
     * that a connection slower than what is sent, or a server that does not read, cannot fill the memory. A single
     * larger message is still sent when nothing waits. Pongs are exempt: the session keeps at most one waiting
     * and answers only the newest ping. Default: 4 MiB, about 100 s of {@code pcm_16000} audio.
     *
     * @param bytes at least 64 KiB
     * @return this set-up
     * @throws IllegalArgumentException if less than 64 KiB
     */
    public LiveConversation maxSendBacklog(long bytes) {
        if (bytes < 64 * 1024) {
            throw new IllegalArgumentException("maxSendBacklog must be at least 65536 bytes, was " + bytes);
        }
        this.maxSendBacklog = bytes;
        return this;
    }

    /**
     * Sets how long the connection may lag behind what the session sends: when messages wait to be written (or
     * a pong is owed) the whole time for this long, the server does not read, or reads far slower than the
     * session sends (a real-time voice session would only fall further behind), and the session aborts the
     * connection and ends with {@link ConversationEnd.Kind#PEER_NOT_READING} (reason {@link ConversationEnd.Reason#TIMEOUT})
     * instead of keeping what it sends in memory. Default: 30 s.
     *
     * @param timeout the timeout; zero to never end for that reason (the send backlog still bounds memory)
     * @return this set-up
     * @throws IllegalArgumentException if negative
     */
    public LiveConversation sendStallTimeout(Duration timeout) {
        this.sendStallTimeout = nonNegative(timeout, "sendStallTimeout");
        return this;
    }

    /**
     * Opens the WebSocket with this client instead of the client's, e.g.
     * {@code nettyTransport.webSocket().get()}. Default: the client's (see the class description).
     *
     * @param webSockets the WebSocket client, or {@code null} for the default; not closed by the session
     * @return this set-up
     */
    public LiveConversation webSocketTransport(WebSocketTransport webSockets) {
        this.webSocketTransport = webSockets;
        return this;
    }

    /**
     * Adds a header to this conversation's WebSocket handshake, after those of
     * {@code ClientOptions.Builder.conversationHeader} (a header of the same name replaces theirs, and
     * {@code User-Agent} replaces the library's). For example an {@code Origin}, which agents with an origin
     * allowlist ({@code platform_settings.auth.allowlist}, {@code require_origin_header}) require. Credential
     * headers are masked in logs and {@code toString()}, as on API calls.
     *
     * @param name the header's name; not one the WebSocket handshake writes itself ({@code Host},
     *     {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}, ...)
     * @param value the value: no CR, LF or other control character but tab, nothing above U+00FF
     * @return this set-up
     * @throws IllegalArgumentException if the name or value is not allowed, before any I/O
     */
    public LiveConversation header(String name, String value) {
        if (name != null && WebSocketRequest.isHandshakeHeader(name)) {
            throw new IllegalArgumentException("header cannot set '" + name + "': the WebSocket handshake writes it"
                    + " itself");
        }
        headers.set(name, value);
        return this;
    }

    /**
     * Says whether the agent speaks first (it has a {@code first_message}, its own or the initiation's override).
     * With {@code true}, opening completes only once that first {@code agent_response} has arrived, and
     * {@link ConversationSession#firstMessage()} returns it: a {@link ConversationSession#sendAndAwaitReply}
     * right after {@code open()} then always gets the reply to its own message. The protocol has no signal
     * that tells an agent without a first message from a slow one, so the session cannot find this out by
     * itself; with {@code true} and an agent that waits for the user, opening fails at the open timeout,
     * saying so. Default: {@code false} (opening completes with the server's
     * {@code conversation_initiation_metadata}; a first message is delivered as an ordinary event and
     * {@link ConversationSession#awaitAgentResponse} takes it).
     *
     * @param expect whether to wait for the agent's first message while opening
     * @return this set-up
     */
    public LiveConversation expectFirstMessage(boolean expect) {
        this.expectFirstMessage = expect;
        return this;
    }

    /**
     * Opens the conversation and delivers its events to {@code listener}; blocks until the server's
     * {@code conversation_initiation_metadata} has arrived. Events may reach the listener before this
     * returns.
     *
     * @param listener receives the events and the end, on the session's event thread
     * @return the open session; close it
     * @throws IllegalStateException if no transport with WebSocket support is available (before any I/O)
     * @throws ConversationRefusedException if the server refused the WebSocket (e.g. HTTP 403 for a private
     *     agent without {@link #requiresAuth})
     * @throws ConversationClosedException if the server ended the conversation before it started (e.g. 1008
     *     {@code override_error})
     * @throws io.github.convai4j.errors.ConvaiTimeoutException if it did not open within the open timeout
     * @throws io.github.convai4j.errors.ConvaiException for other failures, e.g. the signed-URL request's
     */
    public ConversationSession open(ConversationListener listener) {
        return await(openAsync(Objects.requireNonNull(listener, "listener")));
    }

    /**
     * Opens the conversation; its events wait in a queue for {@link ConversationSession#nextEvent(Duration)}.
     * Blocks until the server's {@code conversation_initiation_metadata} has arrived.
     *
     * @return the open session; close it
     * @throws IllegalStateException if no transport with WebSocket support is available (before any I/O)
     * @throws ConversationRefusedException if the server refused the WebSocket
     * @throws ConversationClosedException if the server ended the conversation before it started
     * @throws io.github.convai4j.errors.ConvaiTimeoutException if it did not open within the open timeout
     * @throws io.github.convai4j.errors.ConvaiException for other failures
     */
    public ConversationSession open() {
        return await(openAsync());
    }

    /**
     * Opens the conversation without blocking; events go to {@code listener}. Bad settings and a missing
     * WebSocket capability throw at once; other failures complete the future exceptionally (with the
     * exceptions {@link #open(ConversationListener)} throws). The future completes on the client's executor;
     * cancelling it abandons the opening.
     *
     * @param listener receives the events and the end, on the session's event thread
     * @return the future open session
     * @throws IllegalStateException if no transport with WebSocket support is available
     */
    public CompletableFuture<ConversationSession> openAsync(ConversationListener listener) {
        return start(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Opens the conversation without blocking; events wait in a queue for
     * {@link ConversationSession#nextEvent(Duration)}. See {@link #openAsync(ConversationListener)}.
     *
     * @return the future open session
     * @throws IllegalStateException if no transport with WebSocket support is available
     */
    public CompletableFuture<ConversationSession> openAsync() {
        return start(null);
    }

    private CompletableFuture<ConversationSession> start(ConversationListener listener) {
        WebSocketTransport webSockets = webSocketTransport != null ? webSocketTransport : context.webSockets();
        String version = LibraryVersion.get();
        URI knownUrl = null;
        if (signedUrl != null) {
            knownUrl = ConversationUrls.signed(signedUrl, version);
        } else if (!requiresAuth) {
            knownUrl = ConversationUrls.publicAgent(context.baseUrl(), agentId, branchId, environment, version);
        } else if (context.signedUrls() == null) {
            throw new IllegalStateException("Agent " + agentId + " requires auth, and this conversation context has no"
                    + " way to fetch a signed URL: pass one with signedUrl(...), or open it through a ConvaiClient");
        }
        Settings settings = settings();
        LiveSession session = new LiveSession(settings, listener, context.executor(), context.scheduler());
        CompletableFuture<ConversationSession> opened = session.openedFuture();
        if (knownUrl != null) {
            session.connect(webSockets, settings.request(knownUrl));
        } else {
            CompletableFuture<URI> fetch = fetchSignedUrl(version);
            session.whileOpening(fetch);
            fetch.whenComplete((url, failure) -> {
                if (failure != null) {
                    session.failOpen(unwrap(failure));
                } else {
                    session.connect(webSockets, settings.request(url));
                }
            });
        }
        return opened;
    }

    /** The signed URL, through the generated {@code conversations().getSignedUrl} of the client. */
    private CompletableFuture<URI> fetchSignedUrl(String version) {
        GetConversationSignedLinkParams.Builder params = GetConversationSignedLinkParams.builder().agentId(agentId);
        if (branchId != null) {
            params.branchId(branchId);
        }
        if (environment != null) {
            params.environment(environment);
        }
        Function<GetConversationSignedLinkParams, CompletableFuture<ConversationSignedUrlResponse>> call =
                context.signedUrls();
        return call.apply(params.build()).thenApply(response -> {
            String url;
            try {
                url = response.signedUrl();
            } catch (NoSuchElementException absent) { // absent, null or not a string
                throw new ConversationException("The get-signed-url response has no signed_url string; cannot open"
                        + " the conversation of private agent " + agentId, null);
            }
            try {
                return ConversationUrls.signed(url, version);
            } catch (IllegalArgumentException e) {
                throw new ConversationException("The signed URL the API returned is not usable: " + e.getMessage(), null);
            }
        });
    }

    private Settings settings() {
        Headers.Builder handshake = context.headers().toBuilder();
        for (String name : headers.build().names()) {
            handshake.remove(name);
        }
        handshake.addAll(headers.build());
        return new Settings(agentId, initiation, expectFirstMessage, handshake.build(),
                Collections.unmodifiableMap(new LinkedHashMap<>(tools)), answerUnknownClientTools, toolExecutor,
                toolTimeout, eventExecutor, maxPendingEvents, openTimeout, maxMessageSize, maxSendBacklog,
                sendStallTimeout, context.connectTimeout(), context.userAgent());
    }

    private static ConversationSession await(CompletableFuture<ConversationSession> opening) {
        try {
            return opening.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            opening.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConversationException("Interrupted while opening the conversation", e);
        }
    }

    private static RuntimeException rethrow(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ConvaiException) {
            return (ConvaiException) cause;
        }
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
            return (RuntimeException) cause;
        }
        return new ConversationException("Could not open the conversation: " + cause, cause);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String emptyToNull(String value, String name) {
        if (value != null && value.trim().isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty; pass null for none");
        }
        return value;
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative (use Duration.ZERO for none)");
        }
        return d;
    }

    @Override
    public String toString() {
        return "LiveConversation[agent=" + agentId + (requiresAuth ? ", requiresAuth" : "")
                + (signedUrl != null ? ", signedUrl=" + ConversationUrls.redact(URI.create(signedUrl.trim())) : "")
                + ", tools=" + tools.keySet() + ", " + initiation + "]";
    }

    /** The settings a session is opened with: a snapshot of the set-up. */
    static final class Settings {
        final String agentId;
        final ConversationInitiation initiation;
        final boolean expectFirstMessage;
        final Headers headers;
        final Map<String, ClientToolHandler> tools;
        final boolean answerUnknownClientTools;
        final Executor toolExecutor;
        final Duration toolTimeout;
        final Executor eventExecutor;
        final int maxPendingEvents;
        final Duration openTimeout;
        final int maxMessageSize;
        final long maxSendBacklog;
        final Duration sendStallTimeout;
        final Duration connectTimeout;
        final String userAgent;

        Settings(String agentId, ConversationInitiation initiation, boolean expectFirstMessage, Headers headers,
                Map<String, ClientToolHandler> tools, boolean answerUnknownClientTools, Executor toolExecutor,
                Duration toolTimeout, Executor eventExecutor, int maxPendingEvents, Duration openTimeout,
                int maxMessageSize, long maxSendBacklog, Duration sendStallTimeout, Duration connectTimeout,
                String userAgent) {
            this.agentId = agentId;
            this.initiation = initiation;
            this.expectFirstMessage = expectFirstMessage;
            this.headers = headers;
            this.tools = tools;
            this.answerUnknownClientTools = answerUnknownClientTools;
            this.toolExecutor = toolExecutor;
            this.toolTimeout = toolTimeout;
            this.eventExecutor = eventExecutor;
            this.maxPendingEvents = maxPendingEvents;
            this.openTimeout = openTimeout;
            this.maxMessageSize = maxMessageSize;
            this.maxSendBacklog = maxSendBacklog;
            this.sendStallTimeout = sendStallTimeout;
            this.connectTimeout = connectTimeout;
            this.userAgent = userAgent;
        }

        /** The handshake's headers: the user agent unless the set-up names one, then the set-up's. */
        Headers handshakeHeaders(String libraryUserAgent) {
            Headers.Builder all = Headers.builder();
            if (!headers.contains("User-Agent")) {
                all.add("User-Agent", libraryUserAgent);
            }
            return all.addAll(headers).build();
        }

        /** What the WebSocket connects to, and how. */
        WebSocketRequest request(URI url) {
            WebSocketRequest.Builder request = WebSocketRequest.builder(url)
                    .headers(handshakeHeaders(userAgent))
                    .maxMessageSize(maxMessageSize);
            if (connectTimeout != null) {
                request.connectTimeout(connectTimeout);
            }
            return request.build();
        }
    }
}
