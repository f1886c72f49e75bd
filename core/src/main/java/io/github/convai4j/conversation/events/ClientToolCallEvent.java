package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code client_tool_call}: The agent calls a tool that runs on the client. A live session answers it with exactly one
 * {@code client_tool_result}: from the handler registered for {@link #toolName()}, or an error.
 *
 * <pre>{@code {"type":"client_tool_call","client_tool_call":{"tool_name":"x","tool_call_id":"tc_1","parameters":{},"event_id":8}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientToolCallEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "client_tool_call";

    private final Payload payload;

    ClientToolCallEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "client_tool_call");
    }

    /**
     * Returns the tool's name ({@code tool_name}).
     *
     * @return the tool's name
     * @throws IllegalStateException if the server left it out
     */
    public String toolName() {
        return payload.requiredString("tool_name");
    }

    /**
     * Returns the id the result must carry ({@code tool_call_id}).
     *
     * @return the id the result must carry
     * @throws IllegalStateException if the server left it out
     */
    public String toolCallId() {
        return payload.requiredString("tool_call_id");
    }

    /**
     * Returns the tool's parameters, usually an object ({@code parameters}).
     *
     * @return the tool's parameters, usually an object; an empty object if none were sent
     */
    public JsonValue parameters() {
        return payload.objectOrEmpty("parameters");
    }

    /**
     * Returns the event id ({@code event_id}).
     *
     * @return the event id
     * @throws IllegalStateException if the server left it out
     */
    public long eventId() {
        return payload.requiredLong("event_id");
    }
}
