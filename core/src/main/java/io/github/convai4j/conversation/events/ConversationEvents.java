package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Decodes the server's messages of a live conversation into {@link ConversationEvent}s. A live session
 * does this for you; use it directly to read messages that arrived another way (a recording, or the data
 * channel of the WebRTC transport, which carries the same events).
 *
 * <p>Thread-safe.
 */
public final class ConversationEvents {

    /** The type and its event class, for every server event the protocol defines. */
    private static final Map<String, Function<JsonValue, ConversationEvent>> DECODERS;
    /** The property holding each type's event object, where the protocol requires one. */
    private static final Map<String, String> REQUIRED_MEMBERS;

    static {
        Map<String, Function<JsonValue, ConversationEvent>> d = new LinkedHashMap<>();
        Map<String, String> m = new LinkedHashMap<>();
        d.put(AudioEvent.TYPE, AudioEvent::new);
        m.put(AudioEvent.TYPE, "audio_event");
        d.put(UserTranscriptEvent.TYPE, UserTranscriptEvent::new);
        m.put(UserTranscriptEvent.TYPE, "user_transcription_event");
        d.put(TentativeUserTranscriptEvent.TYPE, TentativeUserTranscriptEvent::new);
        m.put(TentativeUserTranscriptEvent.TYPE, "tentative_user_transcription_event");
        d.put(AgentResponseEvent.TYPE, AgentResponseEvent::new);
        m.put(AgentResponseEvent.TYPE, "agent_response_event");
        d.put(AgentResponseCorrectionEvent.TYPE, AgentResponseCorrectionEvent::new);
        m.put(AgentResponseCorrectionEvent.TYPE, "agent_response_correction_event");
        d.put(AgentChatResponsePartEvent.TYPE, AgentChatResponsePartEvent::new);
        m.put(AgentChatResponsePartEvent.TYPE, "text_response_part");
        d.put(AgentReasoningResponsePartEvent.TYPE, AgentReasoningResponsePartEvent::new);
        m.put(AgentReasoningResponsePartEvent.TYPE, "reasoning_response_part");
        d.put(InterruptionEvent.TYPE, InterruptionEvent::new);
        m.put(InterruptionEvent.TYPE, "interruption_event");
        d.put(ConversationMetadataEvent.TYPE, ConversationMetadataEvent::new);
        m.put(ConversationMetadataEvent.TYPE, "conversation_initiation_metadata_event");
        d.put(ClientToolCallEvent.TYPE, ClientToolCallEvent::new);
        m.put(ClientToolCallEvent.TYPE, "client_tool_call");
        d.put(RichContentEvent.TYPE, RichContentEvent::new);
        m.put(RichContentEvent.TYPE, "rich_content");
        d.put(AgentToolRequestEvent.TYPE, AgentToolRequestEvent::new);
        m.put(AgentToolRequestEvent.TYPE, "agent_tool_request");
        d.put(AgentToolResponseEvent.TYPE, AgentToolResponseEvent::new);
        m.put(AgentToolResponseEvent.TYPE, "agent_tool_response");
        d.put(AgentToolResponseFullPayloadEvent.TYPE, AgentToolResponseFullPayloadEvent::new);
        m.put(AgentToolResponseFullPayloadEvent.TYPE, "agent_tool_response_full_payload");
        d.put(McpToolCallEvent.TYPE, McpToolCallEvent::new);
        m.put(McpToolCallEvent.TYPE, "mcp_tool_call");
        d.put(McpConnectionStatusEvent.TYPE, McpConnectionStatusEvent::new);
        m.put(McpConnectionStatusEvent.TYPE, "mcp_connection_status");
        d.put(VadScoreEvent.TYPE, VadScoreEvent::new);
        m.put(VadScoreEvent.TYPE, "vad_score_event");
        d.put(PingEvent.TYPE, PingEvent::new);
        m.put(PingEvent.TYPE, "ping_event");
        d.put(ContextUsageEvent.TYPE, ContextUsageEvent::new);
        m.put(ContextUsageEvent.TYPE, "context_usage_event");
        d.put(AsrInitiationMetadataEvent.TYPE, AsrInitiationMetadataEvent::new);
        m.put(AsrInitiationMetadataEvent.TYPE, "asr_initiation_metadata_event");
        d.put(GuardrailTriggeredEvent.TYPE, GuardrailTriggeredEvent::new);
        d.put(InternalTurnProbabilityEvent.TYPE, InternalTurnProbabilityEvent::new);
        m.put(InternalTurnProbabilityEvent.TYPE, "turn_probability_internal_event");
        d.put(InternalTentativeAgentResponseEvent.TYPE, InternalTentativeAgentResponseEvent::new);
        m.put(InternalTentativeAgentResponseEvent.TYPE, "tentative_agent_response_internal_event");
        d.put(AgentTypingEvent.TYPE, AgentTypingEvent::new);
        m.put(AgentTypingEvent.TYPE, "agent_typing_event");
        // The external-agent events carry an empty object, which the protocol does not require.
        d.put(ExternalAgentConnectedEvent.TYPE, ExternalAgentConnectedEvent::new);
        d.put(ExternalAgentDisconnectedEvent.TYPE, ExternalAgentDisconnectedEvent::new);
        d.put(ErrorEvent.TYPE, ErrorEvent::new);
        m.put(ErrorEvent.TYPE, "error_event");
        DECODERS = Collections.unmodifiableMap(d);
        REQUIRED_MEMBERS = Collections.unmodifiableMap(m);
    }

