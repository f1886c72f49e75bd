package io.github.convai4j.internal;

import io.github.convai4j.json.Field;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.json.ValueMismatchException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The base of every generated model: its properties in one array, read and written by its {@link ModelType},
 * and what every model does the same way (the accessors' rules, equality, {@code toString},
 * {@code validate()}, the additional properties) written once here. A generated model adds one accessor per
 * property, its builder, and {@link #newInstance}.
 *
 * <p>The accessors' rules: a required property returns its value, or throws a
 * {@link NoSuchElementException} naming the model and the wire property; an optional (or nullable) property of
 * a model type returns the model, or an empty stand-in of it when the JSON lacked it or held {@code null}
 * ({@link #isAbsent()} and {@link #isNull()} tell which), so that nested optional values read without checks;
 * any other optional property returns a {@link Field}, whose {@code get()} names the model and the property
 * when there is no value.
 *
 * <p>Immutable and thread-safe: the array is never changed after construction, and lists and maps in it are
 * unmodifiable.
 *
 * @param <M> the model
 */
public abstract class GeneratedModel<M extends GeneratedModel<M>> {

    /** {@code null} only in a type's prototype. */
    final ModelType<M> type;
    /** The properties by index (see {@link Values}), then the additional properties (a map, or {@code null}). */
    final Object[] values;

    /**
     * Creates a model; for generated subclasses.
     *
     * @param type the model's type; {@code null} for the prototype the type is created with
     * @param values the properties, then the additional properties; owned by the model from now on
     */
    protected GeneratedModel(ModelType<M> type, Object[] values) {
        this.type = type;
        this.values = values;
    }

    /**
     * Creates an instance holding a property array; called on the prototype.
     *
     * @param values the properties, then the additional properties
     * @return the new model
     */
    protected abstract GeneratedModel<M> newInstance(Object[] values);

    /**
     * Returns an optional property as a field; for generated accessors.
     *
     * @param i the property's index
     * @param <T> its type
     * @return the field: absent, null or the value
     */
    @SuppressWarnings("unchecked")
    protected final <T> Field<T> field(int i) {
        Object v = values[i];
        return Field.ofProperty(v == Values.NULL ? null : (T) v, v != null, where(i));
    }

    /**
     * Returns an optional enum property as a field; for generated accessors.
     *
     * @param i the property's index
     * @param codec the enum's codec
     * @param <E> the enum
     * @return the field: absent, null or the value
     */
    protected final <E extends GeneratedEnum<?>> Field<E> enumField(int i, EnumType<E> codec) {
        Object v = values[i];
        return Field.ofProperty(v == null || v == Values.NULL ? null : codec.ofStored(v), v != null, where(i));
    }

    /**
     * Returns a required property's value; for generated accessors.
     *
     * @param i the property's index
     * @return the value
     * @throws NoSuchElementException if the property is absent or {@code null}, naming the model and the property
     */
    protected final Object require(int i) {
        Object v = values[i];
        if (v != null && v != Values.NULL) {
            return v;
        }
        throw missing(i, v);
    }

    /**
     * Returns a required enum property's value; for generated accessors.
     *
     * @param i the property's index
     * @param codec the enum's codec
     * @param <E> the enum
     * @return the value
     * @throws NoSuchElementException if the property is absent or {@code null}
     */
    protected final <E extends GeneratedEnum<?>> E requireEnum(int i, EnumType<E> codec) {
        return codec.ofStored(require(i));
    }

    /**
     * Returns a property of a model type; for generated accessors. Never {@code null}: an optional (or nullable)
     * property that is absent (or {@code null}) gives the nested type's empty stand-in, which says so.
     *
     * @param i the property's index
     * @param nested the nested model's type
     * @param <N> the nested model
     * @return the model, or a stand-in
     * @throws NoSuchElementException if the property is required and absent, or not nullable and {@code null}
     */
    @SuppressWarnings("unchecked")
    protected final <N extends GeneratedModel<N>> N model(int i, ModelType<N> nested) {
        Object v = values[i];
        if (v == null) {
            if (type.required[i]) {
                throw missing(i, null);
            }
            return nested.absent();
        }
        if (v == Values.NULL) {
            if (type.required[i] && (type.flags[i] & ModelType.NULLABLE) == 0) {
                throw missing(i, v);
            }
            return nested.nullValue();
        }
        return (N) v;
    }

    private NoSuchElementException missing(int i, Object v) {
        if (isAbsent() || isNull()) {
            return new NoSuchElementException(where(i) + " is absent; check isAbsent() or isNull() on the "
                    + type.name + " first");
        }
        return new NoSuchElementException(where(i) + " is required by the API spec but " + (v == Values.NULL
                ? "was null" : "was absent, or had an unexpected JSON type (then see additionalProperties()),")
                + " in the JSON this " + type.name + " was read from");
    }

    /** The property, as messages name it: {@code PromptAgent.temperature}, and whether this is a stand-in. */
    private String where(int i) {
        String property = type.name + "." + type.names[i];
        return isAbsent() || isNull() ? property + " (of the empty " + type.name + " that stands for a property"
                + " that was " + (isAbsent() ? "absent" : "null") + ")" : property;
    }

    /**
     * Returns a property's value by wire name, for the runtime: the declared property ({@code null} if absent or
     * null), else the additional property of that name, raw.
     */
    Object wireValue(String wireName) {
        int i = type.indexOf(wireName);
        if (i < 0) {
            return additionalProperties().get(wireName);
        }
        Object v = values[i];
        return v == Values.NULL ? null : v;
    }

    /**
     * Converts this model into another through its JSON, as a response-side twin's {@code toRequestModel()}
     * does: every property, additional ones included, is kept.
     *
     * @param to the target's codec
     * @param <T> the target
     * @return the target model
     */
    protected final <T> T convert(JsonCodec<T> to) {
        try {
            return Json.fromJsonValue(to, Json.toJsonValue(type, self()));
        } catch (ValueMismatchException e) {
            throw new IllegalStateException("Cannot convert a " + type.name, e); // an object always reads as a model
        }
    }

    @SuppressWarnings("unchecked")
    private M self() {
        return (M) this;
    }

    /**
     * Tells whether this model stands for a property that was absent: what an accessor of an optional
     * property of this type returns when the JSON lacked it (or the builder did not set it). Such a stand-in is
     * empty: its optional properties are absent too, and its required ones throw.
     *
     * @return {@code true} for the stand-in of an absent property
     */
    public final boolean isAbsent() {
        return type != null && values == type.absentValues;
    }

    /**
     * Tells whether this model stands for a property that was {@code null}: what an accessor of a nullable
     * property of this type returns for JSON {@code null}. Such a stand-in is empty, like {@link #isAbsent()}'s.
     *
     * @return {@code true} for the stand-in of a {@code null} property
     */
    public final boolean isNull() {
        return type != null && values == type.nullValues;
    }

    /**
     * Returns the properties this model does not know: properties the server sent that the spec does not list,
     * and listed properties whose value had an unexpected JSON type (kept raw under their wire name). They are
     * written back when this model is sent.
     *
     * @return the unmodifiable properties, in document order; empty if none
     */
    @SuppressWarnings("unchecked")
    public final Map<String, JsonValue> additionalProperties() {
        Map<String, JsonValue> extras = (Map<String, JsonValue>) values[values.length - 1];
        return extras == null ? Collections.<String, JsonValue>emptyMap() : extras;
    }

    /**
     * Checks that every property the spec requires is present. Reading never checks this: a missing required
     * property fails only when its accessor is called.
     *
     * @return this model
     * @throws IllegalStateException naming every missing property
     */
    public final M validate() {
        type.requireAll(values, type.name + ".validate()");
        return self();
    }

    /**
     * Two models are equal when they are of the same class and hold equal properties; a stand-in
     * ({@link #isAbsent()}, {@link #isNull()}) equals only the same stand-in.
     */
    @Override
    public final boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        GeneratedModel<?> other = (GeneratedModel<?>) o;
        return isAbsent() == other.isAbsent() && isNull() == other.isNull() && Arrays.equals(values, other.values);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(values) + (isAbsent() ? 1 : isNull() ? 2 : 0);
    }

    /**
     * Returns the present properties by wire name, then the additional ones; a secret property shows as
     * {@code ***}, a secret map (request headers) as its keys with {@code ***} values, and a URL with its
     * credential query parameters ({@code token}, ...) masked. A stand-in shows as {@code Name<absent>} or
     * {@code Name<null>}.
     */
    @Override
    public final String toString() {
        if (isAbsent() || isNull()) {
            return type.name + (isAbsent() ? "<absent>" : "<null>");
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < type.names.length; i++) {
            Object v = values[i];
            if (v != null) {
                shown.add(type.names[i] + "=" + shown(v, type.flags[i]));
            }
        }
        Map<String, JsonValue> extras = additionalProperties();
        if (!extras.isEmpty()) {
            shown.add("additionalProperties=" + extras);
        }
        return type.name + "{" + String.join(", ", shown) + "}";
    }

    private static String shown(Object v, int flags) {
        if (v == Values.NULL) {
            return "null";
        }
        if ((flags & ModelType.SECRET) != 0) {
            if (v instanceof Map) {
                Map<String, String> names = new LinkedHashMap<>();
                for (Object key : ((Map<?, ?>) v).keySet()) {
                    names.put(String.valueOf(key), "***");
                }
                return names.toString();
            }
            return "***";
        }
        if ((flags & ModelType.CREDENTIAL_URL) != 0 && v instanceof String) {
            return Redactor.credentialParameters((String) v);
        }
        return String.valueOf(v);
    }
}
