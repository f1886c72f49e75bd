package io.github.convai4j.json;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Thrown by a {@link io.github.convai4j.json.JsonCodec} when the JSON value under the parser has a type that
 * the codec does not read (a number where a string is expected, an array where an object is expected). The
 * codec has consumed the whole value and carries it, so that the caller can keep it raw: a model keeps it
 * as an additional property under the property's wire name, a list or map gives the whole container back
 * raw. Reading a response therefore never fails because of an unexpected type; only the top-level value of
 * a response body, if it is not what the operation declares, surfaces this exception.
 *
 * <p>It is a {@link JsonProcessingException}, as a parser's complaint about broken JSON is: the content is
 * not what was expected, the stream under it did not fail. So the client reports a response body of the wrong
 * type as a {@link io.github.convai4j.errors.DecodingException}, which is not retried, and never as an I/O
 * failure.
 */
public final class ValueMismatchException extends JsonProcessingException {

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
     * Does not record a stack trace: the exception is how a codec hands an unexpected value back to the reader
     * that keeps it raw, thrown and caught within one decode, often many times for one document (a union
     * without discriminator tries its variants in turn), and the trace would cost more than the decoding. When
     * one surfaces (a response body of the wrong type), it is the cause of an exception that has the trace.
     *
     * @return this exception
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
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
