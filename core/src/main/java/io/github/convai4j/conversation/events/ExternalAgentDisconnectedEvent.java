package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.ExternalAgentDisconnectedPayload;
import io.github.convai4j.json.JsonValue;

/**
 * {@code external_agent_disconnected}: The external agent has left and the AI agent has resumed control.
 *
 * <pre>{@code {"type":"external_agent_disconnected","external_agent_disconnected_event":{}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ExternalAgentDisconnectedEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "external_agent_disconnected";

    private final ExternalAgentDisconnectedPayload message;

    ExternalAgentDisconnectedEvent(JsonValue raw, ExternalAgentDisconnectedPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link ExternalAgentDisconnectedPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public ExternalAgentDisconnectedPayload payload() {
        return message;
    }
}
