package io.github.convai4j.testkit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static io.github.convai4j.testkit.JsonTree.object;

/**
 * One live conversation on the fake agent WebSocket ({@code /v1/convai/conversation}), from the server's
 * side: what the client sent, what the fake answered, and the controls a test uses to drive it. Get one with
 * {@link FakeAgentsPlatform#awaitSession(Duration)}.
 *
 * <h2>What the fake does by itself</h2>
 * <ul>
 *   <li>It waits for {@code conversation_initiation_client_data} and answers
 *       {@code conversation_initiation_metadata} with {@link #conversationId()} and the agent's audio formats
 *       ({@code pcm_16000} unless the agent's {@code tts.agent_output_audio_format} /
 *       {@code asr.user_input_audio_format} say otherwise). Then it sends the agent's first message (the
 *       override's {@code agent.first_message}, else the agent's) as an agent response, with
 *       {@code {{variable}}} placeholders filled from {@code dynamic_variables}. Any other first message closes
 *       the session with 1008 / {@code invalid_message}; a placeholder without a value closes it with 1008 /
 *       {@code missing_dynamic_variable}.</li>
 *   <li>An agent response is one {@code agent_response} event followed by up to three {@code audio} events
 *       (a 440 Hz tone, {@value LiveAudio#MILLIS_PER_CHAR} ms per character, base64, with character
 *       alignment), none when the conversation is text-only (the override's or the agent's
 *       {@code conversation.text_only}). Every event carries the next {@code event_id} of the session's one
 *       counter, starting at 1.</li>
 *   <li>A user turn ({@code user_message} with a text, the text of a {@code multimodal_message}, or a
 *       transcript) goes to the agent's {@link ConversationScript}, by default {@link ConversationScript#echo()}.
 *       {@code user_audio_chunk}s are decoded and counted; each time
 *       {@link FakeAgentsPlatform.Builder#audioBytesPerTranscript(int)} bytes have arrived, the fake sends a
 *       {@code user_transcript} {@code "[user audio: N bytes]"} and treats it as a user turn.</li>
 *   <li>Once started, it pings every {@link FakeAgentsPlatform.Builder#pingInterval(Duration)}:
 *       {@code {"type":"ping","ping_event":{"event_id":N,"ping_ms":M}}}, {@code ping_ms} being the round trip of
 *       the previous answered ping ({@code null} at first). A ping whose {@code pong} (same {@code event_id})
 *       does not come within {@link FakeAgentsPlatform.Builder#pongTimeout(Duration)} closes the session with
 *       1002 / {@code transport_receive_timeout}.</li>
 *   <li>{@code contextual_update}, {@code user_activity}, {@code feedback}, {@code mcp_tool_approval_result}
 *       and {@code client_tool_result} are checked for their required fields and recorded; a repeated
 *       initiation is recorded and ignored.</li>
 *   <li>Like a strict server, it takes only the values the API documents list where they give a closed list:
 *       {@code source_info.source} and the URL's {@code source} (the OpenAPI's
 *       {@code ConversationInitiationSource}, {@code unknown} included), a {@code source_info.version} of at
 *       most 50 characters, the agent {@code language} override, the {@code client_events}, the
 *       {@code tool_mock_config} strategies and the feedback {@code score}; anything else closes the session
 *       with 1008 / {@code value_error}, the error event naming the field and the value.</li>
 *   <li>It closes with 1008 and an {@code error_type} on: text that is not a JSON object
 *       ({@code invalid_message}), an unknown {@code type} or none ({@code invalid_message}), a binary frame
 *       ({@code invalid_message}), a missing required field ({@code missing_fields}), a field of the wrong JSON
 *       type or audio that is not base64 ({@code value_error}).</li>
 * </ul>
 *
 * <h2>Errors and close codes</h2>
 * When the fake ends a session because of an error ({@link #closeWithError(int, String, String)}, the cases
 * above), it first sends {@code {"type":"error","error_event":{"code","message","error_type","reason",
 * "debug_message","details"}}} and then the close frame with that code and the {@code error_type} as the close
 * reason. {@link #close(int, String)} sends only the close frame. When the client closes, the fake answers with
 * the same code. Then the TCP connection is closed (at the latest {@value #CLOSE_GRACE_MILLIS} ms after the
 * fake's close frame).
 *
 * <h2>When it ends</h2>
 * If the conversation had started, it is then stored like a seeded one: listed and served by the REST
 * conversation endpoints with its transcript (the first message, user turns and agent responses, with their
 * times into the call), status {@code done} and {@code call_successful} {@code success} for close code 1000,
 * else {@code failed} / {@code failure}, and {@code metadata.termination_reason} saying who closed with what.
 * This happens before {@link #awaitClosed(Duration)} returns. Sessions ended by
 * {@link FakeAgentsPlatform#reset()} are not stored.
 *
 * <h2>Threads</h2>
 * Thread-safe: every method may be called from any thread, also while the server is reading and pinging.
 * Messages are recorded and answered on the server's I/O threads; scripts run on a thread of the session (see
 * {@link ConversationScript}). The {@code await} methods block the calling thread up to their timeout and then
 * throw {@link AssertionError}, listing what had arrived, so that a test fails with a useful message. The
 * {@code send} methods never block; they throw {@link IllegalStateException} once the session is closing.
 */
