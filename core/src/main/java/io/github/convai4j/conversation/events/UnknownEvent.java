package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * A message whose {@code type} this version of convai4j does not know, e.g. an event the server added
 * later. It is delivered like any other event, never treated as an error; {@link #raw()} holds all of it.
 *
 * <p>Immutable and thread-safe.
 */
public final class UnknownEvent extends ConversationEvent {

    UnknownEvent(String type, JsonValue raw) {
        super(type, raw);
    }
}
