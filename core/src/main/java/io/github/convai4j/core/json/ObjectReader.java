package io.github.convai4j.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.core.Field;
import io.github.convai4j.core.JsonCodec;
import io.github.convai4j.core.JsonValue;

import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the properties of one JSON object for a generated model, leniently: each known property is read
 * into a {@link Field} (absent, {@code null} or a value); a property the model does not know, or one whose
 * value has an unexpected JSON type, is kept as an additional property under its wire name, so that it is
 * written back unchanged. Missing properties are simply absent: required ones are reported when accessed.
 *
 * <p>Not thread-safe: one instance reads one object.
 */
public final class ObjectReader {

    private final JsonParser parser;
    /** Where the current property's value is read: {@link #parser}, or a tree of a property read ahead. */
    private JsonParser current;
    private String name;
    /** Properties a union read ahead of its discriminator ({@link #resume}), given first. */
    private Iterator<Map.Entry<String, JsonValue>> ahead;
    /** The discriminator's name when resuming on its value, until {@link #next} gives it. */
    private String pending;
    private Map<String, JsonValue> extras;

    private ObjectReader(JsonParser parser) {
        this.parser = parser;
        this.current = parser;
    }

    /**
     * Starts reading an object.
     *
     * @param parser the parser, on the value's first token
     * @param model the model's name, for the error
     * @return the reader
     * @throws ValueMismatchException if the value is not an object (it is consumed)
     * @throws IOException if reading fails
     */
    public static ObjectReader start(JsonParser parser, String model) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw Codecs.mismatch("an object (" + model + ")", parser);
        }
        return new ObjectReader(parser);
    }

    /**
     * Goes on reading an object that a union has read up to its discriminator: {@link #next()} gives the
     * properties read before it (from their trees), then the discriminator, then the rest from the stream.
     *
     * @param lookahead what the union read; its parser is on the discriminator's value
     * @return the reader
     * @throws IOException if the parser cannot give the property's name
     */
    public static ObjectReader resume(Unions.Lookahead lookahead) throws IOException {
        ObjectReader r = new ObjectReader(lookahead.parser);
        if (lookahead.before != null) {
            r.ahead = lookahead.before.entrySet().iterator();
        }
        r.pending = lookahead.parser.currentName();
        return r;
    }

    /**
     * Moves to the next property and its value.
     *
     * @return the property's wire name, or {@code null} at the end of the object
     * @throws IOException if reading fails
     */
    public String next() throws IOException {
        if (ahead != null) {
            if (ahead.hasNext()) {
                Map.Entry<String, JsonValue> e = ahead.next();
                name = e.getKey();
                current = e.getValue().traverse();
                current.nextToken();
                return name;
            }
            ahead = null;
            current = parser;
        }
        if (pending != null) {
            name = pending;
            pending = null;
            return name;
        }
        name = parser.nextFieldName();
        if (name != null) {
            parser.nextToken();
        }
        return name;
    }

    /**
     * Reads the current property's value.
     *
     * @param codec the property's codec
     * @param <T> the type
     * @return the value, {@link Field#ofNull()} for {@code null}, or {@link Field#absent()} if the value had
     *         an unexpected type (it is then kept as an additional property)
     * @throws IOException if the JSON is not well-formed
     */
    public <T> Field<T> read(JsonCodec<T> codec) throws IOException {
        if (current.currentToken() == JsonToken.VALUE_NULL) {
            return Field.ofNull();
        }
        try {
            T value = codec.read(current);
            return value == null ? Field.<T>ofNull() : Field.of(value);
        } catch (ValueMismatchException e) {
            keep(e.raw());
            return Field.absent();
        }
    }

    /**
     * Keeps the current property, which the model does not know, as an additional property.
     *
     * @throws IOException if the JSON is not well-formed
     */
    public void unknown() throws IOException {
        keep(JsonValue.read(current));
    }

    /**
     * Returns the additional properties kept so far.
     *
     * @return the unmodifiable properties, in document order
     */
    public Map<String, JsonValue> extras() {
        return extras == null ? Collections.<String, JsonValue>emptyMap() : Collections.unmodifiableMap(extras);
    }

    private void keep(JsonValue value) {
        if (extras == null) {
            extras = new LinkedHashMap<>();
        }
        extras.put(name, value);
    }
}
