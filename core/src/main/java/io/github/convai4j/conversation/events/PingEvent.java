package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.PingPayload;
import io.github.convai4j.json.JsonValue;

import java.util.Optional;

/**
 * {@code ping}: The server's keep-alive. A live session answers every ping with its {@code pong} at once, on the I/O
 * thread, before the event is delivered.
 *
 * <pre>{@code {"type":"ping","ping_event":{"event_id":12345,"ping_ms":50}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PingEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "ping";

    private final PingPayload message;

    PingEvent(JsonValue raw, PingPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link PingPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public PingPayload payload() {
        return message;
    }

    /**
     * Returns the id the pong echoes ({@code event_id}).
     *
     * @return the id the pong echoes
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.pingEvent().eventId();
    }

    /**
     * Returns the round trip the server measured at the previous ping, in milliseconds ({@code ping_ms}).
     *
     * @return the round trip the server measured at the previous ping, in milliseconds
     */
    public Optional<Long> pingMs() {
        return message.pingEvent().pingMs().toOptional();
    }
}
