package io.github.convai4j.internal;

import io.github.convai4j.core.Field;
import io.github.convai4j.core.JsonCodec;
import io.github.convai4j.core.JsonValue;
import io.github.convai4j.core.json.Codecs;
import io.github.convai4j.core.json.Models;
import io.github.convai4j.core.json.ValueMismatchException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The base of every generated model: its properties in one array, read and written by its {@link ModelType},
 * and what every model does the same way (equality, {@code toString}, {@code validate()}, the additional
 * properties) written once here. A generated model adds one accessor per property, its builder, and
 * {@link #newInstance}.
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
    protected abstract M newInstance(Object[] values);

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
        return v == null ? Field.<T>absent() : v == Values.NULL ? Field.<T>ofNull() : Field.of((T) v);
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
        return v == null ? Field.<E>absent() : v == Values.NULL ? Field.<E>ofNull() : Field.of(codec.ofStored(v));
    }

    /**
     * Returns a required property's value; for generated accessors.
     *
     * @param i the property's index
     * @return the value
     * @throws IllegalStateException if the property is absent or {@code null}
     */
    protected final Object require(int i) {
        Object v = values[i];
        if (v != null && v != Values.NULL) {
            return v;
        }
        String model = type.name;
        throw new IllegalStateException(model + "." + type.names[i] + " is required by the API spec but "
                + (v == Values.NULL ? "was null" : "was missing, or had an unexpected JSON type (then see"
                + " additionalProperties())") + " in the JSON this " + model + " was read from");
    }

    /**
     * Returns a required enum property's value; for generated accessors.
     *
     * @param i the property's index
     * @param codec the enum's codec
     * @param <E> the enum
     * @return the value
     * @throws IllegalStateException if the property is absent or {@code null}
     */
    protected final <E extends GeneratedEnum<?>> E requireEnum(int i, EnumType<E> codec) {
        return codec.ofStored(require(i));
    }

    /**
     * Fills a new builder with this model's properties; for the generated {@code toBuilder()}.
     *
     * @param builder a new builder of this model
     * @param <B> the builder
     * @return the builder
     */
    protected final <B extends ModelBuilder<M, B>> B toBuilder(B builder) {
        builder.copyFrom(values);
        return builder;
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
            return Codecs.fromJsonValue(to, Codecs.toJsonValue(type, self()));
        } catch (ValueMismatchException e) {
            throw new IllegalStateException("Cannot convert a " + type.name, e); // an object always reads as a model
        }
    }

    @SuppressWarnings("unchecked")
    private M self() {
        return (M) this;
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

    /** Two models are equal when they are of the same class and hold equal properties. */
    @Override
    public final boolean equals(Object o) {
        return o == this || o != null && o.getClass() == getClass()
                && Arrays.equals(values, ((GeneratedModel<?>) o).values);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(values);
    }

    /**
     * Returns the present properties by wire name, then the additional ones; a secret property shows as
     * {@code ***}.
     */
    @Override
    public final String toString() {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < type.names.length; i++) {
            Object v = values[i];
            if (v != null) {
                boolean secret = (type.flags[i] & ModelType.SECRET) != 0 && v != Values.NULL;
                shown.add(type.names[i] + "=" + (secret ? Models.REDACTED : String.valueOf(v)));
            }
        }
        Map<String, JsonValue> extras = additionalProperties();
        if (!extras.isEmpty()) {
            shown.add("additionalProperties=" + extras);
        }
        return type.name + "{" + String.join(", ", shown) + "}";
    }
}