public final class LiveSession {

    /** How long the fake waits for the client's close frame after sending its own before it drops the TCP link. */
    public static final long CLOSE_GRACE_MILLIS = 2000;

    static final String INITIATION = "conversation_initiation_client_data";

    private static final Logger LOG = LoggerFactory.getLogger(FakeAgentsPlatform.class);
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    /**
     * How a session ended: the close code and reason of the first close frame (whichever side sent it), or
     * 1006 when the connection dropped without one. Immutable.
     */
    public static final class Closure {
        private final int code;
        private final String reason;
        private final boolean byServer;

        Closure(int code, String reason, boolean byServer) {
            this.code = code;
            this.reason = reason;
            this.byServer = byServer;
        }

        /**
         * Returns the close code.
         *
         * @return e.g. 1000; 1005 when the client's close frame had no code; 1006 when no close frame came
         */
        public int code() {
            return code;
        }

        /**
         * Returns the close reason.
         *
         * @return the reason, {@code ""} when there was none
         */
        public String reason() {
            return reason;
        }

        /**
         * Tells who closed.
         *
         * @return {@code true} if the fake sent the first close frame, {@code false} if the client did or the
         *         connection dropped
         */
        public boolean byServer() {
            return byServer;
        }

        /**
         * Describes the closure.
         *
         * @return e.g. {@code "1008 invalid_message (by the server)"}
         */
        @Override
        public String toString() {
            return code + (reason.isEmpty() ? "" : " " + reason) + (byServer ? " (by the server)" : " (by the client)");
        }
    }

    private static final class Turn {
        final String role;
        final String text;
        final long atNanos;

        Turn(String role, String text, long atNanos) {
            this.role = role;
            this.text = text;
            this.atNanos = atNanos;
        }
    }

    private final LiveSessions registry;
    private final long number;
    private final long generation;
    private final String agentId;
    private final Map<String, Object> agent;
    private final String conversationId;
    private final RecordedRequest handshake;
    private final boolean apiKeyOnHandshake;
    private final Channel channel;
    private final ExecutorService scriptThread;
    private volatile String subprotocol;

    private final Object lock = new Object();
    // Everything below is guarded by lock.
    private final List<LiveMessage> received = new ArrayList<>();
    private final List<LiveMessage> sent = new ArrayList<>();
    private final Map<String, Integer> awaitedPerType = new HashMap<>();
    private final Map<String, LiveMessage> toolResults = new HashMap<>();
    private final Map<Long, Long> pendingPings = new HashMap<>();
    private final List<Turn> transcript = new ArrayList<>();
    private long lastEventId;
    private Long lastPingMillis;
    private boolean started;
    private long startNanos;
    private long startUnixSecs;
    private boolean textOnly;
    private String outputFormat = "pcm_16000";
    private String userId;
    private long userAudioBytes;
    private long audioSinceTranscript;
    private boolean closing;
    private Closure closure;
    private boolean ended;
    private Throwable scriptFailure;
    private ScheduledFuture<?> pingTask;
    /**
     * The client message being handled, until it is recorded; touched on the I/O thread only. A message is
     * recorded once its effects are visible (so that a test that saw it sees them too), and before the close
     * frame it causes.
     */
    private LiveMessage unrecorded;

