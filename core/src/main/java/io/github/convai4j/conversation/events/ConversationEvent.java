package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

import java.util.Collections;
import java.util.Map;

/**
 * One message the agent's server sent on a live conversation: {@code {"type": T, "<T>_event": {...}}}.
 *
 * <p>Every server event type of the protocol has its own subclass (e.g. {@link AgentResponseEvent},
 * {@link AudioEvent}, {@link ClientToolCallEvent}); a type this version does not know arrives as an
 * {@link UnknownEvent}, and a message that cannot be read at all as a {@link MalformedMessageEvent}. Neither
 * ends the conversation. {@link ConversationEvents#decode(String)} turns a message's text into its event.
 *
 * <p>Each event wraps the message's payload as the model generated from the protocol's AsyncAPI document
 * (package {@code io.github.convai4j.conversation.messages}, reached through the event's {@code payload()}),
 * and reads as the REST models do: leniently. An event is never refused for a missing or extra field, or for a
 * value of an unexpected JSON type (kept in the payload's {@code additionalProperties()}). The accessor of a
 * field the protocol requires throws {@link java.util.NoSuchElementException} naming the model and the property
 * if the server left it out (or sent another JSON type); optional fields are {@link java.util.Optional}s.
 * {@link #raw()} always has the whole message as it arrived.
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

    /** What arrived instead of an object for {@code wire}, kept by the generated model; else an empty object. */
    static JsonValue keptOrEmpty(Map<String, JsonValue> additionalProperties, String wire) {
        JsonValue kept = additionalProperties.get(wire);
        return kept != null ? kept : EMPTY_OBJECT;
    }

    private static final JsonValue EMPTY_OBJECT = JsonValue.object(Collections.<String, JsonValue>emptyMap());

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
