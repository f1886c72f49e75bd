package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.json.ValueMismatchException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Codecs for JSON's primitive types, lists and maps, for generated code (reading a value as JSON text is
 * {@link Json#parse}).
 *
 * <p>Every codec here follows the {@link JsonCodec} contract and is lenient in the same way: a value of the
 * wrong JSON type is consumed and reported with a {@link ValueMismatchException} that carries it, so that
 * the enclosing model keeps it raw. A list or map with one element of the wrong type is given back whole,
 * raw, the same way. All codecs are stateless and thread-safe.
 */
public final class Codecs {

    /**
     * Reads one value; see {@link JsonCodec#read}.
     *
     * @param <T> the type read
     */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * Reads one value.
         *
         * @param parser the parser, on the value's first token
         * @return the value
         * @throws IOException if reading fails
         */
        T read(JsonParser parser) throws IOException;
    }

    /**
     * Writes one value; see {@link JsonCodec#write}.
     *
     * @param <T> the type written
     */
    @FunctionalInterface
    public interface Writer<T> {
        /**
         * Writes one value.
         *
         * @param generator the generator
         * @param value the value, not {@code null}
         * @throws IOException if writing fails
         */
        void write(JsonGenerator generator, T value) throws IOException;
    }

    /** JSON strings as {@link String}. */
    public static final JsonCodec<String> STRING = of(p -> {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        throw mismatch("a string", p);
    }, JsonGenerator::writeString);

    /** JSON integers that fit a {@code long}, as {@link Long}; fractions and larger integers are mismatches. */
    public static final JsonCodec<Long> INTEGER = of(p -> {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        throw mismatch("an integer", p);
    }, JsonGenerator::writeNumber);

    /** JSON numbers as {@link Double}. */
    public static final JsonCodec<Double> NUMBER = of(p -> {
        Double d = asDouble(p);
        if (d != null) {
            return d;
        }
        throw mismatch("a number", p);
    }, JsonGenerator::writeNumber);

    /** JSON booleans as {@link Boolean}. */
    public static final JsonCodec<Boolean> BOOLEAN = of(p -> {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw mismatch("a boolean", p);
    }, JsonGenerator::writeBoolean);

    /** Any JSON value, untyped. */
    public static final JsonCodec<JsonValue> JSON = of(p -> {
        JsonValue v = JsonValue.read(p);
        return v.isNull() ? null : v;
    }, (g, v) -> v.write(g));

    private Codecs() {
    }

    /**
     * Reads the number under the parser as a double, if it is one: not beyond the range of a double
     * ({@code 1e1000000} reads as infinity, {@code 1e-1000000} as zero). A number that is not is left to be
     * read as a mismatch, which keeps it raw with its exact value, so that it prints and is written back as it
     * came.
     *
     * @param parser the parser
     * @return the double, or {@code null} if the token is not a number or the number is not a double
     * @throws IOException if the parser fails
     */
    static Double asDouble(JsonParser parser) throws IOException {
        JsonToken t = parser.currentToken();
        double d;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            // Through the integer: a parser asked first for the double of an integer past the range of a long
            // can no longer give the integer itself (Jackson's getNumberValue then fails with an internal error).
            d = parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue().doubleValue() : (double) parser.getLongValue();
        } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            d = parser.getDoubleValue();
            if (d == 0 && parser.getDecimalValue().signum() != 0) {
                return null; // too small for a double: it is not zero
            }
        } else {
            return null;
        }
        return Double.isInfinite(d) ? null : d;
    }

    /**
     * Makes a codec of a reader and a writer (generated code passes method references).
     *
     * @param reader reads a value
     * @param writer writes a value
     * @param <T> the type
     * @return the codec
     */
    public static <T> JsonCodec<T> of(Reader<T> reader, Writer<T> writer) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
        return new JsonCodec<T>() {
            @Override
            public T read(JsonParser parser) throws IOException {
                return parser.currentToken() == JsonToken.VALUE_NULL ? null : reader.read(parser);
            }

            @Override
            public void write(JsonGenerator generator, T value) throws IOException {
                writer.write(generator, value);
            }
        };
    }

    /**
     * Returns the codec of a JSON array of {@code element}s, read as an unmodifiable list ({@code null}
     * elements are kept).
     *
     * @param element the element codec
     * @param <T> the element type
     * @return the codec
     */
    public static <T> JsonCodec<List<T>> list(JsonCodec<T> element) {
        Objects.requireNonNull(element, "element");
        return of(p -> {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw mismatch("an array", p);
            }
            List<T> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                try {
                    out.add(element.read(p));
                } catch (ValueMismatchException e) {
                    // Give the whole array back raw: what was read so far, this element, and the rest.
                    List<JsonValue> raw = new ArrayList<>();
                    for (T t : out) {
                        raw.add(t == null ? JsonValue.NULL : Json.toJsonValue(element, t));
                    }
                    raw.add(e.raw());
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        raw.add(JsonValue.read(p));
                    }
                    throw new ValueMismatchException("an array of matching elements", JsonValue.array(raw));
                }
            }
            return Collections.unmodifiableList(out);
        }, (g, v) -> {
            g.writeStartArray();
            for (T t : v) {
                if (t == null) {
                    g.writeNull();
                } else {
                    element.write(g, t);
                }
            }
            g.writeEndArray();
        });
    }

    /**
     * Returns the codec of a JSON object whose property values are all {@code value}s, read as an
     * unmodifiable map in document order ({@code null} values are kept).
     *
     * @param value the value codec
     * @param <T> the value type
     * @return the codec
     */
    public static <T> JsonCodec<Map<String, T>> map(JsonCodec<T> value) {
        Objects.requireNonNull(value, "value");
        return of(p -> {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw mismatch("an object", p);
            }
            Map<String, T> out = new LinkedHashMap<>();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                p.nextToken();
                try {
                    out.put(name, value.read(p));
                } catch (ValueMismatchException e) {
                    Map<String, JsonValue> raw = new LinkedHashMap<>();
                    for (Map.Entry<String, T> entry : out.entrySet()) {
                        raw.put(entry.getKey(), entry.getValue() == null ? JsonValue.NULL
                                : Json.toJsonValue(value, entry.getValue()));
                    }
                    raw.put(name, e.raw());
                    for (String n = p.nextFieldName(); n != null; n = p.nextFieldName()) {
                        p.nextToken();
                        raw.put(n, JsonValue.read(p));
                    }
                    throw new ValueMismatchException("an object of matching values", JsonValue.object(raw));
                }
            }
            return Collections.unmodifiableMap(out);
        }, (g, v) -> {
            g.writeStartObject();
            for (Map.Entry<String, T> entry : v.entrySet()) {
                g.writeFieldName(entry.getKey());
                if (entry.getValue() == null) {
                    g.writeNull();
                } else {
                    value.write(g, entry.getValue());
                }
            }
            g.writeEndObject();
        });
    }

    /**
     * Consumes the value under the parser and returns the mismatch to throw.
     *
     * @param expected what was expected, for the message
     * @param parser the parser, on the value's first token
     * @return the exception carrying the value
     * @throws IOException if reading the value fails
     */
    public static ValueMismatchException mismatch(String expected, JsonParser parser) throws IOException {
        return new ValueMismatchException(expected, JsonValue.read(parser));
    }
}
