package io.github.convai4j.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.core.Field;
import io.github.convai4j.core.JsonCodec;
import io.github.convai4j.core.JsonValue;

import java.io.IOException;
import java.util.Collections;
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
    private String name;
    /** The first property's name when the reader starts on its value ({@link #resume}), until {@link #next}. */
    private String pending;
    private Map<String, JsonValue> extras;

    private ObjectReader(JsonParser parser) {
        this.parser = parser;
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
     * Goes on reading an object whose first property's name has been read, the parser being on that
     * property's value: the first {@link #next()} returns that name without moving.
     *
     * @param parser the parser, on the first property's value
     * @return the reader
     * @throws IOException if the parser cannot give the property's name
     */
    public static ObjectReader resume(JsonParser parser) throws IOException {
        ObjectReader r = new ObjectReader(parser);
        r.pending = parser.currentName();
        return r;
    }

    /**
     * Moves to the next property and its value.
     *
     * @return the property's wire name, or {@code null} at the end of the object
     * @throws IOException if reading fails
     */
    public String next() throws IOException {
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
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return Field.ofNull();
        }
        try {
            T value = codec.read(parser);
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
        keep(JsonValue.read(parser));
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
