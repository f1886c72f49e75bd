package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.json.JsonCodec;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The descriptor of a generated open enum and its JSON codec: a JSON string (or, for an integer enum, a JSON
 * integer that fits a {@code long}); any value is accepted, a value the spec does not list is kept.
 *
 * <p>Thread-safe once the enum's class is initialized. For generated code.
 *
 * @param <E> the enum
 */
public final class EnumType<E extends GeneratedEnum<?>> implements JsonCodec<E> {

    private final E prototype;
    private final String[] wire;
    private final Map<String, E> known;
    private final boolean integer;

    /**
     * Describes an enum; its constants are then made by {@link #constant(int)}, in order.
     *
     * @param prototype an instance made only to create the others ({@link GeneratedEnum#create})
     * @param values the known wire values, separated by commas
     * @param integer whether the values are JSON integers
     */
    public EnumType(E prototype, String values, boolean integer) {
        this.prototype = prototype;
        this.wire = values.split(",", -1);
        this.known = new HashMap<>(wire.length * 2);
        this.integer = integer;
    }

    /**
     * Makes a known constant; for the generated constants' initializers.
     *
     * @param ordinal its index among the known values
     * @return the constant
     */
    @SuppressWarnings("unchecked")
    public E constant(int ordinal) {
        E e = (E) prototype.create(wire[ordinal], ordinal);
        known.put(wire[ordinal], e);
        return e;
    }

    /**
     * Returns the value for a wire value; for the generated {@code of}.
     *
     * @param value the wire value (an integer enum's in decimal)
     * @return the constant if known, else a new unrecognized value
     * @throws NullPointerException if {@code value} is {@code null}
     */
    @SuppressWarnings("unchecked")
    public E of(String value) {
        E e = known.get(value);
        return e != null ? e : (E) prototype.create(java.util.Objects.requireNonNull(value, "value"), -1);
    }

    /** The value of a wire value as a model's property array holds it: a string, or a long for an integer enum. */
    E ofStored(Object stored) {
        return of(stored instanceof Long ? Long.toString((Long) stored) : (String) stored);
    }

    @Override
    public E read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (integer) {
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return of(Long.toString(p.getLongValue()));
            }
            throw Codecs.mismatch("an integer", p);
        }
        if (t == JsonToken.VALUE_STRING) {
            return of(p.getText());
        }
        throw Codecs.mismatch("a string", p);
    }

    @Override
    public void write(JsonGenerator g, E value) throws IOException {
        if (integer) {
            g.writeNumber(Long.parseLong(value.value()));
        } else {
            g.writeString(value.value());
        }
    }
}
