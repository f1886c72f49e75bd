package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.AgentTypingPayload;
import io.github.convai4j.json.JsonValue;

import java.util.Optional;

/**
 * {@code agent_typing}: Whether an external (human) agent is typing.
 *
 * <pre>{@code {"type":"agent_typing","agent_typing_event":{"is_typing":true,"duration_ms":null}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentTypingEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "agent_typing";

    private final AgentTypingPayload message;

    AgentTypingEvent(JsonValue raw, AgentTypingPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link AgentTypingPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public AgentTypingPayload payload() {
        return message;
    }

    /**
     * Returns whether the agent is typing ({@code is_typing}).
     *
     * @return whether the agent is typing
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public boolean isTyping() {
        return message.agentTypingEvent().isTyping();
    }

    /**
     * Returns after how many milliseconds to clear the typing state by itself ({@code duration_ms}).
     *
     * @return after how many milliseconds to clear the typing state by itself
     */
    public Optional<Long> durationMs() {
        return message.agentTypingEvent().durationMs().toOptional();
    }
}
