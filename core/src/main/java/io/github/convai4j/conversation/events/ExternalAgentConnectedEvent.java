package io.github.convai4j.conversation.events;

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

    ExternalAgentConnectedEvent(JsonValue raw) {
        super(TYPE, raw);
    }
}
