package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.ErrorPayload;
import io.github.convai4j.json.JsonValue;

import java.util.Optional;
import io.github.convai4j.conversation.messages.ErrorType;
import java.util.Map;

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

    private final ErrorPayload message;

    ErrorEvent(JsonValue raw, ErrorPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link ErrorPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public ErrorPayload payload() {
        return message;
    }

    /**
     * Returns the close code the error maps to: 1000, 1002, 1008 or 1011 ({@code code}).
     *
     * @return the close code the error maps to: 1000, 1002, 1008 or 1011
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public int code() {
        return (int) message.errorEvent().code().longValue();
    }

    /**
     * Returns a description of the error ({@code message}).
     *
     * @return a description of the error
     */
    public Optional<String> message() {
        return message.errorEvent().message().toOptional();
    }

    /**
     * Returns the error's kind, e.g. {@code "missing_dynamic_variable"} or {@code "llm_timeout"} ({@code error_type}).
     *
     * @return the error's kind, e.g. {@code "missing_dynamic_variable"} or {@code "llm_timeout"}
     */
    public Optional<String> errorType() {
        ErrorType type = message.errorEvent().errorType().orElse(null);
        return type == null ? Optional.<String>empty() : Optional.of(type.value());
    }

    /**
     * Returns a generic reason without sensitive details ({@code reason}).
     *
     * @return a generic reason without sensitive details
     */
    public Optional<String> reason() {
        return message.errorEvent().reason().toOptional();
    }

    /**
     * Returns a detailed message (sent only to callers with debug access) ({@code debug_message}).
     *
     * @return a detailed message (sent only to callers with debug access)
     */
    public Optional<String> debugMessage() {
        return message.errorEvent().debugMessage().toOptional();
    }

    /**
     * Returns more context ({@code details}).
     *
     * @return more context
     */
    public Optional<JsonValue> details() {
        Map<String, JsonValue> details = message.errorEvent().details().orElse(null);
        return details == null ? Optional.<JsonValue>empty() : Optional.of(JsonValue.object(details));
    }
}
