package io.github.convai4j.conversation.events;

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

    private final Payload payload;

    PingEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "ping_event");
    }

    /**
     * Returns the id the pong echoes ({@code event_id}).
     *
     * @return the id the pong echoes
     * @throws IllegalStateException if the server left it out
     */
    public long eventId() {
        return payload.requiredLong("event_id");
    }

    /**
     * Returns the round trip the server measured at the previous ping, in milliseconds ({@code ping_ms}).
     *
     * @return the round trip the server measured at the previous ping, in milliseconds
     */
    public Optional<Long> pingMs() {
        return payload.optionalLong("ping_ms");
    }
}
