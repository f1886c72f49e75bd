package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.AgentChatResponsePartPayload;
import io.github.convai4j.json.JsonValue;

/**
 * {@code agent_chat_response_part}: A streamed piece of the agent's text (text-only mode): a {@code start}, then {@code delta}s, then a
 * {@code stop}. Sent only if enabled in the agent's {@code client_events}.
 *
 * <pre>{@code {"type":"agent_chat_response_part","text_response_part":{"text":"..","type":"delta","event_id":7}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentChatResponsePartEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_chat_response_part";

    private final AgentChatResponsePartPayload message;

    AgentChatResponsePartEvent(JsonValue raw, AgentChatResponsePartPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link AgentChatResponsePartPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public AgentChatResponsePartPayload payload() {
        return message;
    }

    /**
     * Returns the piece of text (empty for start and stop) ({@code text}).
     *
     * @return the piece of text (empty for start and stop)
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String text() {
        return message.textResponsePart().text();
    }

    /**
     * Returns {@code "start"}, {@code "delta"} or {@code "stop"} ({@code type}).
     *
     * @return {@code "start"}, {@code "delta"} or {@code "stop"}
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String partType() {
        return message.textResponsePart().type().value();
    }

    /**
     * Returns the id of the agent's turn ({@code event_id}).
     *
     * @return the id of the agent's turn
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.textResponsePart().eventId();
    }
}
