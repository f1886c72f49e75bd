package io.github.convai4j.internal;

import io.github.convai4j.json.JsonValue;
import io.github.convai4j.json.OpenEnum;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base of every generated model's builder: the properties in one array, as the model holds them. A
 * generated builder adds one setter per property.
 *
 * <p>Not thread-safe.
 *
 * @param <M> the model
 * @param <B> the builder
 */
public abstract class ModelBuilder<M extends GeneratedModel<M>, B extends ModelBuilder<M, B>> {

    private final ModelType<M> type;
    private Object[] values;

    /**
     * Creates a builder: with every property absent except constants, which are preset, or holding a model's
     * properties, additional ones included.
     *
     * @param type the model's type
     * @param from the model to copy, or {@code null} for a new builder
     */
    protected ModelBuilder(ModelType<M> type, GeneratedModel<M> from) {
        this.type = type;
        if (from != null) {
            this.values = from.values.clone();
        } else {
            this.values = new Object[type.names.length + 1];
            if (type.constants != null) {
                System.arraycopy(type.constants, 0, values, 0, type.constants.length);
            }
        }
    }

    /**
     * Sets a property; for generated setters.
     *
     * @param i the property's index
     * @param value the value; {@code null} writes JSON {@code null} where the property is nullable. A model's
     *        empty stand-in ({@link GeneratedModel#isAbsent()}, {@link GeneratedModel#isNull()}) sets the state it
     *        stands for, so that a property copied from one model to another keeps it.
     * @return this builder
     * @throws NullPointerException if {@code value} is {@code null} (or a {@code null} stand-in) and the
     *         property is not nullable, naming the model and the property
     */
    protected final B set(int i, Object value) {
        if (value instanceof GeneratedModel) {
            GeneratedModel<?> model = (GeneratedModel<?>) value;
            if (model.isAbsent()) {
                put(i, null);
                return self();
            } else if (model.isNull()) {
                value = null;
            }
        }
        if (value == null) {
            if ((type.flags[i] & ModelType.NULLABLE) == 0) {
                throw new NullPointerException(type.name + "." + type.names[i] + " cannot be null: the API does not"
                        + " accept null for it. Pass a value, or leave it out with unset(\"" + type.names[i] + "\")");
            }
            put(i, Values.NULL);
        } else {
            put(i, stored(i, value));
        }
        return self();
    }

    /**
     * Sets properties back to absent: they are not written, as if never set (an additional property of the same
     * name goes too).
     *
     * @param wireNames the properties' wire names, as the API spells them ({@code "first_message"})
     * @return this builder
     * @throws IllegalArgumentException if a name is not one of the model's properties, listing them; nothing is
     *         changed then
     */
    public final B unset(String... wireNames) {
        int[] indexes = new int[wireNames.length];
        for (int k = 0; k < wireNames.length; k++) {
            indexes[k] = wireNames[k] == null ? -1 : type.indexOf(wireNames[k]);
            if (indexes[k] < 0) {
                throw new IllegalArgumentException(type.name + " has no property " + (wireNames[k] == null ? "null"
                        : "\"" + wireNames[k] + "\"") + "; its properties are " + String.join(", ", type.names));
            }
        }
        for (int i : indexes) {
            put(i, null);
        }
        return self();
    }

    /** What the model holds for a value: an enum's wire value, an unmodifiable copy of a list or map. */
    private Object stored(int i, Object value) {
        char kind = type.kinds[i];
        if (kind == ModelType.ENUM) {
            return ((OpenEnum<?>) value).value();
        } else if (kind == ModelType.INTEGER_ENUM) {
            return Long.parseLong(((OpenEnum<?>) value).value());
        }
        return Values.immutable(value);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    @SuppressWarnings("unchecked")
    private void put(int i, Object stored) {
        values[i] = stored;
        // a value kept raw under the same name (it had an unexpected type) must not be written twice
        Map<String, JsonValue> extras = (Map<String, JsonValue>) values[values.length - 1];
        if (extras != null && extras.containsKey(type.names[i])) {
            Map<String, JsonValue> copy = new LinkedHashMap<>(extras);
            copy.remove(type.names[i]);
            values[values.length - 1] = copy.isEmpty() ? null : Collections.unmodifiableMap(copy);
        }
    }

    /**
     * Adds a property the spec does not list (or replaces one), written after the known ones.
     *
     * @param name the wire name
     * @param value the value; {@code null} writes JSON {@code null}
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    public final B putAdditionalProperty(String name, JsonValue value) {
        Map<String, JsonValue> extras = (Map<String, JsonValue>) values[values.length - 1];
        Map<String, JsonValue> copy = extras == null ? new LinkedHashMap<String, JsonValue>() : new LinkedHashMap<>(extras);
        copy.put(java.util.Objects.requireNonNull(name, "name"), value == null ? JsonValue.NULL : value);
        values[values.length - 1] = Collections.unmodifiableMap(copy);
        return self();
    }

    /**
     * Builds the model, checking that every property the spec requires is set.
     *
     * @return the model
     * @throws IllegalStateException naming every missing required property
     */
    public final M build() {
        type.requireAll(values, type.name + ".Builder.build()");
        return type.instance(values.clone());
    }
}
