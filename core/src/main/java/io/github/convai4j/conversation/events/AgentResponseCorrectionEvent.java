package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.AgentResponseCorrectionPayload;
import io.github.convai4j.json.JsonValue;

/**
 * {@code agent_response_correction}: Corrects an earlier {@link AgentResponseEvent} after an interruption: the text the user actually heard.
 *
 * <pre>{@code {"type":"agent_response_correction","agent_response_correction_event":{"original_agent_response":"...","corrected_agent_response":"...","event_id":7}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentResponseCorrectionEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_response_correction";

    private final AgentResponseCorrectionPayload message;

    AgentResponseCorrectionEvent(JsonValue raw, AgentResponseCorrectionPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link AgentResponseCorrectionPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public AgentResponseCorrectionPayload payload() {
        return message;
    }

    /**
     * Returns the text the agent first sent ({@code original_agent_response}).
     *
     * @return the text the agent first sent
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String originalText() {
        return message.agentResponseCorrectionEvent().originalAgentResponse();
    }

    /**
     * Returns the text as it was actually spoken ({@code corrected_agent_response}).
     *
     * @return the text as it was actually spoken
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String correctedText() {
        return message.agentResponseCorrectionEvent().correctedAgentResponse();
    }

    /**
     * Returns the id of the corrected turn ({@code event_id}).
     *
     * @return the id of the corrected turn
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.agentResponseCorrectionEvent().eventId();
    }
}
