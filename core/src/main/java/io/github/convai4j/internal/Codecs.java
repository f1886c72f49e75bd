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

    /** JSON strings as {@link String}. */
    public static final JsonCodec<String> STRING = new BuiltIn<>(BuiltIn.STRING, null);

    /** JSON integers that fit a {@code long}, as {@link Long}; fractions and larger integers are mismatches. */
    public static final JsonCodec<Long> INTEGER = new BuiltIn<>(BuiltIn.INTEGER, null);

    /** JSON numbers as {@link Double}. */
    public static final JsonCodec<Double> NUMBER = new BuiltIn<>(BuiltIn.NUMBER, null);

    /** JSON booleans as {@link Boolean}. */
    public static final JsonCodec<Boolean> BOOLEAN = new BuiltIn<>(BuiltIn.BOOLEAN, null);

    /** Any JSON value, untyped. */
    public static final JsonCodec<JsonValue> JSON = new BuiltIn<>(BuiltIn.JSON, null);

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
     * Returns the codec of a JSON array of {@code element}s, read as an unmodifiable list ({@code null}
     * elements are kept).
     *
     * @param element the element codec
     * @param <T> the element type
     * @return the codec
     */
    public static <T> JsonCodec<List<T>> list(JsonCodec<T> element) {
        return new BuiltIn<>(BuiltIn.LIST, Objects.requireNonNull(element, "element"));
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
        return new BuiltIn<>(BuiltIn.MAP, Objects.requireNonNull(value, "value"));
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

    /**
     * Every codec here, told apart by a kind: one class rather than one per codec (or a reader and a writer
     * interface for lambdas), since every app that reads JSON keeps this class.
     */
    @SuppressWarnings("unchecked")
    private static final class BuiltIn<T> implements JsonCodec<T> {
        static final int STRING = 0;
        static final int INTEGER = 1;
        static final int NUMBER = 2;
        static final int BOOLEAN = 3;
        static final int JSON = 4;
        static final int LIST = 5;
        static final int MAP = 6;

        private final int kind;
        /** The codec of a list's elements or a map's values; {@code null} for the other kinds. */
        private final JsonCodec<Object> element;

        BuiltIn(int kind, JsonCodec<?> element) {
            this.kind = kind;
            this.element = (JsonCodec<Object>) element;
        }

        @Override
        public T read(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            switch (kind) {
                case STRING:
                    return (T) readString(p);
                case INTEGER:
                    return (T) readInteger(p);
                case NUMBER:
                    return (T) readNumber(p);
                case BOOLEAN:
                    return (T) readBoolean(p);
                case JSON:
                    return (T) readJson(p);
                case LIST:
                    return (T) readList(p, element);
                default:
                    return (T) readMap(p, element);
            }
        }

        @Override
        public void write(JsonGenerator g, T v) throws IOException {
            switch (kind) {
                case STRING:
                    g.writeString((String) v);
                    break;
                case INTEGER:
                    g.writeNumber((Long) v);
                    break;
                case NUMBER:
                    g.writeNumber((Double) v);
                    break;
                case BOOLEAN:
                    g.writeBoolean((Boolean) v);
                    break;
                case JSON:
                    ((JsonValue) v).write(g);
                    break;
                case LIST:
                    writeList(g, (List<Object>) v, element);
                    break;
                default:
                    writeMap(g, (Map<String, Object>) v, element);
                    break;
            }
        }

        private static String readString(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            throw mismatch("a string", p);
        }

        private static Long readInteger(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return p.getLongValue();
            }
            throw mismatch("an integer", p);
        }

        private static Double readNumber(JsonParser p) throws IOException {
            Double d = asDouble(p);
            if (d != null) {
                return d;
            }
            throw mismatch("a number", p);
        }

        private static Boolean readBoolean(JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            throw mismatch("a boolean", p);
        }

        private static JsonValue readJson(JsonParser p) throws IOException {
            JsonValue v = JsonValue.read(p);
            return v.isNull() ? null : v;
        }

        private static <T> List<T> readList(JsonParser p, JsonCodec<T> element) throws IOException {
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
        }

        private static <T> void writeList(JsonGenerator g, List<T> v, JsonCodec<T> element) throws IOException {
            g.writeStartArray();
            for (T t : v) {
                if (t == null) {
                    g.writeNull();
                } else {
                    element.write(g, t);
                }
            }
            g.writeEndArray();
        }

        private static <T> Map<String, T> readMap(JsonParser p, JsonCodec<T> value) throws IOException {
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
        }

        private static <T> void writeMap(JsonGenerator g, Map<String, T> v, JsonCodec<T> value) throws IOException {
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
        }
    }
}
