package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.convai4j.json.JsonValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * What a generated model's property array holds, and writing it. A slot holds {@code null} for an absent
 * property, {@link #NULL} for an explicit JSON {@code null}, or the value: {@link String}, {@link Long},
 * {@link Double}, {@link Boolean}, {@link JsonValue}, a model, a union, an unmodifiable {@link List} or
 * {@link Map}; an enum property holds its wire value ({@link String}, or {@link Long} for an integer enum), so
 * that reading one never needs the enum's class.
 *
 * <p>Values are written by what they are, not through a codec: writing a model needs no type it refers to,
 * so an application that only sends a model keeps (under a shrinker) none of the types it could hold.
 */
final class Values {

    /**
     * The explicit JSON {@code null} in a property array, told apart by identity. A plain {@code Object}, not a
     * class of its own: every app keeps this class, and a model's {@code toString} shows it as {@code null}.
     */
    static final Object NULL = new Object();

    private Values() {
    }

    /**
     * Writes a value by its class.
     *
     * @param g the generator
     * @param v the value; {@code null} or {@link #NULL} writes JSON {@code null}
     * @throws IOException if writing fails
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof GeneratedModel) {
            GeneratedModel<?> m = (GeneratedModel<?>) v;
            m.type.writeValues(g, m.values);
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof List) {
            List<?> list = (List<?>) v;
            g.writeStartArray();
            if (list instanceof RandomAccess) {
                for (int i = 0, n = list.size(); i < n; i++) { // no iterator per list: encoding allocates its output only
                    write(g, list.get(i));
                }
            } else {
                for (Object element : list) {
                    write(g, element);
                }
            }
            g.writeEndArray();
        } else if (v instanceof GeneratedUnion) {
            ((GeneratedUnion) v).type.write(g, (GeneratedUnion) v);
        } else if (v instanceof JsonValue) {
            ((JsonValue) v).write(g);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof GeneratedEnum) {
            GeneratedEnum<?> e = (GeneratedEnum<?>) v;
            if (e.isNumber()) {
                g.writeNumber(Long.parseLong(e.value()));
            } else {
                g.writeString(e.value());
            }
        } else if (v instanceof Map) {
            g.writeStartObject();
            writeEntries(g, (Map<String, ?>) v);
            g.writeEndObject();
        } else if (v == null || v == NULL) {
            g.writeNull();
        } else if (v instanceof BigDecimal) {
            JsonValue.of((BigDecimal) v).write(g); // in plain notation only where that is not absurdly long
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else {
            throw new IllegalArgumentException("Cannot write a " + v.getClass().getName() + " as JSON");
        }
    }

    /**
     * Writes a map's entries as properties. {@code forEach}, not an entry iterator: an unmodifiable map's
     * entries would each be wrapped in a new object, and encoding should allocate little beyond its output.
     */
    static void writeEntries(JsonGenerator g, Map<String, ?> map) throws IOException {
        try {
            map.forEach((name, value) -> {
                try {
                    g.writeFieldName(name);
                    write(g, value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Returns the unmodifiable copy of a list or map a model keeps; other values as they are.
     *
     * @param value the value a builder was given
     * @return what the model holds
     */
    static Object immutable(Object value) {
        if (value instanceof List) {
            return Collections.unmodifiableList(new ArrayList<>((List<?>) value));
        } else if (value instanceof Map) {
            return Collections.unmodifiableMap(new LinkedHashMap<>((Map<?, ?>) value));
        }
        return value;
    }
}
