package io.github.convai4j.testkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process fake of the ElevenLabs Agents Platform REST API and of its live agent WebSocket, for tests: a
 * real HTTP/1.1 and WebSocket server on {@code 127.0.0.1} and an ephemeral port, with in-memory state, fault
 * injection and request recording.
 *
 * <pre>{@code
 * try (FakeAgentsPlatform server = FakeAgentsPlatform.start()) {
 *     // point the code under test at server.baseUrl() with server.apiKey()
 *     ...
 *     assertEquals("PATCH", server.lastRequest().method());
 * }
 * }</pre>
 * In JUnit 5, {@link FakeAgentsPlatformExtension} starts and stops it for you.
 *
 * <h2>What it implements</h2>
 * Following the official OpenAPI document's semantics and response shapes:
 * <ul>
 *   <li><b>Agents</b>: {@code POST /v1/convai/agents/create}, {@code GET /v1/convai/agents} (cursor paging
 *       with {@code cursor}, {@code page_size} 1 to 100 (default 30), {@code search} (case-insensitive
 *       substring of the name), {@code archived} (default {@code false})), {@code GET}, {@code PATCH} and
 *       {@code DELETE /v1/convai/agents/{agent_id}}, {@code POST /v1/convai/agents/{agent_id}/duplicate}.
 *       A new agent gets every default the OpenAPI document declares, with the create body merged over them.
 *       PATCH merges: objects sent merge into the stored objects member by member; any other value sent
 *       (array, string, number, boolean, explicit {@code null}) replaces the stored one, so {@code null}
 *       clears; members not sent keep their value.</li>
 *   <li><b>Widget</b>: {@code GET /v1/convai/agents/{agent_id}/widget}; <b>avatar</b>:
 *       {@code POST /v1/convai/agents/{agent_id}/avatar} (multipart part {@code avatar_file}). The image is
 *       served back, without authentication, at the returned {@code avatar_url} (a URL on this server), and
 *       the widget configuration and the agent's {@code platform_settings.widget.avatar} point at it.</li>
 *   <li><b>Conversations</b>: list (paged, filter {@code agent_id}), get, delete; audio download
 *       ({@code GET .../audio}, {@code audio/mpeg}, streamed); file upload
 *       ({@code POST .../files}, multipart part {@code file}) and delete. Conversations come from ended
 *       {@link LiveSession live sessions}, or are added with {@link #addConversation(ConversationSeed)}.</li>
 *   <li><b>Tools</b>: {@code /v1/convai/tools} create, list (paged, {@code search} by name prefix), get,
 *       update ({@code PATCH} replaces {@code tool_config}), delete.</li>
 *   <li><b>Knowledge base</b>: create documents from text, a URL (never fetched) or a file; list (paged,
 *       {@code search} by name prefix, {@code types}); get; delete.</li>
 *   <li><b>Secrets</b>: {@code /v1/convai/secrets} create, list, get, update, delete. A secret's value is
 *       never returned by any endpoint (not even inside a 422), never logged, never in a {@code toString};
 *       check it with {@link #secretHasValue(String, String)}.</li>
 *   <li><b>Live conversations</b>: {@code GET /v1/convai/conversation/get-signed-url?agent_id=...} (API key
 *       required, like every route) answers {@code {"signed_url":"ws://127.0.0.1:<port>/v1/convai/conversation?
 *       agent_id=...&token=..."}} with a fresh token that opens one conversation and expires after
 *       {@link Builder#signedUrlTtl(Duration)} (15 minutes by default). The WebSocket
 *       {@code /v1/convai/conversation?agent_id=...} is on the same port and needs no API key. A public agent
 *       connects with its id alone; a private one ({@code platform_settings.auth.enable_auth} true, set with a
 *       PATCH or {@link #requireAuth(String, boolean)}) needs a valid token. Refused upgrades are answered with an
 *       HTTP status and the API's error body instead of {@code 101}: 403 {@code authorization_required} (no
 *       token), {@code invalid_token} (unknown, used, or another agent's), {@code token_expired}; 404
 *       {@code agent_not_found}; 422 without {@code agent_id}. The subprotocol {@code convai} is agreed to when
 *       asked for. What a session does by itself and how a test drives it: {@link LiveSession}; how the agent
 *       answers: {@link ConversationScript}; waiting for a session: {@link #awaitSession(Duration)}.</li>
 *   <li><b>Webhooks</b> (the platform calling your server): with a {@link PostCallWebhook} installed
 *       ({@link #postCallWebhook(PostCallWebhook)}), a conversation that ends is posted to your URL as a signed
 *       {@code post_call_transcription} (and {@code post_call_audio}) event; any event can also be sent on demand
 *       ({@link #deliverPostCallTranscription(String)}, {@link #deliverPostCallAudio(String)},
 *       {@link #deliverCallInitiationFailure(String, String)}, {@link #deliverWebhookEvent(String, String)}). A
 *       {@link #startInboundCall(String, String, String) fake inbound call} asks your
 *       {@link ClientDataWebhook conversation-initiation client-data webhook} for its dynamic variables and
 *       overrides. Only URLs on loopback are called.</li>
 * </ul>
 * Lists are newest first: conversations by call start time, everything else by creation; the
 * {@code sort_by} and {@code sort_direction} parameters and filters not named above are ignored. Cursors
 * are opaque strings, valid across deletions.
 *
 * <p>Every other operation under {@code /v1/convai} answers 501 with
 * {@code {"detail":{"status":"not_implemented","message":"... <METHOD> <path> ..."}}}; a path outside it
 * answers FastAPI's 404 {@code {"detail":"Not Found"}}.
 *
 * <h2>Errors, as the API answers them</h2>
 * <ul>
 *   <li>Authentication: the key must come in the header of the {@link AuthScheme} chosen at start
 *       ({@code xi-api-key} by default). Missing: 401 {@code {"detail":{"status":"needs_authorization",...}}};
 *       wrong: 401 {@code {"detail":{"status":"invalid_api_key","message":"Invalid API key"}}}.</li>
 *   <li>Invalid bodies and query parameters of the implemented routes: 422 with FastAPI's
 *       {@code {"detail":[{"type","loc","msg","input"}]}}, every error at once: malformed JSON
 *       ({@code json_invalid}), missing required fields ({@code missing}), wrong JSON types (the fake is
 *       strict: no string-to-number coercion), a tool's unknown {@code type}, a {@code page_size} out of
 *       range. Only the top-level fields of bodies (and a tool's {@code tool_config}) are checked.</li>
 *   <li>Unknown ids: 404 {@code {"detail":{"status":"agent_not_found","message":...}}} (likewise
 *       {@code conversation_not_found}, {@code tool_not_found}, {@code document_not_found},
 *       {@code secret_not_found}, {@code file_not_found}).</li>
 *   <li>A multipart body that is not well-formed: Starlette's 400
 *       {@code {"detail":"There was an error parsing the body"}}; the reason is logged as a warning.</li>
 *   <li>A request body larger than {@link Builder#maxRequestBodyBytes(int)}: 413.</li>
 * </ul>
 * Every response carries a {@code request-id} header, as the API's do. WebSocket upgrade requests are recorded
 * like other requests (their query may hold a signed URL's token: the testkit never logs it), but fault rules
 * do not apply to them.
 *
 * <h2>Threads and lifecycle</h2>
 * The server runs on two daemon I/O threads of its own and never blocks them (latency faults are
 * scheduled, not slept); each live session runs its {@link ConversationScript} on a daemon thread of its own. Every method of this class is thread-safe and may be called while requests are in
 * flight. {@link #close()} stops the server, closes open connections and frees its threads; it is
 * idempotent. Whoever called {@link #start()} closes it.
 *
 * <h2>Memory</h2>
 * Request bodies are read whole, up to {@link Builder#maxRequestBodyBytes(int)} (default
 * {@value #DEFAULT_MAX_REQUEST_BODY_BYTES} bytes), and kept in the request record until
 * {@link #clearRequests()} or {@link #reset()}. Response bodies are streamed with back-pressure: a
 * conversation's {@link ConversationSeed#syntheticAudio(long) synthetic audio} of any size is generated
 * while it is sent.
 */
public final class FakeAgentsPlatform implements AutoCloseable {

    /** The default limit on a request body: {@value} bytes (16 MiB). */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;
    /** How long a signed URL's token stays valid by default: {@value} seconds (15 minutes, as the API's). */
    public static final long DEFAULT_SIGNED_URL_TTL_SECONDS = 15 * 60;
    /** The default interval between the pings of a live session: {@value} ms. */
    public static final long DEFAULT_PING_INTERVAL_MILLIS = 2000;
    /** How long a live session waits for a pong by default before it closes with 1002: {@value} ms. */
    public static final long DEFAULT_PONG_TIMEOUT_MILLIS = 10000;
    /** After how many user audio bytes a live session sends a transcript by default: {@value} (1 s of pcm_16000). */
    public static final int DEFAULT_AUDIO_BYTES_PER_TRANSCRIPT = 32000;

    private final String apiKey;
    private final AuthScheme authScheme;
    private final FakeState state = new FakeState();
    private final Faults faults = new Faults();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final AtomicLong requestSequence = new AtomicLong();
    private final AgentRoutes agentRoutes;
    private final ConversationRoutes conversationRoutes;
    private final SignedUrls signedUrls;
    private final LiveSessions liveSessions;
    private final LiveEndpoint liveEndpoint;
    private final PostCallWebhooks postCallWebhooks;
    private final InboundCalls inboundCalls;
    private final FakeApi api;
    private final NettyServer server;
    private final String baseUrl;
    private boolean closed;

    private FakeAgentsPlatform(Builder builder) {
        this.apiKey = builder.apiKey != null ? builder.apiKey : randomKey();
        this.authScheme = builder.authScheme;
        this.agentRoutes = new AgentRoutes(state, this);
        this.conversationRoutes = new ConversationRoutes(state);
        this.signedUrls = new SignedUrls(state, builder.signedUrlTtl.toNanos());
        this.postCallWebhooks = new PostCallWebhooks(state);
        this.inboundCalls = new InboundCalls(state, conversationRoutes, postCallWebhooks);
        this.liveSessions = new LiveSessions(state, conversationRoutes, postCallWebhooks, builder.pingInterval.toMillis(),
                builder.pongTimeout.toMillis(), builder.audioBytesPerTranscript);
        this.liveEndpoint = new LiveEndpoint(this, state, signedUrls, liveSessions);
        this.api = new FakeApi(state, authScheme, apiKey, agentRoutes, conversationRoutes, liveEndpoint);
        this.server = NettyServer.start(this, builder.maxRequestBodyBytes);
        this.baseUrl = "http://" + server.host() + ":" + server.port();
    }

    /**
     * Starts a server with the defaults: a random API key expected in {@code xi-api-key}, request bodies up
     * to {@value #DEFAULT_MAX_REQUEST_BODY_BYTES} bytes.
     *
     * @return the running server; close it when done
     * @throws IllegalStateException if the server cannot listen on 127.0.0.1
     */
    public static FakeAgentsPlatform start() {
        return builder().start();
    }

    /**
     * Returns a builder for a server with other settings.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the URL to use as the client's base URL.
     *
     * @return e.g. {@code "http://127.0.0.1:50123"}, without a trailing slash
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the ephemeral port on 127.0.0.1
     */
    public int port() {
        return server.port();
    }

    /**
     * Returns the API key the server accepts. Do not log it (the testkit never does): tests often print
     * what they configure.
     *
     * @return the configured key, or the random one generated at start ({@code sk_fake_} and 32 hex digits)
     */
    public String apiKey() {
        return apiKey;
    }

    /**
     * Returns where the server expects the key.
     *
     * @return the scheme chosen at start; {@link AuthScheme#XI_API_KEY} by default
     */
    public AuthScheme authScheme() {
        return authScheme;
    }

    /**
     * Creates an agent directly, as {@code POST /v1/convai/agents/create} with only a name would, without
     * an HTTP request (nothing is recorded).
     *
     * @param name the agent's name
     * @return the new agent's id
     * @throws IllegalArgumentException if {@code name} is null
     */
    public String addAgent(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        synchronized (state) {
            return agentRoutes.createAgent(JsonTree.object("conversation_config", JsonTree.object(), "name", name));
        }
    }

    /**
     * Makes an agent private or public again, as a {@code PATCH} of
     * {@code platform_settings.auth.enable_auth} would, without an HTTP request (nothing is recorded). A
     * private agent's WebSocket needs a signed URL.
     *
     * @param agentId the agent's id
     * @param required {@code true} for a private agent
     * @throws IllegalArgumentException if the agent does not exist on this server
     */
    public void requireAuth(String agentId, boolean required) {
        synchronized (state) {
            FakeState.Agent agent = state.agents.get(agentId);
            if (agent == null) {
                throw new IllegalArgumentException("no agent with id '" + agentId + "' on this fake server");
            }
            JsonTree.objectAt(agent.document, "platform_settings", "auth").put("enable_auth", required);
        }
    }

    /**
     * Sets the audio formats an agent's conversations declare in {@code conversation_initiation_metadata}, as a
     * {@code PATCH} of {@code conversation_config.asr.user_input_audio_format} and
     * {@code conversation_config.tts.agent_output_audio_format} would, without an HTTP request (nothing is
     * recorded). The fake then speaks in {@code agentOutput} ({@code pcm_8000} to {@code pcm_48000}, or
     * {@code ulaw_8000}); it counts what the client sends whatever its format.
     *
     * @param agentId the agent's id
     * @param userInput the format the agent wants the user's audio in, e.g. {@code "ulaw_8000"}
     * @param agentOutput the format of the agent's audio, e.g. {@code "pcm_16000"}
     * @throws IllegalArgumentException if the agent does not exist on this server, or a format is null
     */
    public void audioFormats(String agentId, String userInput, String agentOutput) {
        if (userInput == null || agentOutput == null) {
            throw new IllegalArgumentException("the audio formats must not be null");
        }
        synchronized (state) {
            FakeState.Agent agent = state.agents.get(agentId);
            if (agent == null) {
                throw new IllegalArgumentException("no agent with id '" + agentId + "' on this fake server");
            }
            JsonTree.objectAt(agent.document, "conversation_config", "asr").put("user_input_audio_format", userInput);
            JsonTree.objectAt(agent.document, "conversation_config", "tts").put("agent_output_audio_format", agentOutput);
        }
    }

    /**
     * Waits for the next live session: the oldest WebSocket session opened (since start or the last
     * {@link #reset()}) that no earlier call returned.
     *
     * @param timeout how long to wait at most
     * @return the session, open or already ended
     * @throws AssertionError if no such session opens within the timeout
     * @throws IllegalArgumentException if {@code timeout} is null
     */
    public LiveSession awaitSession(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null");
        }
        return liveSessions.await(timeout);
    }

    /**
     * Returns every live session opened since start or the last {@link #reset()}, in opening order.
     *
     * @return an unmodifiable snapshot
     */
    public List<LiveSession> sessions() {
        return liveSessions.all();
    }

    /**
     * Sets how the agent answers user turns in live sessions; applies to turns from now on, in open sessions
     * too. {@link #reset()} removes every script.
     *
     * @param agentId the agent's id
     * @param script the script, or {@code null} for the default {@link ConversationScript#echo()}
     * @throws IllegalArgumentException if the agent does not exist on this server
     */
    public void script(String agentId, ConversationScript script) {
        synchronized (state) {
            if (!state.agents.containsKey(agentId)) {
                throw new IllegalArgumentException("no agent with id '" + agentId + "' on this fake server: "
                        + "create it first, e.g. with server.addAgent(\"name\")");
            }
        }
        liveSessions.script(agentId, script);
    }

    /**
     * Adds a finished conversation, as a live session stores one when it ends.
     *
     * @param seed the conversation; copied, so it may be reused
     * @return the new conversation's id ({@code conv_...})
     * @throws IllegalArgumentException if the seed's agent does not exist on this server
     */
    public String addConversation(ConversationSeed seed) {
        if (seed == null) {
            throw new IllegalArgumentException("seed must not be null");
        }
        synchronized (state) {
            return conversationRoutes.add(seed);
        }
    }

    /**
     * Returns the agent's current avatar, as uploaded.
     *
     * @param agentId the agent's id
     * @return the stored image, or empty if the agent does not exist or has none
     */
    public Optional<StoredFile> avatar(String agentId) {
        synchronized (state) {
            FakeState.Agent agent = state.agents.get(agentId);
            return agent == null ? Optional.<StoredFile>empty() : Optional.ofNullable(agent.avatar);
        }
    }

    /**
     * Returns a file uploaded to a conversation and not deleted since.
     *
     * @param conversationId the conversation's id
     * @param fileId the {@code file_id} the upload returned
     * @return the stored file, or empty
     */
    public Optional<StoredFile> conversationFile(String conversationId, String fileId) {
        synchronized (state) {
            FakeState.Conversation conversation = state.conversations.get(conversationId);
            return conversation == null ? Optional.<StoredFile>empty()
                    : Optional.ofNullable(conversation.files.get(fileId));
        }
    }

    /**
     * Tells whether a secret currently has the given value: the only way the value can be checked, since no
     * endpoint returns it.
     *
     * @param secretId the secret's id
     * @param value the expected value
     * @return {@code true} if the secret exists and its value equals {@code value}
     */
    public boolean secretHasValue(String secretId, String value) {
        synchronized (state) {
            FakeState.Secret secret = state.secrets.get(secretId);
            return secret != null && secret.valueEquals(value);
        }
    }

    /**
     * Installs the post-call webhook: from now on, each conversation that ends (a live session that had started,
     * or a {@link #startInboundCall fake inbound call}) is posted to it as a {@code post_call_transcription}
     * event, and as a {@code post_call_audio} event too if the webhook sends audio and the conversation has audio.
     * These deliveries run on a daemon thread of the server, after the conversation is stored; wait for them with
     * {@link #awaitWebhookDelivery(Duration)}. {@link #reset()} removes the webhook.
     *
     * @param webhook where and how to deliver (copied), or {@code null} to stop delivering
     */
    public void postCallWebhook(PostCallWebhook webhook) {
        postCallWebhooks.configure(webhook);
    }

    /**
     * Posts a {@code post_call_transcription} event of a stored conversation to the installed post-call webhook
     * now, on this thread: its {@code data} is the conversation as {@code GET
     * /v1/convai/conversations/{conversation_id}} returns it.
     *
     * @param conversationId the conversation's id
     * @return what the receiver answered
     * @throws IllegalStateException if no post-call webhook is installed
     * @throws IllegalArgumentException if the conversation does not exist
     */
    public WebhookDelivery deliverPostCallTranscription(String conversationId) {
        return postCallWebhooks.deliverTranscription(conversationId);
    }

    /**
     * Posts a {@code post_call_audio} event of a stored conversation with audio now, on this thread:
     * {@code data.full_audio} is its recording in base64, encoded while it is sent with chunked transfer encoding
     * (a {@link ConversationSeed#syntheticAudio(long) synthetic recording} of any size is never held in memory).
     *
     * @param conversationId the conversation's id
     * @return what the receiver answered
     * @throws IllegalStateException if no post-call webhook is installed
     * @throws IllegalArgumentException if the conversation does not exist or has no audio
     */
    public WebhookDelivery deliverPostCallAudio(String conversationId) {
        return postCallWebhooks.deliverAudio(conversationId);
    }

    /**
     * Posts a {@code call_initiation_failure} event now, on this thread, as the platform sends one when an
     * outbound call does not connect: {@code {"agent_id", "conversation_id" (a new id), "failure_reason",
     * "metadata": {"type": "twilio", "body": {"CallSid", "CallStatus"}}}}.
     *
     * @param agentId the agent's id (not checked: any id may be sent)
     * @param failureReason e.g. {@code "busy"}, {@code "no-answer"} or {@code "unknown"}
     * @return what the receiver answered
     * @throws IllegalStateException if no post-call webhook is installed
     * @throws IllegalArgumentException if an argument is null
     */
    public WebhookDelivery deliverCallInitiationFailure(String agentId, String failureReason) {
        if (agentId == null || failureReason == null) {
            throw new IllegalArgumentException("agentId and failureReason must not be null");
        }
        String conversationId;
        String callSid;
        synchronized (state) {
            conversationId = state.newId("conv_");
            callSid = "CA" + state.randomString("0123456789abcdef", 32);
        }
        return postCallWebhooks.deliverFailure(agentId, failureReason, conversationId, callSid);
    }

    /**
     * Posts an event of any type with the given {@code data} now, on this thread, signed like the others: to
     * test how a handler takes an event type it does not know, or data of an unusual shape.
     *
     * @param type the event's {@code type}
     * @param dataJson the event's {@code data}, as JSON text
     * @return what the receiver answered
     * @throws IllegalStateException if no post-call webhook is installed
     * @throws IllegalArgumentException if {@code type} is null or {@code dataJson} is not JSON
     */
    public WebhookDelivery deliverWebhookEvent(String type, String dataJson) {
        if (type == null || dataJson == null) {
            throw new IllegalArgumentException("type and dataJson must not be null");
        }
        Object data;
        try {
            data = JsonTree.parse(dataJson);
        } catch (JsonTree.SyntaxException e) {
            throw new IllegalArgumentException("dataJson is not JSON: " + e.getMessage(), e);
        }
        return postCallWebhooks.deliverEvent(type, data);
    }

    /**
     * Returns every webhook event delivered since start or the last {@link #reset()}, automatic and on demand, in
     * order.
     *
     * @return an unmodifiable snapshot
     */
    public List<WebhookDelivery> webhookDeliveries() {
        return postCallWebhooks.all();
    }

    /**
     * Waits for the next webhook delivery made because a conversation ended: the oldest such delivery (since start
     * or the last {@link #reset()}) that no earlier call returned. (The {@code deliver...} methods return their
     * delivery themselves.)
     *
     * @param timeout how long to wait at most
     * @return the delivery, with the receiver's answer
     * @throws AssertionError if none comes within the timeout
     * @throws IllegalArgumentException if {@code timeout} is null
     */
    public WebhookDelivery awaitWebhookDelivery(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null");
        }
        return postCallWebhooks.await(timeout);
    }

    /**
     * Installs the conversation-initiation client-data webhook that {@link #startInboundCall fake inbound calls}
     * ask for their dynamic variables and overrides. {@link #reset()} removes it.
     *
     * @param webhook where to ask and with which headers (copied), or {@code null} for none
     */
    public void clientDataWebhook(ClientDataWebhook webhook) {
        inboundCalls.configure(webhook);
    }

    /**
     * Starts a fake inbound phone call to an agent, as a Twilio call to one of your numbers would, and runs it to
     * its end on this thread:
     * <ol>
     *   <li>if a {@link #clientDataWebhook client-data webhook} is installed, it is posted
     *       {@code {"caller_id", "agent_id", "called_number", "call_sid"}} with its headers; a 2xx answer with a
     *       JSON object ({@code type} {@code conversation_initiation_client_data} if present; {@code dynamic_variables}
     *       of strings, numbers and booleans, no {@code system__} names; an object
     *       {@code conversation_config_override}) lets the call start, anything else fails it;</li>
     *   <li>the agent's first message (the override's {@code agent.first_message}, else the agent's) is filled from
     *       the dynamic variables and the system variables {@code system__caller_id}, {@code system__called_number},
     *       {@code system__call_sid}, {@code system__agent_id} and {@code system__conversation_id}; a placeholder
     *       without a value fails the call;</li>
     *   <li>the conversation is stored with that first message, {@code metadata.phone_call} (Twilio, inbound) and
     *       {@code conversation_initiation_client_data}; then the post-call webhook, if installed, is sent in the
     *       background, as for a conversation that ended.</li>
     * </ol>
     *
     * @param agentId the agent's id
     * @param callerNumber the caller's number, e.g. {@code "+14155550100"}
     * @param calledNumber the number called, e.g. {@code "+14155550199"}
     * @return what became of the call
     * @throws IllegalArgumentException if the agent does not exist on this server or a number is null
     */
    public InboundCall startInboundCall(String agentId, String callerNumber, String calledNumber) {
        if (agentId == null || callerNumber == null || calledNumber == null) {
            throw new IllegalArgumentException("agentId, callerNumber and calledNumber must not be null");
        }
        return inboundCalls.start(agentId, callerNumber, calledNumber);
    }

    /**
     * Installs a fault rule; it applies to requests that arrive from now on.
     *
     * @param rule what goes wrong, where, how often
     * @return a handle to watch or remove the rule
     * @throws IllegalArgumentException if the rule has neither a latency nor an action
     */
    public InjectedFault injectFault(FaultRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException("rule must not be null");
        }
        return faults.install(rule);
    }

    /** Removes every installed fault rule. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Returns the requests received so far, in arrival order.
     *
     * @return an immutable snapshot
     */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return Collections.unmodifiableList(new ArrayList<>(requests));
        }
    }

    /**
     * Returns the requests that match a method and a path pattern, in arrival order.
     *
     * @param method an HTTP method, or {@code "*"} for any
     * @param pathPattern e.g. {@code "/v1/convai/agents/{agent_id}"}; {@code {name}} and {@code *} match one
     *                    segment, a final {@code **} the rest
     * @return an immutable snapshot
     * @throws IllegalArgumentException if the method is blank or the pattern does not start with {@code /}
     */
    public List<RecordedRequest> requests(String method, String pathPattern) {
        RoutePattern pattern = RoutePattern.parse(method, pathPattern);
        List<RecordedRequest> matching = new ArrayList<>();
        for (RecordedRequest request : requests()) {
            if (pattern.matches(request.method(), request.pathSegments())) {
                matching.add(request);
            }
        }
        return Collections.unmodifiableList(matching);
    }

    /**
     * Returns the most recent request.
     *
     * @return the last request received
     * @throws IllegalStateException if no request has been received (since the last clear)
     */
    public RecordedRequest lastRequest() {
        synchronized (requests) {
            if (requests.isEmpty()) {
                throw new IllegalStateException("the fake server has received no request yet");
            }
            return requests.get(requests.size() - 1);
        }
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /**
     * Empties the server for the next test: every agent, conversation, tool, document, secret and stored
     * file, every fault rule and every recorded request; every signed URL token and conversation script; the
     * post-call and client-data webhooks and the record of webhook deliveries.
     * Open live sessions are closed with 1001 {@code "fake server reset"} and not stored. The key, scheme,
     * port and settings stay.
     */
    public void reset() {
        liveSessions.reset();
        postCallWebhooks.reset();
        inboundCalls.configure(null);
        signedUrls.clear();
        synchronized (state) {
            state.clear();
        }
        faults.clear();
        clearRequests();
    }

    /**
     * Stops the server and frees its port and threads; waits up to 5 s. Open live sessions get a close frame
     * 1001 {@code "fake server closing"} before their connections are closed. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        liveSessions.closeAll();
        postCallWebhooks.close();
        server.close();
    }

    /**
     * Describes the server without its key.
     *
     * @return e.g. {@code "FakeAgentsPlatform[http://127.0.0.1:50123, XI_API_KEY]"}
     */
    @Override
    public String toString() {
        return "FakeAgentsPlatform[" + baseUrl + ", " + authScheme + "]";
    }

    RecordedRequest record(String method, String uri, List<Map.Entry<String, String>> headers, byte[] body) {
        RecordedRequest request = new RecordedRequest(requestSequence.getAndIncrement(), state.requestId(),
                method, uri, headers, body);
        synchronized (requests) {
            requests.add(request);
        }
        return request;
    }

    Faults faults() {
        return faults;
    }

    FakeApi api() {
        return api;
    }

    LiveEndpoint liveEndpoint() {
        return liveEndpoint;
    }

    private static String randomKey() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        StringBuilder sb = new StringBuilder("sk_fake_");
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    /**
     * Settings for a {@link FakeAgentsPlatform}. Not thread-safe; reusable: every {@link #start()} starts a
     * new server (with a new random key unless one was set).
     */
    public static final class Builder {
        private String apiKey;
        private AuthScheme authScheme = AuthScheme.XI_API_KEY;
        private int maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
        private Duration signedUrlTtl = Duration.ofSeconds(DEFAULT_SIGNED_URL_TTL_SECONDS);
        private Duration pingInterval = Duration.ofMillis(DEFAULT_PING_INTERVAL_MILLIS);
        private Duration pongTimeout = Duration.ofMillis(DEFAULT_PONG_TIMEOUT_MILLIS);
        private int audioBytesPerTranscript = DEFAULT_AUDIO_BYTES_PER_TRANSCRIPT;

        private Builder() {
        }

        /**
         * Sets how long a signed URL's token stays valid. Default:
         * {@value FakeAgentsPlatform#DEFAULT_SIGNED_URL_TTL_SECONDS} s.
         *
         * @param ttl at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if null or shorter than 1 ms
         */
        public Builder signedUrlTtl(Duration ttl) {
            if (ttl == null || ttl.toMillis() < 1) {
                throw new IllegalArgumentException("signedUrlTtl must be at least 1 ms, got " + ttl);
            }
            this.signedUrlTtl = ttl;
            return this;
        }

        /**
         * Sets the interval between the periodic {@code ping} events of a live session (the first comes one
         * interval after the conversation started). Default: {@value FakeAgentsPlatform#DEFAULT_PING_INTERVAL_MILLIS}
         * ms.
         *
         * @param interval at least 1 ms, or {@link Duration#ZERO} for no periodic pings
         *                 ({@link LiveSession#sendPing()} still works)
         * @return this builder
         * @throws IllegalArgumentException if null, negative or between 0 and 1 ms
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = millisOrZero(interval, "pingInterval");
            return this;
        }

        /**
         * Sets how long a live session waits for the {@code pong} of each ping; without it the session closes
         * with 1002 {@code transport_receive_timeout}. Default:
         * {@value FakeAgentsPlatform#DEFAULT_PONG_TIMEOUT_MILLIS} ms.
         *
         * @param timeout at least 1 ms, or {@link Duration#ZERO} to never check
         * @return this builder
         * @throws IllegalArgumentException if null, negative or between 0 and 1 ms
         */
        public Builder pongTimeout(Duration timeout) {
            this.pongTimeout = millisOrZero(timeout, "pongTimeout");
            return this;
        }

        /**
         * Sets after how many bytes of user audio (decoded) a live session sends a {@code user_transcript} and
         * answers it as a user turn. Default: {@value FakeAgentsPlatform#DEFAULT_AUDIO_BYTES_PER_TRANSCRIPT}.
         *
         * @param bytes at least 1, or 0 for never
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder audioBytesPerTranscript(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("audioBytesPerTranscript must be zero or more, got " + bytes);
            }
            this.audioBytesPerTranscript = bytes;
            return this;
        }

        private static Duration millisOrZero(Duration value, String name) {
            if (value == null || value.isNegative() || (!value.isZero() && value.toMillis() < 1)) {
                throw new IllegalArgumentException(name + " must be zero or at least 1 ms, got " + value);
            }
            return value;
        }

        /**
         * Sets the API key the server accepts. Default: a random key per server.
         *
         * @param apiKey a non-blank key without control characters
         * @return this builder
         * @throws IllegalArgumentException if blank or containing a control character (it travels in a header)
         */
        public Builder apiKey(String apiKey) {
            if (apiKey == null || apiKey.trim().isEmpty()) {
                throw new IllegalArgumentException("apiKey must not be null or blank");
            }
            for (int i = 0; i < apiKey.length(); i++) {
                if (Character.isISOControl(apiKey.charAt(i))) {
                    throw new IllegalArgumentException("apiKey must not contain control characters such as CR or "
                            + "LF: it travels in an HTTP header");
                }
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Sets where the server expects the key. Default: {@link AuthScheme#XI_API_KEY}.
         *
         * @param authScheme the header scheme
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder authScheme(AuthScheme authScheme) {
            if (authScheme == null) {
                throw new IllegalArgumentException("authScheme must not be null");
            }
            this.authScheme = authScheme;
            return this;
        }

        /**
         * Sets the largest request body accepted (and held in memory); a larger one is answered with 413.
         * Default: {@value FakeAgentsPlatform#DEFAULT_MAX_REQUEST_BODY_BYTES} bytes.
         *
         * @param bytes at least 1024
         * @return this builder
         * @throws IllegalArgumentException if below 1024
         */
        public Builder maxRequestBodyBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxRequestBodyBytes must be at least 1024, got " + bytes);
            }
            this.maxRequestBodyBytes = bytes;
            return this;
        }

        /**
         * Starts a server with these settings.
         *
         * @return the running server; close it when done
         * @throws IllegalStateException if the server cannot listen on 127.0.0.1
         */
        public FakeAgentsPlatform start() {
            return new FakeAgentsPlatform(this);
        }
    }
}