    LiveSession(LiveSessions registry, String agentId, Map<String, Object> agent, RecordedRequest handshake,
                boolean apiKeyOnHandshake, Channel channel) {
        long[] identity = registry.nextIdentity();
        this.registry = registry;
        this.number = identity[0];
        this.generation = identity[1];
        this.agentId = agentId;
        this.agent = agent;
        this.conversationId = registry.newConversationId();
        this.handshake = handshake;
        this.apiKeyOnHandshake = apiKeyOnHandshake;
        this.channel = channel;
        this.scriptThread = Executors.newSingleThreadExecutor(
                new DefaultThreadFactory("convai4j-fake-live-session-" + number, true));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Identity and handshake

    /**
     * Returns the agent this session talks to.
     *
     * @return the {@code agent_id} of the handshake
     */
    public String agentId() {
        return agentId;
    }

    /**
     * Returns the conversation's id: announced in {@code conversation_initiation_metadata}, and the id under
     * which the conversation is stored when the session ends.
     *
     * @return {@code conv_} and 28 characters; fixed when the WebSocket opened
     */
    public String conversationId() {
        return conversationId;
    }

    /**
     * Returns the WebSocket upgrade request as the server received it (also listed in
     * {@link FakeAgentsPlatform#requests()}): path, query (with {@code source}/{@code version} if the client sent
     * them) and headers. Its query may hold the signed URL's token: do not log it.
     *
     * @return the recorded handshake request
     */
    public RecordedRequest handshake() {
        return handshake;
    }

    /**
     * Returns the headers of the upgrade request, to check e.g. that no API key travelled on the socket.
     *
     * @return a case-insensitive, unmodifiable map of header name to values
     */
    public Map<String, List<String>> handshakeHeaders() {
        return handshake.headers();
    }

    /**
     * Tells whether the server's API key appeared anywhere in the upgrade request: in any header value
     * ({@code xi-api-key}, {@code x-api-key}, {@code Authorization}, a {@code Sec-WebSocket-Protocol} such as
     * {@code bearer.<key>}, ...) or in the request target (path and query). The official clients never send it
     * there: a private agent is reached through a signed URL instead.
     *
     * @return {@code true} if the key was sent on the handshake
     */
    public boolean apiKeySeenOnHandshake() {
        return apiKeyOnHandshake;
    }

    /**
     * Returns the subprotocol the server agreed to: it offers {@code convai} when the client asks for it.
     *
     * @return {@code "convai"}, or {@code null} when the client asked for none (or only for others)
     */
    public String subprotocol() {
        return subprotocol;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Inspection

    /**
     * Returns every message the client sent so far (audio chunks and pongs included), in arrival order. A message
     * is listed once the fake has handled it (see {@link #awaitMessage(String, Duration)}).
     *
     * @return an unmodifiable snapshot
     */
    public List<LiveMessage> received() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(received));
        }
    }

    /**
     * Returns the messages of one type the client sent so far, in arrival order.
     *
     * @param type a message type, e.g. {@code "user_message"}, or {@value LiveMessage#USER_AUDIO_CHUNK}
     * @return an unmodifiable snapshot
     */
    public List<LiveMessage> received(String type) {
        List<LiveMessage> matching = new ArrayList<>();
        for (LiveMessage message : received()) {
            if (type.equals(message.type())) {
                matching.add(message);
            }
        }
        return Collections.unmodifiableList(matching);
    }

    /**
     * Returns every text message the fake sent on this session so far (pings, audio and raw ones included),
     * in sending order.
     *
     * @return an unmodifiable snapshot
     */
    public List<LiveMessage> sent() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(sent));
        }
    }

    /**
     * Waits for the next message of a type from the client: the first one (in arrival order) that no earlier
     * call with the same type returned. Messages that arrived before the call count. When it returns, the fake
     * has handled the message (audio counted, pong matched, metadata sent, error close begun) except what the
     * {@link ConversationScript} does with it, which runs later on the session's thread.
     *
     * @param type a message type, e.g. {@code "user_message"}, {@code "pong"} or
     *             {@value LiveMessage#USER_AUDIO_CHUNK}
     * @param timeout how long to wait at most
     * @return the message
     * @throws AssertionError if none arrives within the timeout or before the session ends (the message lists
     *                        the types received)
     * @throws IllegalArgumentException if {@code type} or {@code timeout} is null
     */
    public LiveMessage awaitMessage(String type, Duration timeout) {
        requireNonNull(type, "type");
        requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                int skip = awaitedPerType.containsKey(type) ? awaitedPerType.get(type) : 0;
                int seen = 0;
                for (LiveMessage message : received) {
                    if (type.equals(message.type()) && seen++ == skip) {
                        awaitedPerType.put(type, skip + 1);
                        return message;
                    }
                }
                if (ended) {
                    throw new AssertionError("session " + this + " ended (" + closure + ") before the client sent a"
                            + " further '" + type + "'; received: " + receivedTypes());
                }
                waitUntil(deadline, "no further '" + type + "' from the client within " + timeout);
            }
        }
    }

    /**
     * Waits until the session has ended: close frames exchanged (or the connection dropped), the TCP connection
     * closed and the conversation stored.
     *
     * @param timeout how long to wait at most
     * @return how it ended
     * @throws AssertionError if it has not ended within the timeout
     * @throws IllegalArgumentException if {@code timeout} is null
     */
    public Closure awaitClosed(Duration timeout) {
        requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!ended) {
                waitUntil(deadline, "the session did not end within " + timeout);
            }
            return closure;
        }
    }

    /**
     * Tells whether the session is open: the handshake is done and no close frame was sent or received.
     *
     * @return {@code false} once the session is closing or closed
     */
    public boolean isOpen() {
        synchronized (lock) {
            return !closing;
        }
    }

    /**
     * Returns the number of audio bytes the client sent in {@code user_audio_chunk}s, after base64 decoding.
     *
     * @return the total so far
     */
    public long userAudioBytes() {
        synchronized (lock) {
            return userAudioBytes;
        }
    }

    /**
     * Returns what the conversation script threw, if it failed (see {@link ConversationScript}).
     *
     * @return the failure, or {@code null}
     */
    public Throwable scriptFailure() {
        synchronized (lock) {
            return scriptFailure;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Driving the session

    /**
     * Sends an agent response: {@code agent_response} and, unless the conversation is text-only, its
     * {@code audio} events (see the class Javadoc). It joins the stored transcript.
     *
     * @param text what the agent says
     * @return the {@code event_id} of the {@code agent_response}
     * @throws IllegalArgumentException if {@code text} is null
     * @throws IllegalStateException if the session is closing or closed
     */
    public long sendAgentResponse(String text) {
        requireNonNull(text, "text");
        String format;
        boolean withAudio;
        long id;
        synchronized (lock) {
            id = sendEvent("agent_response", "agent_response_event", object("agent_response", text));
            transcript.add(new Turn("agent", text, System.nanoTime()));
            format = outputFormat;
            withAudio = !textOnly;
        }
        if (withAudio) {
            sendResponseAudio(text, format);
        }
        return id;
    }

    /**
     * Sends one {@code audio} event with the next {@code event_id}.
     *
     * @param audio the raw audio (PCM s16le mono at the output rate, or u-law); sent base64-encoded
     * @return its {@code event_id}
     * @throws IllegalArgumentException if {@code audio} is null
     * @throws IllegalStateException if the session is closing or closed
     */
    public long sendAudio(byte[] audio) {
        requireNonNull(audio, "audio");
        synchronized (lock) {
            return sendEvent("audio", "audio_event", object("audio_base_64", base64(audio)));
        }
    }

    /**
     * Sends one {@code audio} event with a chosen {@code event_id}, e.g. a stale one after
     * {@link #interrupt()}, which a client must drop. The session's counter is not changed.
     *
     * @param audio the raw audio; sent base64-encoded
     * @param eventId the {@code event_id} to send
     * @throws IllegalArgumentException if {@code audio} is null
     * @throws IllegalStateException if the session is closing or closed
     */
    public void sendAudio(byte[] audio, long eventId) {
        requireNonNull(audio, "audio");
        synchronized (lock) {
            write(object("type", "audio", "audio_event", object("audio_base_64", base64(audio), "event_id", eventId)));
        }
    }

    /**
     * Sends an {@code interruption} whose {@code event_id} is the last one sent: every audio event sent so far
     * is then obsolete, and a client drops audio with an {@code event_id} at or below it.
     *
     * @return the interruption's {@code event_id} (0 if no event had been sent)
     * @throws IllegalStateException if the session is closing or closed
     */
    public long interrupt() {
        synchronized (lock) {
            long id = lastEventId;
            write(object("type", "interruption", "interruption_event", object("event_id", id)));
            return id;
        }
    }

    /**
     * Sends a {@code ping} now (besides the periodic ones), with the next {@code event_id}; the pong timeout
     * applies to it as well.
     *
     * @return its {@code event_id}
     * @throws IllegalStateException if the session is closing or closed
     */
    public long sendPing() {
        final long id;
        synchronized (lock) {
            Map<String, Object> event = new LinkedHashMap<>();
            id = ++lastEventId;
            event.put("event_id", id);
            event.put("ping_ms", lastPingMillis);
            write(object("type", "ping", "ping_event", event));
            pendingPings.put(id, System.nanoTime());
        }
        if (registry.pongTimeoutMillis > 0) {
            schedule(new Runnable() {
                @Override
                public void run() {
                    checkPong(id);
                }
            }, registry.pongTimeoutMillis);
        }
        return id;
    }

    /**
     * Sends a {@code client_tool_call} and returns at once; see {@link #awaitClientToolResult(String, Duration)}.
     *
     * @param toolName the tool's name
     * @param parametersJson the parameters, a JSON object, e.g. {@code "{\"city\":\"Paris\"}"}
     * @return the {@code tool_call_id} the fake chose ({@code tool_call_} and 20 characters)
     * @throws IllegalArgumentException if the name is null or blank, or the parameters are not a JSON object
     * @throws IllegalStateException if the session is closing or closed
     */
    public String callClientTool(String toolName, String parametersJson) {
        if (toolName == null || toolName.trim().isEmpty()) {
            throw new IllegalArgumentException("toolName must not be null or blank");
        }
        Object parameters = parseObject(parametersJson, "parametersJson");
        String toolCallId = "tool_call_" + registry.random(20);
        synchronized (lock) {
            sendEvent("client_tool_call", "client_tool_call",
                    object("tool_name", toolName, "tool_call_id", toolCallId, "parameters", parameters));
        }
        return toolCallId;
    }

    /**
     * Waits for the {@code client_tool_result} that answers a tool call.
     *
     * @param toolCallId the id {@link #callClientTool(String, String)} returned
     * @param timeout how long to wait at most
     * @return the result message; read it with e.g. {@code string("result")} and {@code bool("is_error")}
     * @throws AssertionError if no result with that id arrives within the timeout or before the session ends
     * @throws IllegalArgumentException if an argument is null
     */
    public LiveMessage awaitClientToolResult(String toolCallId, Duration timeout) {
        requireNonNull(toolCallId, "toolCallId");
        requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!toolResults.containsKey(toolCallId)) {
                if (ended) {
                    throw new AssertionError("session " + this + " ended (" + closure + ") before the client answered"
                            + " tool call " + toolCallId + "; received: " + receivedTypes());
                }
                waitUntil(deadline, "no client_tool_result for " + toolCallId + " within " + timeout);
            }
            return toolResults.get(toolCallId);
        }
    }

    /**
     * Sends a {@code client_tool_call} and waits for its {@code client_tool_result}.
     *
     * @param toolName the tool's name
     * @param parametersJson the parameters, a JSON object
     * @param timeout how long to wait for the result at most
     * @return the result message
     * @throws AssertionError if no result arrives within the timeout or before the session ends
     * @throws IllegalArgumentException if the name is blank, the parameters not a JSON object, or the timeout
     *                                  null
     * @throws IllegalStateException if the session is closing or closed
     */
    public LiveMessage sendClientToolCall(String toolName, String parametersJson, Duration timeout) {
        requireNonNull(timeout, "timeout");
        return awaitClientToolResult(callClientTool(toolName, parametersJson), timeout);
    }

    /**
     * Sends a text frame exactly as given: any JSON (an event type clients do not know, a malformed event) or
     * even text that is not JSON. It is recorded in {@link #sent()}.
     *
     * @param text the frame's content
     * @throws IllegalArgumentException if {@code text} is null
     * @throws IllegalStateException if the session is closing or closed
     */
    public void sendRaw(String text) {
        requireNonNull(text, "text");
        synchronized (lock) {
            ensureOpen();
            sent.add(LiveMessage.parse(text));
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    /**
     * Closes the session: sends a close frame with this code and reason (nothing else), waits up to
     * {@value #CLOSE_GRACE_MILLIS} ms for the client's close frame, then closes the connection. Does nothing if
     * the session is already closing.
     *
     * @param code 1000-1003, 1007-1014 or 3000-4999; the real server uses 1000 (normal end), 1002, 1008 and
     *             1011
     * @param reason the reason, at most 123 bytes in UTF-8; {@code ""} for none. The real server puts the
     *               {@code error_type} there, e.g. {@code "max_duration_exceeded"}
     * @throws IllegalArgumentException if the code may not be sent or the reason is null or too long
     */
    public void close(int code, String reason) {
        checkClose(code, reason);
        closeInternal(code, reason, null, null);
    }

    /**
     * Ends the session because of an error, as the real server does: sends an {@code error} event, then a close
     * frame with the code and the {@code error_type} as reason. Does nothing if the session is already closing.
     *
     * @param code the close code: 1002 (operational), 1008 (input, contract, auth) or 1011 (internal) as the
     *             real server, or any code {@link #close(int, String)} accepts
     * @param errorType e.g. {@code "llm_timeout"}, {@code "override_error"}, {@code "unknown_websocket_crash"};
     *                  at most 123 bytes in UTF-8
     * @param message the human-readable {@code message} of the error event
     * @throws IllegalArgumentException if the code may not be sent, or an argument is null or too long
     */
    public void closeWithError(int code, String errorType, String message) {
        checkClose(code, errorType);
        requireNonNull(message, "message");
        closeInternal(code, errorType, errorType, message);
    }

    /**
     * Drops the connection without a close frame, as a crashed server or a network failure would: the client
     * sees it end with 1006. Does nothing if the session is already closing.
     */
    public void drop() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            closure = new Closure(1006, "", true);
            stopPings();
            lock.notifyAll();
        }
        channel.close();
    }

    /**
     * Describes the session without secrets.
     *
     * @return e.g. {@code "LiveSession#1[conv_..., agent_..., open]"}
     */
    @Override
    public String toString() {
        String status;
        synchronized (lock) {
            status = ended ? "ended " + closure : closing ? "closing " + closure
                    : started ? "open" : "awaiting initiation";
        }
        return "LiveSession#" + number + "[" + conversationId + ", " + agentId + ", " + status + "]";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Called by the server

    long generation() {
        return generation;
    }

    void handshakeDone(String selectedSubprotocol) {
        this.subprotocol = selectedSubprotocol;
    }

    /** A text frame from the client; on the I/O thread. */
    void onText(String text) {
        LiveMessage message = LiveMessage.parse(text);
        boolean act;
        synchronized (lock) {
            act = !closing;
        }
        unrecorded = message;
        if (act) {
            handle(message);
        }
        recordPending();
    }

    /** A binary frame from the client: the protocol has none. */
    void onBinary(int length) {
        violation("invalid_message", "binary frames are not part of the protocol (got " + length
                + " bytes): send JSON text frames");
    }

    /** The client's close frame; on the I/O thread. */
    void onClientClose(int code, String reason) {
        synchronized (lock) {
            if (closing) { // the answer to ours: the close handshake is complete
                channel.close();
                return;
            }
            closing = true;
            closure = new Closure(code < 0 ? 1005 : code, reason == null ? "" : reason, false);
            stopPings();
            lock.notifyAll();
            CloseWebSocketFrame answer = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, reason);
            channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The connection is gone; on the I/O thread. Stores the conversation, then wakes the waiters. */
    void onConnectionClosed() {
        boolean store;
        ConversationSeed seed = null;
        synchronized (lock) {
            if (ended) {
                return;
            }
            if (closure == null) {
                closure = new Closure(1006, "", false);
            }
            closing = true;
            stopPings();
            store = started;
            if (store) {
                seed = conversationSeed();
            }
        }
        scriptThread.shutdownNow();
        if (store) {
            try {
                registry.store(this, seed);
            } catch (RuntimeException e) {
                LOG.warn("convai4j-testkit could not store conversation {}", conversationId, e);
            }
        }
        synchronized (lock) {
            ended = true;
            lock.notifyAll();
        }
        LOG.debug("live session {} ended: {}", conversationId, closure);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The protocol

    private void handle(LiveMessage message) {
        if (!(message.tree() instanceof Map)) {
            violation("invalid_message", message.isJson() ? "a message must be a JSON object"
                    : "a message must be JSON; this one is not well-formed");
            return;
        }
        String type = message.type();
        if (type == null) {
            violation("invalid_message", "a message needs a string \"type\" (only an audio chunk has none)");
            return;
        }
        boolean isStarted;
        synchronized (lock) {
            isStarted = started;
        }
        if (!isStarted) {
            if (INITIATION.equals(type)) {
                start(message);
            } else {
                violation("invalid_message", "the first message must be " + INITIATION + ", got '" + type + "'");
            }
            return;
        }
        switch (type) {
            case INITIATION:
            case "user_activity":
                return; // recorded; a repeated initiation changes nothing
            case "pong":
                pong(message);
                return;
            case LiveMessage.USER_AUDIO_CHUNK:
                audioChunk(message);
                return;
            case "user_message":
                if (field(message, "text", String.class, false, true)) {
                    String text = message.string("text");
                    if (text != null) {
                        userTurn(text);
                    }
                }
                return;
            case "multimodal_message":
                multimodal(message);
                return;
            case "client_tool_result":
                toolResult(message);
                return;
            case "contextual_update":
                field(message, "text", String.class, true, false);
                return;
            case "feedback":
                if (field(message, "event_id", Number.class, true, false)
                        && field(message, "score", String.class, true, true)) {
                    String unlistedScore = ContractValues.listed(message.string("score"), ContractValues.FEEDBACK_SCORES,
                            "feedback.score");
                    if (unlistedScore != null) {
                        violation("value_error", unlistedScore);
                    }
                }
                return;
            case "mcp_tool_approval_result":
                if (field(message, "tool_call_id", String.class, true, false)) {
                    field(message, "is_approved", Boolean.class, true, false);
                }
                return;
            default:
                violation("invalid_message", "unknown message type '" + type + "'");
        }
    }

    private void start(LiveMessage initiation) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) initiation.tree();
        String unlisted = ContractValues.listed(handshake.queryParameter("source"), ContractValues.SOURCES,
                "the URL's source parameter");
        if (unlisted == null) {
            unlisted = ContractValues.initiationProblem(tree);
        }
        if (unlisted != null) { // a strict server refuses what its documents do not list
            violation("value_error", unlisted);
            return;
        }
        Object override = tree.get("conversation_config_override");
        Map<String, Object> overrides = override instanceof Map ? cast(override) : new HashMap<String, Object>();
        Object firstMessage = JsonTree.valueAt(overrides, "agent", "first_message");
        if (!(firstMessage instanceof String)) {
            firstMessage = JsonTree.valueAt(agent, "conversation_config", "agent", "first_message");
        }
        Object textOnlyOverride = JsonTree.valueAt(overrides, "conversation", "text_only");
        Object textOnlyAgent = JsonTree.valueAt(agent, "conversation_config", "conversation", "text_only");
        Object output = JsonTree.valueAt(agent, "conversation_config", "tts", "agent_output_audio_format");
        Object input = JsonTree.valueAt(agent, "conversation_config", "asr", "user_input_audio_format");
        Object variables = tree.get("dynamic_variables");
        Object user = tree.get("user_id");

        String first = firstMessage instanceof String ? (String) firstMessage : "";
        if (!first.isEmpty()) {
            List<String> missing = new ArrayList<>();
            first = DynamicVariables.fill(first, variables instanceof Map ? cast(variables)
                    : new HashMap<String, Object>(), agentId, conversationId, missing);
            if (!missing.isEmpty()) {
                violation("missing_dynamic_variable", "Missing required dynamic variables in first message: "
                        + missing);
                return;
            }
        }
        String outputFormat = output instanceof String ? (String) output : "pcm_16000";
        String inputFormat = input instanceof String ? (String) input : "pcm_16000";
        synchronized (lock) {
            started = true;
            startNanos = System.nanoTime();
            startUnixSecs = FakeState.nowSecs();
            textOnly = textOnlyOverride instanceof Boolean ? (Boolean) textOnlyOverride
                    : Boolean.TRUE.equals(textOnlyAgent);
            this.outputFormat = outputFormat;
            this.userId = user instanceof String ? (String) user : null;
            try {
                write(object("type", "conversation_initiation_metadata", "conversation_initiation_metadata_event",
                        object("conversation_id", conversationId, "agent_output_audio_format", outputFormat,
                                "user_input_audio_format", inputFormat)));
            } catch (IllegalStateException closedMeanwhile) {
                return;
            }
        }
        if (!first.isEmpty()) {
            try {
                sendAgentResponse(first);
            } catch (IllegalStateException closedMeanwhile) {
                return;
            }
        }
        schedulePings();
        runScript(null);
    }


    private void pong(LiveMessage message) {
        if (!field(message, "event_id", Number.class, true, false)) {
            return;
        }
        long id = message.number("event_id").longValue();
        synchronized (lock) {
            Long sentAt = pendingPings.remove(id);
            if (sentAt != null) {
                lastPingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
            }
        }
    }

    private void checkPong(long id) {
        boolean missing;
        synchronized (lock) {
            missing = !closing && pendingPings.containsKey(id);
        }
        if (missing) {
            closeInternal(1002, "transport_receive_timeout", "transport_receive_timeout", "No pong for ping " + id
                    + " within " + registry.pongTimeoutMillis + " ms.");
        }
    }

    private void audioChunk(LiveMessage message) {
        Object chunk = cast(message.tree()).get(LiveMessage.USER_AUDIO_CHUNK);
        if (!(chunk instanceof String)) {
            violation("value_error", "user_audio_chunk must be a base64 string");
            return;
        }
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode((String) chunk);
        } catch (IllegalArgumentException e) {
            violation("value_error", "user_audio_chunk is not valid base64");
            return;
        }
        String transcriptText = null;
        synchronized (lock) {
            userAudioBytes += audio.length;
            audioSinceTranscript += audio.length;
            int every = registry.audioBytesPerTranscript;
            if (every > 0 && audioSinceTranscript >= every) {
                transcriptText = "[user audio: " + audioSinceTranscript + " bytes]";
                audioSinceTranscript = 0;
                try {
                    sendEvent("user_transcript", "user_transcription_event", object("user_transcript", transcriptText));
                } catch (IllegalStateException closedMeanwhile) {
                    return;
                }
            }
        }
        if (transcriptText != null) {
            userTurn(transcriptText);
        }
    }

    private void multimodal(LiveMessage message) {
        if (!field(message, "text", Map.class, false, true) || !field(message, "file", Map.class, false, true)) {
            return;
        }
        Object text = message.value("text", "text");
        if (text instanceof String) {
            userTurn((String) text);
        }
    }

    private void toolResult(LiveMessage message) {
        if (!field(message, "tool_call_id", String.class, true, false)
                || !field(message, "result", String.class, true, false)
                || !field(message, "is_error", Boolean.class, true, false)) {
            return;
        }
        synchronized (lock) {
            toolResults.put(message.string("tool_call_id"), message);
            recordPending();
        }
    }

    private void userTurn(String text) {
        synchronized (lock) {
            transcript.add(new Turn("user", text, System.nanoTime()));
        }
        runScript(text);
    }

    /** Runs the agent's script for a user turn, or its {@code onStart} when {@code text} is null; I/O thread. */
    private void runScript(final String text) {
        recordPending(); // the script may look for the message that made it run
        final ConversationScript script = registry.scriptFor(agentId);
        final LiveSession session = this;
        try {
            scriptThread.execute(new Runnable() {
                @Override
                public void run() {
                    try {
                        if (text == null) {
                            script.onStart(session);
                        } else {
                            script.onUserTurn(session, text);
                        }
                    } catch (Throwable t) { // the script is the test's code: anything it throws ends the session
                        scriptFailed(script, t);
                    }
                }
            });
        } catch (RejectedExecutionException sessionEnded) {
            LOG.debug("live session {} ended before its script could run", conversationId);
        }
    }

    private void scriptFailed(ConversationScript script, Throwable failure) {
        synchronized (lock) {
            if (closing) {
                LOG.debug("the script of live session {} stopped after the session closed: {}", conversationId,
                        failure.toString());
                return;
            }
            scriptFailure = failure;
        }
        LOG.warn("convai4j-testkit: conversation script {} of agent {} failed; closing live session {} with 1011",
                script, agentId, conversationId, failure);
        closeInternal(1011, "unknown_websocket_crash", "unknown_websocket_crash",
                "The fake agent's conversation script failed: " + failure);
    }

    private void schedulePings() {
        long interval = registry.pingIntervalMillis;
        if (interval <= 0) {
            return;
        }
        ScheduledFuture<?> task = channel.eventLoop().scheduleAtFixedRate(new Runnable() {
            @Override
            public void run() {
                try {
                    sendPing();
                } catch (IllegalStateException closed) {
                    stopPingsNow();
                }
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
        synchronized (lock) {
            if (closing) {
                task.cancel(false);
            } else {
                pingTask = task;
            }
        }
    }

    private void stopPingsNow() {
        synchronized (lock) {
            stopPings();
        }
    }

    /** Caller holds the lock. */
    private void stopPings() {
        if (pingTask != null) {
            pingTask.cancel(false);
            pingTask = null;
        }
    }

    /**
     * Checks a member of the message: present if {@code required}; if present, of {@code kind} ({@code Map} for
     * an object), or null if {@code nullable}. On a violation closes the session (1008, {@code missing_fields}
     * or {@code value_error}) and returns false.
     */
    private boolean field(LiveMessage message, String name, Class<?> kind, boolean required, boolean nullable) {
        Map<String, Object> tree = cast(message.tree());
        if (!tree.containsKey(name)) {
            if (required) {
                violation("missing_fields", message.type() + " needs the field \"" + name + "\"");
                return false;
            }
            return true;
        }
        Object value = tree.get(name);
        if (value == null ? !nullable : !kind.isInstance(value)) {
            String expected = kind == Map.class ? "an object" : kind == Number.class ? "a number"
                    : "a " + kind.getSimpleName().toLowerCase(Locale.ROOT);
            violation("value_error", message.type() + "." + name + " must be " + expected
                    + (nullable ? " or null" : ""));
            return false;
        }
        return true;
    }

    /** Records the message being handled, if not done yet; on the I/O thread. */
    private void recordPending() {
        if (unrecorded != null) {
            synchronized (lock) {
                received.add(unrecorded);
                lock.notifyAll();
            }
            unrecorded = null;
        }
    }

    /** Closes because of the client's message being handled (or a binary frame); on the I/O thread. */
    private void violation(String errorType, String message) {
        recordPending();
        LOG.debug("live session {} closes with 1008 {}: {}", conversationId, errorType, message);
        closeInternal(1008, errorType, errorType, message);
    }

    private void closeInternal(int code, String reason, String errorType, String message) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            if (errorType != null) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("code", code);
                event.put("message", message);
                event.put("error_type", errorType);
                event.put("reason", message);
                event.put("debug_message", null);
                event.put("details", null);
                write(object("type", "error", "error_event", event));
            }
            closing = true;
            closure = new Closure(code, reason, true);
            stopPings();
            lock.notifyAll();
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        }
        schedule(new Runnable() {
            @Override
            public void run() {
                channel.close();
            }
        }, CLOSE_GRACE_MILLIS);
    }

    /** Runs a task on the session's I/O thread later; once the server has stopped, closes instead. */
    private void schedule(Runnable task, long delayMillis) {
        try {
            channel.eventLoop().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException serverStopped) {
            channel.close();
        }
    }

    private void sendResponseAudio(String text, String format) {
        for (Map<String, Object> event : LiveAudio.responseEvents(text, format)) {
            synchronized (lock) {
                try {
                    sendEvent("audio", "audio_event", event);
                } catch (IllegalStateException closedMeanwhile) {
                    return; // e.g. the test closed the session meanwhile: the rest is not sent
                }
            }
        }
    }

    /** Sends {@code {"type":type, eventKey:{...event, "event_id":next}}}. Caller holds the lock. */
    private long sendEvent(String type, String eventKey, Map<String, Object> event) {
        ensureOpen();
        long id = ++lastEventId;
        event.put("event_id", id);
        write(object("type", type, eventKey, event));
        return id;
    }

    /** Records and sends one message. Caller holds the lock, so that ids go out in order. */
    private void write(Map<String, Object> tree) {
        ensureOpen();
        LiveMessage message = LiveMessage.of(tree);
        sent.add(message);
        channel.writeAndFlush(new TextWebSocketFrame(message.raw()));
    }

    private void ensureOpen() {
        if (closing) {
            throw new IllegalStateException("live session " + conversationId + " is closed (" + closure
                    + "): nothing more can be sent");
        }
    }

    /** Caller holds the lock. */
    private ConversationSeed conversationSeed() {
        ConversationSeed seed = ConversationSeed.forAgent(agentId);
        for (Turn turn : transcript) {
            long secs = TimeUnit.NANOSECONDS.toSeconds(turn.atNanos - startNanos);
            seed.message(turn.role, turn.text, (int) Math.max(0, secs));
        }
        boolean normal = closure.code() == 1000;
        String who = closure.byServer() ? "Agent ended the conversation" : closure.code() == 1006
                ? "Client disconnected without a close frame" : "Client ended the conversation";
        return seed.startTimeUnixSecs(startUnixSecs)
                .callDurationSecs((int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos))
                .status(normal ? "done" : "failed")
                .callSuccessful(normal ? "success" : "failure")
                .terminationReason(who + ": " + closure.code()
                        + (closure.reason().isEmpty() ? "" : " " + closure.reason()))
                .userId(userId);
    }

    /** Caller holds the lock. */
    private void waitUntil(long deadline, String failure) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError(failure + " (session " + this + "; received: " + receivedTypes() + ")");
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting on live session " + conversationId, e);
        }
    }

    /** Caller holds the lock. */
    private List<String> receivedTypes() {
        List<String> types = new ArrayList<>(received.size());
        for (LiveMessage message : received) {
            types.add(message.type() != null ? message.type() : message.isJson() ? "(no type)" : "(not JSON)");
        }
        return types;
    }

    private static void checkClose(int code, String reason) {
        boolean sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
        if (!sendable) {
            throw new IllegalArgumentException("close code " + code + " may not be sent in a close frame: use "
                    + "1000-1003, 1007-1014 or 3000-4999 (the real server uses 1000, 1002, 1008 and 1011)");
        }
        requireNonNull(reason, "reason");
        if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            throw new IllegalArgumentException("a close reason may have at most " + MAX_CLOSE_REASON_BYTES
                    + " bytes in UTF-8 (RFC 6455); this one has " + reason.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private static Object parseObject(String json, String name) {
        requireNonNull(json, name);
        Object tree;
        try {
            tree = JsonTree.parse(json);
        } catch (JsonTree.SyntaxException e) {
            throw new IllegalArgumentException(name + " is not valid JSON: " + e.getMessage()
                    + " at offset " + e.position());
        }
        if (!(tree instanceof Map)) {
            throw new IllegalArgumentException(name + " must be a JSON object such as {\"city\":\"Paris\"}");
        }
        return tree;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object object) {
        return (Map<String, Object>) object;
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
