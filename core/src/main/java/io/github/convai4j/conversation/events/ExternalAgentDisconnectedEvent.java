package io.github.convai4j.conversation.events;

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

    ExternalAgentDisconnectedEvent(JsonValue raw) {
        super(TYPE, raw);
    }
}
