package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * One message the agent's server sent on a live conversation: {@code {"type": T, "<T>_event": {...}}}.
 *
 * <p>Every server event type of the protocol has its own subclass (e.g. {@link AgentResponseEvent},
 * {@link AudioEvent}, {@link ClientToolCallEvent}); a type this version does not know arrives as an
 * {@link UnknownEvent}, and a message that cannot be read at all as a {@link MalformedMessageEvent}. Neither
 * ends the conversation. {@link ConversationEvents#decode(String)} turns a message's text into its event.
 *
 * <p>Reading is lenient: an event is never refused for a missing or extra field. The accessor of a field
 * the protocol requires throws {@link IllegalStateException} naming the field if the server left it out;
 * optional fields are {@link java.util.Optional}s. {@link #raw()} always has the whole message as it arrived.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class ConversationEvent {

    private final String type;
    private final JsonValue raw;

    ConversationEvent(String type, JsonValue raw) {
        this.type = type;
        this.raw = raw;
    }

    /**
     * Returns the message's {@code type}, e.g. {@code "agent_response"}; each subclass has it as its
     * {@code TYPE} constant.
     *
     * @return the wire type; empty for a {@link MalformedMessageEvent} without a readable type
     */
    public final String type() {
        return type;
    }

    /**
     * Returns the whole message as it arrived.
     *
     * @return the message; {@link JsonValue#NULL} for a {@link MalformedMessageEvent} that is not JSON
     */
    public final JsonValue raw() {
        return raw;
    }

    /**
     * Describes the event: its class and the start of its JSON (long strings, like audio, are cut).
     *
     * @return the description
     */
    @Override
    public String toString() {
        String json = raw.toJson();
        if (json.length() > 300) {
            json = json.substring(0, 300) + "...(" + json.length() + " chars)";
        }
        return getClass().getSimpleName() + json;
    }
}