    private ConversationEvents() {
    }

    /**
     * Decodes one message. Never throws for what the server sent: an unknown {@code type} gives an
     * {@link UnknownEvent}, an unreadable message a {@link MalformedMessageEvent}.
     *
     * @param text the message's text
     * @return the event
     * @throws NullPointerException if {@code text} is null
     */
    public static ConversationEvent decode(String text) {
        if (text == null) {
            throw new NullPointerException("text");
        }
        JsonValue message;
        try {
            message = JsonValue.parse(text);
        } catch (IllegalArgumentException e) {
            return new MalformedMessageEvent("", JsonValue.NULL, text, "the message is not valid JSON");
        }
        if (!message.isObject()) {
            return new MalformedMessageEvent("", message, text, "the message is not a JSON object");
        }
        JsonValue typeValue = message.get("type");
        if (typeValue == null || !typeValue.isString() || typeValue.asString().isEmpty()) {
            return new MalformedMessageEvent("", message, text, "the message has no \"type\"");
        }
        String type = typeValue.asString();
        Function<JsonValue, ConversationEvent> decoder = DECODERS.get(type);
        if (decoder == null) {
            return new UnknownEvent(type, message);
        }
        String member = REQUIRED_MEMBERS.get(type);
        if (member != null && !Payload.hasObject(message, member)) {
            return new MalformedMessageEvent(type, message, text,
                    "the " + type + " message has no \"" + member + "\" object");
        }
        ConversationEvent event = decoder.apply(message);
        String problem = actionableProblem(event);
        return problem == null ? event : new MalformedMessageEvent(type, message, text, problem);
    }

    /**
     * Tells whether {@code type} is a server event type this version knows.
     *
     * @param type a message type
     * @return {@code true} if it has its own event class
     */
    public static boolean isKnownType(String type) {
        return DECODERS.containsKey(type);
    }

    /** The fields a session needs to act on an event: without them it could not answer or drop correctly. */
    private static String actionableProblem(ConversationEvent event) {
        try {
            if (event instanceof PingEvent) {
                ((PingEvent) event).eventId();
            } else if (event instanceof InterruptionEvent) {
                ((InterruptionEvent) event).eventId();
            } else if (event instanceof ClientToolCallEvent) {
                ((ClientToolCallEvent) event).toolCallId();
            }
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
