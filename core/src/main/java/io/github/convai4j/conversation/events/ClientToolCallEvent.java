package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.ClientToolCallPayload;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.conversation.messages.ClientToolCallData;
import java.util.NoSuchElementException;

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

    private final ClientToolCallPayload message;

    ClientToolCallEvent(JsonValue raw, ClientToolCallPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link ClientToolCallPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public ClientToolCallPayload payload() {
        return message;
    }

    /**
     * Returns the tool's name ({@code tool_name}).
     *
     * @return the tool's name
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolName() {
        return message.clientToolCall().toolName();
    }

    /**
     * Returns the id the result must carry ({@code tool_call_id}).
     *
     * @return the id the result must carry
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String toolCallId() {
        return message.clientToolCall().toolCallId();
    }

    /**
     * Returns the tool's parameters, usually an object ({@code parameters}).
     *
     * @return the tool's parameters, usually an object; an empty object if none were sent
     */
    public JsonValue parameters() {
        ClientToolCallData data = message.clientToolCall();
        try {
            return JsonValue.object(data.parameters());
        } catch (NoSuchElementException notAnObject) {
            return keptOrEmpty(data.additionalProperties(), "parameters");
        }
    }

    /**
     * Returns the event id ({@code event_id}).
     *
     * @return the event id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.clientToolCall().eventId();
    }
}
