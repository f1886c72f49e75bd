package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.ASRInitiationMetadataPayload;
import io.github.convai4j.conversation.messages.AgentChatResponsePartPayload;
import io.github.convai4j.conversation.messages.AgentReasoningResponsePartPayload;
import io.github.convai4j.conversation.messages.AgentResponseCorrectionPayload;
import io.github.convai4j.conversation.messages.AgentResponsePayload;
import io.github.convai4j.conversation.messages.AgentToolRequestPayload;
import io.github.convai4j.conversation.messages.AgentToolResponseFullPayloadPayload;
import io.github.convai4j.conversation.messages.AgentToolResponsePayload;
import io.github.convai4j.conversation.messages.AgentTypingPayload;
import io.github.convai4j.conversation.messages.AudioPayload;
import io.github.convai4j.conversation.messages.ClientToolCallPayload;
import io.github.convai4j.conversation.messages.ContextUsagePayload;
import io.github.convai4j.conversation.messages.ConversationMetadataPayload;
import io.github.convai4j.conversation.messages.ErrorPayload;
import io.github.convai4j.conversation.messages.ExternalAgentConnectedPayload;
import io.github.convai4j.conversation.messages.ExternalAgentDisconnectedPayload;
import io.github.convai4j.conversation.messages.GuardrailTriggeredPayload;
import io.github.convai4j.conversation.messages.InternalTentativeAgentResponsePayload;
import io.github.convai4j.conversation.messages.InternalTurnProbabilityPayload;
import io.github.convai4j.conversation.messages.InterruptionPayload;
import io.github.convai4j.conversation.messages.MCPConnectionStatusPayload;
import io.github.convai4j.conversation.messages.MCPToolCallPayload;
import io.github.convai4j.conversation.messages.PingPayload;
import io.github.convai4j.conversation.messages.RichContentPayload;
import io.github.convai4j.conversation.messages.ServerMessage;
import io.github.convai4j.conversation.messages.TentativeUserTranscriptPayload;
import io.github.convai4j.conversation.messages.UserTranscriptPayload;
import io.github.convai4j.conversation.messages.VADScorePayload;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.json.ValueMismatchException;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Decodes the server's messages of a live conversation into {@link ConversationEvent}s, through the
 * {@code ServerMessage} union generated from the protocol's AsyncAPI document. A live session does this for you; use it directly to read messages that arrived another way (a recording, or the data
 * channel of the WebRTC transport, which carries the same events).
 *
 * <p>Thread-safe.
 */
public final class ConversationEvents {

    /**
     * The property holding each type's event object, where the protocol requires one: without it the session could
     * not act on the message, so it is malformed rather than an event whose every accessor throws.
     */
    private static final Map<String, String> REQUIRED_MEMBERS;

    static {
        Map<String, String> m = new HashMap<>();
        m.put(AudioEvent.TYPE, "audio_event");
        m.put(UserTranscriptEvent.TYPE, "user_transcription_event");
        m.put(TentativeUserTranscriptEvent.TYPE, "tentative_user_transcription_event");
        m.put(AgentResponseEvent.TYPE, "agent_response_event");
        m.put(AgentResponseCorrectionEvent.TYPE, "agent_response_correction_event");
        m.put(AgentChatResponsePartEvent.TYPE, "text_response_part");
        m.put(AgentReasoningResponsePartEvent.TYPE, "reasoning_response_part");
        m.put(InterruptionEvent.TYPE, "interruption_event");
        m.put(ConversationMetadataEvent.TYPE, "conversation_initiation_metadata_event");
        m.put(ClientToolCallEvent.TYPE, "client_tool_call");
        m.put(RichContentEvent.TYPE, "rich_content");
        m.put(AgentToolRequestEvent.TYPE, "agent_tool_request");
        m.put(AgentToolResponseEvent.TYPE, "agent_tool_response");
        m.put(AgentToolResponseFullPayloadEvent.TYPE, "agent_tool_response_full_payload");
        m.put(McpToolCallEvent.TYPE, "mcp_tool_call");
        m.put(McpConnectionStatusEvent.TYPE, "mcp_connection_status");
        m.put(VadScoreEvent.TYPE, "vad_score_event");
        m.put(PingEvent.TYPE, "ping_event");
        m.put(ContextUsageEvent.TYPE, "context_usage_event");
        m.put(AsrInitiationMetadataEvent.TYPE, "asr_initiation_metadata_event");
        m.put(InternalTurnProbabilityEvent.TYPE, "turn_probability_internal_event");
        m.put(InternalTentativeAgentResponseEvent.TYPE, "tentative_agent_response_internal_event");
        m.put(AgentTypingEvent.TYPE, "agent_typing_event");
        m.put(ErrorEvent.TYPE, "error_event");
        // guardrail_triggered has no event object; the external-agent events' empty one is optional
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
        String member = REQUIRED_MEMBERS.get(type);
        if (member != null && !hasObject(message, member)) {
            return new MalformedMessageEvent(type, message, text,
                    "the " + type + " message has no \"" + member + "\" object");
        }
        ServerMessage decoded = read(message);
        if (decoded.isUnknown()) {
            return new UnknownEvent(type, message);
        }
        ConversationEvent event = event(message, decoded.value());
        String problem = actionableProblem(event);
        return problem == null ? event : new MalformedMessageEvent(type, message, text, problem);
    }

