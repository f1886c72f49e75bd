package io.github.convai4j.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable JSON value: object, array, string, number, boolean or null.
 *
 * <p>convai4j uses it wherever the API leaves a value untyped (free-form objects such as tool parameters
 * or dynamic variables), for properties a response carries that the model does not know, and for
 * variants of a union that this version does not know. Objects keep their property order; numbers keep
 * their exact value ({@link BigDecimal} for fractions, {@code long} or {@link BigInteger} for integers).
 *
 * <p>Equality is structural; numbers are equal when numerically equal ({@code 1} equals {@code 1.0}).
 * {@link #toString()} returns compact JSON. Thread-safe.
 */
public final class JsonValue {

    /** The kind of a {@link JsonValue}. */
    public enum Type {
        /** A JSON object. */
        OBJECT,
        /** A JSON array. */
        ARRAY,
        /** A JSON string. */
        STRING,
        /** A JSON number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** {@code null}. */
        NULL
    }

    /** The JSON {@code null}. */
    public static final JsonValue NULL = new JsonValue(Type.NULL, null);
    /** The JSON {@code true}. */
    public static final JsonValue TRUE = new JsonValue(Type.BOOLEAN, Boolean.TRUE);
    /** The JSON {@code false}. */
    public static final JsonValue FALSE = new JsonValue(Type.BOOLEAN, Boolean.FALSE);

    private final Type type;
    /** Map (unmodifiable), List (unmodifiable), String, Number (Long, BigInteger, BigDecimal), Boolean, or null. */
    private final Object value;

    private JsonValue(Type type, Object value) {
        this.type = type;
        this.value = value;
    }

    /**
     * Returns a string value.
     *
     * @param value the string
     * @return the value
     */
    public static JsonValue of(String value) {
        return new JsonValue(Type.STRING, Objects.requireNonNull(value, "value"));
    }

    /**
     * Returns a boolean value.
     *
     * @param value the boolean
     * @return {@link #TRUE} or {@link #FALSE}
     */
    public static JsonValue of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /**
     * Returns an integer number.
     *
     * @param value the number
     * @return the value
     */
    public static JsonValue of(long value) {
        return new JsonValue(Type.NUMBER, value);
    }

    /**
     * Returns a number.
     *
     * @param value a finite number
     * @return the value
     * @throws IllegalArgumentException if {@code value} is NaN or infinite (JSON has no such numbers)
     */
    public static JsonValue of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no NaN or infinite numbers: " + value);
        }
        return new JsonValue(Type.NUMBER, BigDecimal.valueOf(value));
    }

    /**
     * Returns a number.
     *
     * @param value any {@link Number}; integers stay integers
     * @return the value
     */
    public static JsonValue of(Number value) {
        return new JsonValue(Type.NUMBER, normalize(Objects.requireNonNull(value, "value")));
    }

    /**
     * Returns an object value with the given properties, in iteration order.
     *
     * @param properties the properties
     * @return the value
     */
    public static JsonValue object(Map<String, JsonValue> properties) {
        Map<String, JsonValue> copy = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : properties.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "property name"),
                    e.getValue() == null ? NULL : e.getValue());
        }
        return new JsonValue(Type.OBJECT, Collections.unmodifiableMap(copy));
    }

    /**
     * Returns an array value.
     *
     * @param elements the elements
     * @return the value
     */
    public static JsonValue array(List<JsonValue> elements) {
        List<JsonValue> copy = new ArrayList<>(elements.size());
        for (JsonValue element : elements) {
            copy.add(element == null ? NULL : element);
        }
        return new JsonValue(Type.ARRAY, Collections.unmodifiableList(copy));
    }

    /**
     * Converts plain Java values to JSON: {@code null}, {@link String}, {@link Number}, {@link Boolean},
     * {@link Map} with string keys, {@link Iterable}, arrays of objects, and {@code JsonValue}s, nested in
     * any way.
     *
     * @param value the Java value
     * @return the JSON value
     * @throws IllegalArgumentException for any other type
     */
    public static JsonValue from(Object value) {
        if (value == null) {
            return NULL;
        } else if (value instanceof JsonValue) {
            return (JsonValue) value;
        } else if (value instanceof String) {
            return of((String) value);
        } else if (value instanceof Boolean) {
            return of((boolean) (Boolean) value);
        } else if (value instanceof Double || value instanceof Float) {
            return of(((Number) value).doubleValue());
        } else if (value instanceof Number) {
            return of((Number) value);
        } else if (value instanceof Map) {
            Map<String, JsonValue> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
                }
                map.put((String) e.getKey(), from(e.getValue()));
            }
            return new JsonValue(Type.OBJECT, Collections.unmodifiableMap(map));
        } else if (value instanceof Iterable) {
            List<JsonValue> list = new ArrayList<>();
            for (Object element : (Iterable<?>) value) {
                list.add(from(element));
            }
            return new JsonValue(Type.ARRAY, Collections.unmodifiableList(list));
        } else if (value instanceof Object[]) {
            List<JsonValue> list = new ArrayList<>();
            for (Object element : (Object[]) value) {
                list.add(from(element));
            }
            return new JsonValue(Type.ARRAY, Collections.unmodifiableList(list));
        }
        throw new IllegalArgumentException("Cannot convert a " + value.getClass().getName() + " to JSON; use"
                + " String, Number, Boolean, Map, List or JsonValue");
    }

    /**
     * Parses a JSON document.
     *
     * @param json the text
     * @return the value
     * @throws IllegalArgumentException if the text is not one well-formed JSON value
     */
    public static JsonValue parse(String json) {
        try (JsonParser parser = Json.factory().createParser(json)) {
            JsonValue value = read(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("Trailing content after the JSON value at "
                        + parser.currentLocation().offsetDescription());
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("Not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one value from a parser. If the parser has no current token, the next one is read first; on
     * return the parser is at the value's last token.
     *
     * @param parser the parser
     * @return the value
     * @throws IOException if reading fails or the input is not JSON
     */
    public static JsonValue read(JsonParser parser) throws IOException {
        if (parser instanceof JsonValueParser) {
            // Reading buffered JSON (a union's variant): the subtree exists already, so share it.
            return ((JsonValueParser) parser).readValue();
        }
        JsonToken token = parser.currentToken();
        if (token == null) {
            token = parser.nextToken();
            if (token == null) {
                throw new JsonParseException(parser, "Expected a JSON value, found end of input");
            }
        }
        switch (token.id()) { // ids, not the enum: no synthetic switch-map class
            case JsonTokenId.ID_START_OBJECT: {
                Map<String, JsonValue> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, read(parser));
                }
                return new JsonValue(Type.OBJECT, Collections.unmodifiableMap(map));
            }
            case JsonTokenId.ID_START_ARRAY: {
                List<JsonValue> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                return new JsonValue(Type.ARRAY, Collections.unmodifiableList(list));
            }
            case JsonTokenId.ID_STRING:
                return new JsonValue(Type.STRING, parser.getText());
            case JsonTokenId.ID_NUMBER_INT:
                return new JsonValue(Type.NUMBER, normalize(parser.getNumberValue()));
            case JsonTokenId.ID_NUMBER_FLOAT:
                return new JsonValue(Type.NUMBER, parser.getDecimalValue());
            case JsonTokenId.ID_TRUE:
                return TRUE;
            case JsonTokenId.ID_FALSE:
                return FALSE;
            case JsonTokenId.ID_NULL:
                return NULL;
            default:
                throw new JsonParseException(parser, "Expected a JSON value, found " + token);
        }
    }

    /**
     * Writes this value to a generator.
     *
     * @param generator the generator
     * @throws IOException if writing fails
     */
    @SuppressWarnings("unchecked")
    public void write(JsonGenerator generator) throws IOException {
        if (type == Type.OBJECT) {
            generator.writeStartObject();
            try {
                // forEach: an unmodifiable map's entry iterator would wrap every entry in a new object
                ((Map<String, JsonValue>) value).forEach((name, property) -> {
                    try {
                        generator.writeFieldName(name);
                        property.write(generator);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            generator.writeEndObject();
        } else if (type == Type.ARRAY) {
            generator.writeStartArray();
            List<JsonValue> elements = (List<JsonValue>) value;
            for (int i = 0, n = elements.size(); i < n; i++) { // random access: no iterator per array
                elements.get(i).write(generator);
            }
            generator.writeEndArray();
        } else if (type == Type.STRING) {
            generator.writeString((String) value);
        } else if (type == Type.NUMBER) {
            if (value instanceof Long) {
                generator.writeNumber((Long) value);
            } else if (value instanceof BigInteger) {
                generator.writeNumber((BigInteger) value);
            } else {
                writeDecimal(generator, (BigDecimal) value);
            }
        } else if (type == Type.BOOLEAN) {
            generator.writeBoolean((Boolean) value);
        } else {
            generator.writeNull();
        }
    }

    /**
     * Returns the kind of value.
     *
     * @return the type
     */
    public Type type() {
        return type;
    }

    /**
     * Tells whether this is {@code null}.
     *
     * @return {@code true} for the JSON null
     */
    public boolean isNull() {
        return type == Type.NULL;
    }

    /**
     * Tells whether this is an object.
     *
     * @return {@code true} for an object
     */
    public boolean isObject() {
        return type == Type.OBJECT;
    }

    /**
     * Tells whether this is an array.
     *
     * @return {@code true} for an array
     */
    public boolean isArray() {
        return type == Type.ARRAY;
    }

    /**
     * Tells whether this is a string.
     *
     * @return {@code true} for a string
     */
    public boolean isString() {
        return type == Type.STRING;
    }

    /**
     * Tells whether this is a number.
     *
     * @return {@code true} for a number
     */
    public boolean isNumber() {
        return type == Type.NUMBER;
    }

    /**
     * Tells whether this is a boolean.
     *
     * @return {@code true} for {@code true} or {@code false}
     */
    public boolean isBoolean() {
        return type == Type.BOOLEAN;
    }

    /**
     * Returns the properties of an object, in order.
     *
     * @return the unmodifiable properties
     * @throws IllegalStateException if this is not an object
     */
    @SuppressWarnings("unchecked")
    public Map<String, JsonValue> asObject() {
        expect(Type.OBJECT);
        return (Map<String, JsonValue>) value;
    }

    /**
     * Returns the elements of an array.
     *
     * @return the unmodifiable elements
     * @throws IllegalStateException if this is not an array
     */
    @SuppressWarnings("unchecked")
    public List<JsonValue> asArray() {
        expect(Type.ARRAY);
        return (List<JsonValue>) value;
    }

    /**
     * Returns a string's text.
     *
     * @return the text
     * @throws IllegalStateException if this is not a string
     */
    public String asString() {
        expect(Type.STRING);
        return (String) value;
    }

    /**
     * Returns a number: a {@link Long} or {@link BigInteger} for integers, a {@link BigDecimal} otherwise.
     *
     * @return the number
     * @throws IllegalStateException if this is not a number
     */
    public Number asNumber() {
        expect(Type.NUMBER);
        return (Number) value;
    }

    /**
     * Returns a boolean.
     *
     * @return the boolean
     * @throws IllegalStateException if this is not a boolean
     */
    public boolean asBoolean() {
        expect(Type.BOOLEAN);
        return (Boolean) value;
    }

    /**
     * Returns an object's property.
     *
     * @param name the property name
     * @return the property's value, or {@code null} if this is not an object or has no such property
     */
    public JsonValue get(String name) {
        return type == Type.OBJECT ? asObject().get(name) : null;
    }

    /**
     * Converts to plain Java: {@code Map<String, Object>} (ordered), {@code List<Object>}, {@code String},
     * {@code Number}, {@code Boolean} or {@code null}.
     *
     * @return the Java value
     */
    @SuppressWarnings("unchecked")
    public Object toJava() {
        if (type == Type.OBJECT) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : ((Map<String, JsonValue>) value).entrySet()) {
                map.put(e.getKey(), e.getValue().toJava());
            }
            return map;
        } else if (type == Type.ARRAY) {
            List<Object> list = new ArrayList<>();
            for (JsonValue element : (List<JsonValue>) value) {
                list.add(element.toJava());
            }
            return list;
        } else {
            return value;
        }
    }

    /**
     * Returns a parser that reads this value as a stream of tokens, the same tokens parsing {@link #toJson()}
     * would give, without writing the text: for reading a value with a codec, e.g.
     * {@code codec.read(parser)} after {@code parser.nextToken()}. The parser has no location information;
     * close it when done.
     *
     * @return a new parser, before the first token
     */
    public JsonParser traverse() {
        return new JsonValueParser(this);
    }

    /**
     * Returns the value as compact JSON text.
     *
     * @return the JSON
     */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Json.factory().createGenerator(out)) {
            write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JsonValue)) {
            return false;
        }
        JsonValue other = (JsonValue) o;
        if (type != other.type) {
            return false;
        }
        if (type == Type.NUMBER) {
            return decimal(value).compareTo(decimal(other.value)) == 0;
        }
        return Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        if (type == Type.NUMBER) {
            BigDecimal d = decimal(value);
            return d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
        }
        return 31 * type.hashCode() + Objects.hashCode(value);
    }

    /** Returns compact JSON. */
    @Override
    public String toString() {
        return toJson();
    }

    private void expect(Type expected) {
        if (type != expected) {
            throw new IllegalStateException("This JSON value is " + article(type) + ", not " + article(expected)
                    + "; check type() before converting");
        }
    }

    private static String article(Type t) {
        String name = t.name().toLowerCase(Locale.ROOT);
        return (t == Type.OBJECT || t == Type.ARRAY ? "an " : "a ") + name;
    }

    private static Number normalize(Number n) {
        if (n instanceof Long || n instanceof BigInteger || n instanceof BigDecimal) {
            return n;
        }
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no NaN or infinite numbers: " + d);
            }
            return BigDecimal.valueOf(d);
        }
        return new BigDecimal(n.toString());
    }

    /**
     * The largest scale, either way, that a decimal is written with in plain notation (as the factory's
     * {@code WRITE_BIGDECIMAL_AS_PLAIN} asks): Jackson's own bound, past which it refuses to write one.
     */
    static final int MAX_PLAIN_SCALE = 9999;

    /**
     * Tells whether a decimal is written in plain notation ({@code 1000}, {@code 0.001}); one with a larger
     * scale either way ({@code 1e1000000} as read) is written in scientific notation, which keeps its exact
     * value in a few characters.
     */
    static boolean isPlain(BigDecimal d) {
        return d.scale() >= -MAX_PLAIN_SCALE && d.scale() <= MAX_PLAIN_SCALE;
    }

    /** Text of a decimal as {@link #toJson()} writes it. */
    static String decimalText(BigDecimal d) {
        return isPlain(d) ? d.toPlainString() : d.toString();
    }

    private static void writeDecimal(JsonGenerator generator, BigDecimal d) throws IOException {
        if (isPlain(d)) {
            generator.writeNumber(d);
        } else {
            generator.writeNumber(d.toString()); // 1E+1000000: valid JSON, the exact value
        }
    }

    private static BigDecimal decimal(Object n) {
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        }
        if (n instanceof BigInteger) {
            return new BigDecimal((BigInteger) n);
        }
        return BigDecimal.valueOf(((Number) n).longValue());
    }
}
