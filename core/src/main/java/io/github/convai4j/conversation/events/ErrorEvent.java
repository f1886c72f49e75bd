package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

import java.util.Optional;

/**
 * {@code error}: The server reports an error, usually just before it closes the conversation with the same code. A live
 * session keeps it: its {@link #errorType()} becomes the conversation end's error type.
 *
 * <pre>{@code {"type":"error","error_event":{"code":1008,"message":"..","error_type":"missing_dynamic_variable","reason":"..","debug_message":null,"details":{}}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrorEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "error";

    private final Payload payload;

    ErrorEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "error_event");
    }

    /**
     * Returns the close code the error maps to: 1000, 1002, 1008 or 1011 ({@code code}).
     *
     * @return the close code the error maps to: 1000, 1002, 1008 or 1011
     * @throws IllegalStateException if the server left it out
     */
    public int code() {
        return (int) payload.requiredLong("code");
    }

    /**
     * Returns a description of the error ({@code message}).
     *
     * @return a description of the error
     */
    public Optional<String> message() {
        return payload.optionalString("message");
    }

    /**
     * Returns the error's kind, e.g. {@code "missing_dynamic_variable"} or {@code "llm_timeout"} ({@code error_type}).
     *
     * @return the error's kind, e.g. {@code "missing_dynamic_variable"} or {@code "llm_timeout"}
     */
    public Optional<String> errorType() {
        return payload.optionalString("error_type");
    }

    /**
     * Returns a generic reason without sensitive details ({@code reason}).
     *
     * @return a generic reason without sensitive details
     */
    public Optional<String> reason() {
        return payload.optionalString("reason");
    }

    /**
     * Returns a detailed message (sent only to callers with debug access) ({@code debug_message}).
     *
     * @return a detailed message (sent only to callers with debug access)
     */
    public Optional<String> debugMessage() {
        return payload.optionalString("debug_message");
    }

    /**
     * Returns more context ({@code details}).
     *
     * @return more context
     */
    public Optional<JsonValue> details() {
        return payload.optionalValue("details");
    }
}