    /** Reads a JSON object through the generated union, which reads every object (an unknown type too). */
    private static ServerMessage read(JsonValue object) {
        try {
            return Json.fromJsonValue(ServerMessage.codec(), object);
        } catch (ValueMismatchException e) {
            throw new IllegalStateException("The ServerMessage union did not read a JSON object", e);
        }
    }

    private static boolean hasObject(JsonValue message, String member) {
        JsonValue value = message.get(member);
        return value != null && value.isObject();
    }

    /** The event class of a payload the generated {@link ServerMessage} union read. */
    private static ConversationEvent event(JsonValue raw, Object payload) {
        if (payload instanceof AudioPayload) {
            return new AudioEvent(raw, (AudioPayload) payload);
        } else if (payload instanceof UserTranscriptPayload) {
            return new UserTranscriptEvent(raw, (UserTranscriptPayload) payload);
        } else if (payload instanceof TentativeUserTranscriptPayload) {
            return new TentativeUserTranscriptEvent(raw, (TentativeUserTranscriptPayload) payload);
        } else if (payload instanceof AgentResponsePayload) {
            return new AgentResponseEvent(raw, (AgentResponsePayload) payload);
        } else if (payload instanceof AgentResponseCorrectionPayload) {
            return new AgentResponseCorrectionEvent(raw, (AgentResponseCorrectionPayload) payload);
        } else if (payload instanceof AgentChatResponsePartPayload) {
            return new AgentChatResponsePartEvent(raw, (AgentChatResponsePartPayload) payload);
        } else if (payload instanceof AgentReasoningResponsePartPayload) {
            return new AgentReasoningResponsePartEvent(raw, (AgentReasoningResponsePartPayload) payload);
        } else if (payload instanceof InterruptionPayload) {
            return new InterruptionEvent(raw, (InterruptionPayload) payload);
        } else if (payload instanceof ConversationMetadataPayload) {
            return new ConversationMetadataEvent(raw, (ConversationMetadataPayload) payload);
        } else if (payload instanceof ClientToolCallPayload) {
            return new ClientToolCallEvent(raw, (ClientToolCallPayload) payload);
        } else if (payload instanceof RichContentPayload) {
            return new RichContentEvent(raw, (RichContentPayload) payload);
        } else if (payload instanceof AgentToolRequestPayload) {
            return new AgentToolRequestEvent(raw, (AgentToolRequestPayload) payload);
        } else if (payload instanceof AgentToolResponsePayload) {
            return new AgentToolResponseEvent(raw, (AgentToolResponsePayload) payload);
        } else if (payload instanceof AgentToolResponseFullPayloadPayload) {
            return new AgentToolResponseFullPayloadEvent(raw, (AgentToolResponseFullPayloadPayload) payload);
        } else if (payload instanceof MCPToolCallPayload) {
            return new McpToolCallEvent(raw, (MCPToolCallPayload) payload);
        } else if (payload instanceof MCPConnectionStatusPayload) {
            return new McpConnectionStatusEvent(raw, (MCPConnectionStatusPayload) payload);
        } else if (payload instanceof VADScorePayload) {
            return new VadScoreEvent(raw, (VADScorePayload) payload);
        } else if (payload instanceof PingPayload) {
            return new PingEvent(raw, (PingPayload) payload);
        } else if (payload instanceof ContextUsagePayload) {
            return new ContextUsageEvent(raw, (ContextUsagePayload) payload);
        } else if (payload instanceof ASRInitiationMetadataPayload) {
            return new AsrInitiationMetadataEvent(raw, (ASRInitiationMetadataPayload) payload);
        } else if (payload instanceof GuardrailTriggeredPayload) {
            return new GuardrailTriggeredEvent(raw, (GuardrailTriggeredPayload) payload);
        } else if (payload instanceof InternalTurnProbabilityPayload) {
            return new InternalTurnProbabilityEvent(raw, (InternalTurnProbabilityPayload) payload);
        } else if (payload instanceof InternalTentativeAgentResponsePayload) {
            return new InternalTentativeAgentResponseEvent(raw, (InternalTentativeAgentResponsePayload) payload);
        } else if (payload instanceof AgentTypingPayload) {
            return new AgentTypingEvent(raw, (AgentTypingPayload) payload);
        } else if (payload instanceof ExternalAgentConnectedPayload) {
            return new ExternalAgentConnectedEvent(raw, (ExternalAgentConnectedPayload) payload);
        } else if (payload instanceof ExternalAgentDisconnectedPayload) {
            return new ExternalAgentDisconnectedEvent(raw, (ExternalAgentDisconnectedPayload) payload);
        } else if (payload instanceof ErrorPayload) {
            return new ErrorEvent(raw, (ErrorPayload) payload);
        }
        // a message type the generated union knows and this class does not: AsyncApiCoverageTest fails first
        throw new IllegalStateException("No event class for " + payload.getClass().getName());
    }

    /**
     * Tells whether {@code type} is a server event type this version knows.
     *
     * @param type a message type
     * @return {@code true} if it has its own event class
     */
    public static boolean isKnownType(String type) {
        // known to the generated union: a minimal message of the type reads as one of its variants
        Map<String, JsonValue> minimal = Collections.singletonMap("type", JsonValue.of(type));
        return !read(JsonValue.object(minimal)).isUnknown();
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
        } catch (NoSuchElementException e) {
            return e.getMessage();
        }
    }
}
