package io.github.convai4j.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.convai4j.core.Field;
import io.github.convai4j.core.JsonCodec;
import io.github.convai4j.core.JsonValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every generated model shares, kept here once: required-property checks, defensive copies, writing
 * properties and additional properties, and {@code toString}. For generated code.
 */
public final class Models {

    /** What {@code toString} prints instead of a secret value. */
    public static final String REDACTED = "***";

    private Models() {
    }

    /**
     * Returns a required property's value.
     *
     * @param field the field
     * @param model the model's name
     * @param property the property's wire name
     * @param <T> the type
     * @return the value
     * @throws IllegalStateException if the property is absent or {@code null}: the server did not send it,
     *         or sent a value of an unexpected type (kept in {@code additionalProperties()})
     */
    public static <T> T require(Field<T> field, String model, String property) {
        if (field.hasValue()) {
            return field.get();
        }
        throw new IllegalStateException(model + "." + property + " is required by the API spec but "
                + (field.isNull() ? "was null" : "was missing, or had an unexpected JSON type (then see"
                + " additionalProperties())") + " in the JSON this " + model + " was read from");
    }

    /**
     * Checks that required properties are present ({@code null} counts as present where the spec allows it).
     *
     * @param where what is checking, for the message (for example {@code "Agent.Builder.build()"})
     * @param names the required properties' wire names
     * @param fields their fields, in the same order
     * @throws IllegalStateException naming every missing property
     */
    public static void requireAll(String where, String[] names, Field<?>... fields) {
        List<String> missing = null;
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].isAbsent()) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(names[i]);
            }
        }
        if (missing != null) {
            throw new IllegalStateException(where + ": missing required " + (missing.size() == 1 ? "property " : "properties ")
                    + String.join(", ", missing) + "; set " + (missing.size() == 1 ? "it" : "them") + " first");
        }
    }

    /**
     * Checks a value passed to a builder.
     *
     * @param value the value
     * @param model the model's name
     * @param property the property's wire name
     * @param <T> the type
     * @return a field holding the value
     * @throws NullPointerException if {@code value} is {@code null} and the property is not nullable
     */
    public static <T> Field<T> value(T value, String model, String property) {
        if (value == null) {
            throw new NullPointerException(model + "." + property + " is not nullable; pass a value, or"
                    + " Field.absent() to leave it out");
        }
        return Field.of(value);
    }

    /**
     * Checks a field passed to a builder.
     *
     * @param field the field
     * @param model the model's name
     * @param property the property's wire name
     * @param <T> the type
     * @return the field
     * @throws NullPointerException if {@code field} is {@code null}
     */
    public static <T> Field<T> field(Field<T> field, String model, String property) {
        if (field == null) {
            throw new NullPointerException(model + "." + property + ": pass Field.absent() or Field.ofNull(), not null");
        }
        return field;
    }

    /**
     * Returns an immutable copy of a list field.
     *
     * @param field the field
     * @param <T> the element type
     * @return the field with an unmodifiable copy of the list
     */
    public static <T> Field<List<T>> copyList(Field<List<T>> field) {
        return field.hasValue() ? Field.of(Collections.unmodifiableList(new ArrayList<>(field.get()))) : field;
    }

    /**
     * Returns an immutable copy of a map field.
     *
     * @param field the field
     * @param <T> the value type
     * @return the field with an unmodifiable copy of the map, in the same order
     */
    public static <T> Field<Map<String, T>> copyMap(Field<Map<String, T>> field) {
        return field.hasValue() ? Field.of(Collections.unmodifiableMap(new LinkedHashMap<>(field.get()))) : field;
    }

    /**
     * Returns an immutable copy of additional properties.
     *
     * @param extras the properties, or {@code null}
     * @return an unmodifiable copy, in the same order
     */
    public static Map<String, JsonValue> copyExtras(Map<String, JsonValue> extras) {
        return extras == null || extras.isEmpty() ? Collections.<String, JsonValue>emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /**
     * Adds an additional property in a builder.
     *
     * @param extras the builder's properties, or {@code null}
     * @param name the wire name
     * @param value the value; {@code null} means the JSON {@code null}
     * @return the (possibly new) mutable map
     */
    public static Map<String, JsonValue> putExtra(Map<String, JsonValue> extras, String name, JsonValue value) {
        Map<String, JsonValue> map = extras == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extras);
        map.put(java.util.Objects.requireNonNull(name, "name"), value == null ? JsonValue.NULL : value);
        return map;
    }

    /**
     * Removes an additional property of the same name when a builder sets a known property, so that a value
     * kept raw (it had an unexpected type) is not written twice.
     *
     * @param extras the builder's properties, or {@code null}
     * @param name the wire name
     * @return the map without {@code name}, or {@code null}
     */
    public static Map<String, JsonValue> removeExtra(Map<String, JsonValue> extras, String name) {
        if (extras == null || !extras.containsKey(name)) {
            return extras;
        }
        Map<String, JsonValue> map = new LinkedHashMap<>(extras);
        map.remove(name);
        return map;
    }

    /**
     * Writes a property unless it is absent.
     *
     * @param generator the generator
     * @param name the wire name
     * @param field the field
     * @param codec the value's codec
     * @param <T> the type
     * @throws IOException if writing fails
     */
    public static <T> void write(JsonGenerator generator, String name, Field<T> field, JsonCodec<T> codec)
            throws IOException {
        if (field.isAbsent()) {
            return;
        }
        generator.writeFieldName(name);
        if (field.isNull()) {
            generator.writeNull();
        } else {
            codec.write(generator, field.get());
        }
    }

    /**
     * Writes additional properties.
     *
     * @param generator the generator
     * @param extras the properties
     * @throws IOException if writing fails
     */
    public static void writeExtras(JsonGenerator generator, Map<String, JsonValue> extras) throws IOException {
        for (Map.Entry<String, JsonValue> e : extras.entrySet()) {
            generator.writeFieldName(e.getKey());
            e.getValue().write(generator);
        }
    }

    /**
     * Returns an unmodifiable copy of a list, for a query-parameter class.
     *
     * @param list the list, or {@code null} (not sent)
     * @param <T> the element type
     * @return the copy, or {@code null}
     */
    public static <T> List<T> immutableList(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /**
     * Checks that a query-parameter class's required parameters are set; for its builder's {@code build()}.
     *
     * @param where the builder, for the message ({@code GetSignedUrlParams.Builder.build()})
     * @param names the required parameters' wire names
     * @param values their values, in the same order
     * @throws IllegalStateException naming every one that is {@code null}
     */
    public static void requireParams(String where, String[] names, Object... values) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                missing.add(names[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(where + ": missing required query parameter" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + "; set " + (missing.size() == 1 ? "it" : "them") + " first");
        }
    }

    /**
     * The {@code toString()} of a query-parameter class: the parameters that are set.
     *
     * @param name the class's name
     * @param names the wire names
     * @param values the values, {@code null} for unset
     * @return {@code Name{page_size=10, search=x}}
     */
    public static String paramsToString(String name, String[] names, Object[] values) {
        StringBuilder out = new StringBuilder(name).append('{');
        boolean first = true;
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                out.append(first ? "" : ", ").append(names[i]).append('=').append(values[i]);
                first = false;
            }
        }
        return out.append('}').toString();
    }

    /**
     * Converts a model into another through its JSON, as {@code toRequestModel()} of a response-side twin does:
     * every property, additional ones included, is kept (the target keeps what it does not know as additional
     * properties).
     *
     * @param from the source's codec
     * @param value the source model
     * @param to the target's codec
     * @param <S> the source type
     * @param <T> the target type
     * @return the target model
     */
    public static <S, T> T convert(JsonCodec<S> from, S value, JsonCodec<T> to) {
        try {
            return Codecs.fromJsonValue(to, Codecs.toJsonValue(from, value));
        } catch (ValueMismatchException e) {
            // both are object models: an object always reads as one
            throw new IllegalStateException("Cannot convert " + value.getClass().getName(), e);
        }
    }

    /**
     * Returns what {@code toString} shows for a secret property: whether it is set, not its value.
     *
     * @param field the field
     * @return the field itself if absent or null, else {@link #REDACTED}
     */
    public static Object redact(Field<?> field) {
        return field.hasValue() ? REDACTED : field;
    }

    /**
     * Formats a model for {@code toString}: present properties by wire name, then additional properties.
     *
     * @param model the model's name
     * @param names the properties' wire names
     * @param values their fields (or redacted stand-ins), in the same order, then the additional properties
     * @return the text
     */
    public static String toString(String model, String[] names, Object[] values) {
        StringBuilder out = new StringBuilder(model).append('{');
        boolean first = true;
        for (int i = 0; i < names.length; i++) {
            Object v = values[i];
            if (v instanceof Field && ((Field<?>) v).isAbsent()) {
                continue;
            }
            out.append(first ? "" : ", ").append(names[i]).append('=').append(v);
            first = false;
        }
        Object extras = values[names.length];
        if (extras instanceof Map && !((Map<?, ?>) extras).isEmpty()) {
            out.append(first ? "" : ", ").append("additionalProperties=").append(extras);
        }
        return out.append('}').toString();
    }
}
