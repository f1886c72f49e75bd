package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.InternalTentativeAgentResponsePayload;
import io.github.convai4j.json.JsonValue;

/**
 * {@code internal_tentative_agent_response}: A tentative agent response (internal; not for public use).
 *
 * <pre>{@code {"type":"internal_tentative_agent_response","tentative_agent_response_internal_event":{"tentative_agent_response":"..."}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class InternalTentativeAgentResponseEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "internal_tentative_agent_response";

    private final InternalTentativeAgentResponsePayload message;

    InternalTentativeAgentResponseEvent(JsonValue raw, InternalTentativeAgentResponsePayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link InternalTentativeAgentResponsePayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public InternalTentativeAgentResponsePayload payload() {
        return message;
    }

    /**
     * Returns the tentative text ({@code tentative_agent_response}).
     *
     * @return the tentative text
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String text() {
        return message.tentativeAgentResponseInternalEvent().tentativeAgentResponse();
    }
}
