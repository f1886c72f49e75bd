package io.github.convai4j.testkit;

import io.netty.channel.Channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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

    private final LiveSessions registry;
    private final long number;
    private final long generation;
    private final String agentId;
    private final String conversationId;
    private final RecordedRequest handshake;
    private final boolean apiKeyOnHandshake;
    private final String subprotocol;

    // The parts, one job each (see each class). They share one lock, the object made here: a send checks that
    // the session is open, numbers the event and writes it in one critical section, and the waits wake on any
    // change of any part, so separate locks would only add lock-ordering rules.
    private final Outbox outbox;
    private final Inbox inbox;
    private final Transcript transcript;
    private final SessionLifecycle lifecycle;
    private final Pings pings;
    private final ScriptRunner scripts;
    private final Speaking speaking;
    private final Listening listening;
    private final SessionWaits waits;
    private final AgentReactions agent;

    LiveSession(LiveSessions registry, String agentId, Map<String, Object> agentConfig, RecordedRequest handshake,
                boolean apiKeyOnHandshake, String subprotocol, Channel channel) {
        long[] identity = registry.nextIdentity();
        this.registry = registry;
        this.number = identity[0];
        this.generation = identity[1];
        this.agentId = agentId;
        this.conversationId = registry.newConversationId();
        this.handshake = handshake;
        this.apiKeyOnHandshake = apiKeyOnHandshake;
        this.subprotocol = subprotocol;

        Object lock = new Object();
        SessionTimers timers = new SessionTimers(channel);
        this.outbox = new Outbox(lock, channel, conversationId);
        this.inbox = new Inbox(lock);
        this.transcript = new Transcript(lock, agentId);
        this.lifecycle = new SessionLifecycle(lock, this, registry, outbox, timers, new Ending());
        this.pings = new Pings(lock, outbox, timers, lifecycle, registry.pingIntervalMillis,
                registry.pongTimeoutMillis);
        this.scripts = new ScriptRunner(lock, this, number, registry, lifecycle);
        this.speaking = new Speaking(lock, outbox, transcript);
        this.listening = new Listening(lock, outbox, registry.audioBytesPerTranscript);
        this.waits = new SessionWaits(lock, this, inbox, lifecycle);
        this.agent = new AgentReactions(lock, handshake, agentConfig, agentId, conversationId, outbox, inbox,
                lifecycle, transcript, speaking, listening, pings, scripts);
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
        return inbox.received();
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
        return outbox.sent();
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
        return waits.message(type, timeout);
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
        return waits.closed(timeout);
    }

    /**
     * Tells whether the session is open: the handshake is done and no close frame was sent or received.
     *
     * @return {@code false} once the session is closing or closed
     */
    public boolean isOpen() {
        return !lifecycle.isClosing();
    }

    /**
     * Returns the number of audio bytes the client sent in {@code user_audio_chunk}s, after base64 decoding.
     *
     * @return the total so far
     */
    public long userAudioBytes() {
        return listening.userAudioBytes();
    }

    /**
     * Returns what the conversation script threw, if it failed (see {@link ConversationScript}).
     *
     * @return the failure, or {@code null}
     */
    public Throwable scriptFailure() {
        return scripts.failure();
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
        return speaking.respond(text);
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
        return speaking.sendAudio(audio);
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
        speaking.sendAudio(audio, eventId);
    }

    /**
     * Sends an {@code interruption} whose {@code event_id} is the last one sent: every audio event sent so far
     * is then obsolete, and a client drops audio with an {@code event_id} at or below it.
     *
     * @return the interruption's {@code event_id} (0 if no event had been sent)
     * @throws IllegalStateException if the session is closing or closed
     */
    public long interrupt() {
        return speaking.interrupt();
    }

    /**
     * Sends a {@code ping} now (besides the periodic ones), with the next {@code event_id}; the pong timeout
     * applies to it as well.
     *
     * @return its {@code event_id}
     * @throws IllegalStateException if the session is closing or closed
     */
    public long sendPing() {
        return pings.send();
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
        outbox.sendNumbered(eventId -> ServerMessages.clientToolCall(toolName, toolCallId, parameters, eventId));
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
        return waits.toolResult(toolCallId, timeout);
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
        outbox.sendRaw(text);
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
        SessionLifecycle.checkCloseFrame(code, reason);
        lifecycle.close(code, reason, null, null);
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
        SessionLifecycle.checkCloseFrame(code, errorType);
        requireNonNull(message, "message");
        lifecycle.close(code, errorType, errorType, message);
    }

    /**
     * Drops the connection without a close frame, as a crashed server or a network failure would: the client
     * sees it end with 1006. Does nothing if the session is already closing.
     */
    public void drop() {
        lifecycle.drop();
    }

    /**
     * Describes the session without secrets.
     *
     * @return e.g. {@code "LiveSession#1[conv_..., agent_..., open]"}
     */
    @Override
    public String toString() {
        return "LiveSession#" + number + "[" + conversationId + ", " + agentId + ", " + lifecycle.status() + "]";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Called by the server, on the connection's I/O thread

    long generation() {
        return generation;
    }

    void onText(String text) {
        agent.onText(text);
    }

    void onBinary(int length) {
        agent.onBinary(length);
    }

    void onClientClose(int code, String reason) {
        lifecycle.clientClosed(code, reason);
    }

    void onConnectionClosed() {
        lifecycle.connectionClosed();
    }

    /** What the end means for the parts made after the lifecycle; read when it ends, long after construction. */
    private final class Ending implements SessionLifecycle.Parts {
        @Override
        public void closing() {
            pings.stop();
        }

        @Override
        public ConversationSeed record(Closure closure) {
            return transcript.seed(closure);
        }

        @Override
        public void stopScript() {
            scripts.stop();
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

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
