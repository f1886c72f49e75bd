package io.github.convai4j.core.json;

import io.github.convai4j.core.JsonValue;

import java.io.IOException;

/**
 * Thrown by a {@link io.github.convai4j.core.JsonCodec} when the JSON value under the parser has a type that
 * the codec does not read (a number where a string is expected, an array where an object is expected). The
 * codec has consumed the whole value and carries it, so that the caller can keep it raw: a model keeps it
 * as an additional property under the property's wire name, a list or map gives the whole container back
 * raw. Reading a response therefore never fails because of an unexpected type; only the top-level value of
 * a response body, if it is not what the operation declares, surfaces this exception.
 */
public final class ValueMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient JsonValue raw;

    /**
     * Creates the exception.
     *
     * @param expected what the codec reads, for the message (for example {@code "a string"})
     * @param raw the value found, consumed from the parser
     */
    public ValueMismatchException(String expected, JsonValue raw) {
        super("Expected " + expected + " but found a JSON " + raw.type().name().toLowerCase(java.util.Locale.ROOT));
        this.raw = raw;
    }

    /**
     * Returns the JSON value that did not match, as read.
     *
     * @return the raw value
     */
    public JsonValue raw() {
        return raw;
    }
}
