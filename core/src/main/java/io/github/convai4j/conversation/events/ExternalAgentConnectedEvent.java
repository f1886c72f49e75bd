package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.ExternalAgentConnectedPayload;
import io.github.convai4j.json.JsonValue;

/**
 * {@code external_agent_connected}: An external agent (e.g. a Genesys human agent) has joined the conversation.
 *
 * <pre>{@code {"type":"external_agent_connected","external_agent_connected_event":{}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ExternalAgentConnectedEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "external_agent_connected";

    private final ExternalAgentConnectedPayload message;

    ExternalAgentConnectedEvent(JsonValue raw, ExternalAgentConnectedPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link ExternalAgentConnectedPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public ExternalAgentConnectedPayload payload() {
        return message;
    }
}
