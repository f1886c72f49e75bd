package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * A message that could not be read as an event: not JSON, not a JSON object, without a {@code type}, a
 * known type without its event object, or one the session cannot act on (a {@code ping} or
 * {@code interruption} without an {@code event_id}, a {@code client_tool_call} without a
 * {@code tool_call_id}).
 *
 * <p>It is delivered like any other event, in its place in the stream, and the conversation goes on: one
 * bad message should not end a call. A live session also logs it at WARN (the problem, not the text).
 *
 * <p>Immutable and thread-safe.
 */
public final class MalformedMessageEvent extends ConversationEvent {

    private final String text;
    private final String problem;

    MalformedMessageEvent(String type, JsonValue raw, String text, String problem) {
        super(type, raw);
        this.text = text;
        this.problem = problem;
    }

    /**
     * Returns the message's text as it arrived.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * Returns what is wrong with the message, e.g. {@code "the message has no \"type\""}.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }

    /**
     * Describes the problem and the start of the message.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String start = text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text;
        return "MalformedMessageEvent[" + problem + ": " + start + "]";
    }
}
