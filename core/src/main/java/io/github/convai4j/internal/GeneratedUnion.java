package io.github.convai4j.internal;

import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;

/**
 * The base of every generated union: which variant it is and the variant's value, read and written by its
 * {@link UnionType}. A generated union adds {@code ofX}, {@code isX} and {@code asX} per variant.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <U> the union
 */
public abstract class GeneratedUnion<U extends GeneratedUnion<U>> {

    /** {@code null} only in a type's prototype. */
    final UnionType<U> type;
    /** The variant's index, or -1 for JSON no variant fits (or an unknown discriminator). */
    final int variant;
    /** The discriminator's value, or {@code null} (a union without discriminator, or an unknown one without). */
    final String tag;
    final Object value;

    /**
     * Creates a union; for generated subclasses.
     *
     * @param type the union's type; {@code null} for the prototype the type is created with
     * @param variant the variant's index, or -1
     * @param tag the discriminator's value, or {@code null}
     * @param value the variant's value
     */
    protected GeneratedUnion(UnionType<U> type, int variant, String tag, Object value) {
        this.type = type;
        this.variant = variant;
        this.tag = tag;
        this.value = value;
    }

    /**
     * Creates an instance; called on the prototype.
     *
     * @param variant the variant's index, or -1
     * @param tag the discriminator's value, or {@code null}
     * @param value the variant's value
     * @return the new union
     */
    protected abstract GeneratedUnion<U> newInstance(int variant, String tag, Object value);

    /**
     * Tells whether this is a variant; for the generated {@code isX()}.
     *
     * @param i the variant's index
     * @return {@code true} if it is that variant
     */
    protected final boolean is(int i) {
        return variant == i;
    }

    /**
     * Returns the value of a variant this union must be; for the generated {@code asX()} of a discriminated
     * union.
     *
     * @param i the variant's index
     * @return the value
     * @throws IllegalStateException if this is another variant
     */
    protected final Object as(int i) {
        if (variant != i) {
            throw Unions.wrongVariant(type.name, type.firstTag(i), tag);
        }
        return value;
    }

    /**
     * Returns the value of a variant, reading this union's JSON as that variant if it holds another; for the
     * generated {@code asX()} of a union without discriminator.
     *
     * @param i the variant's index
     * @param resolved the union's type, from its {@code codec()}
     * @return the value
     * @throws IllegalStateException if the JSON cannot be read as that variant
     */
    protected final Object as(int i, UnionType<U> resolved) {
        return variant == i ? value : Unions.reinterpret(type.name, type.variantName(i), resolved.codec(i), toJsonValue());
    }

    /**
     * Returns the variant's value.
     *
     * @return one of the variant types; for JSON no variant fits, the raw {@link JsonValue} (or, in a
     *         discriminated union, an {@link io.github.convai4j.json.UnknownVariant})
     */
    public final Object value() {
        return value;
    }

    /**
     * Returns this union as JSON.
     *
     * @return the JSON
     */
    @SuppressWarnings("unchecked")
    public final JsonValue toJsonValue() {
        return Json.toJsonValue(type, (U) this);
    }

    /** Two unions are equal when they are of the same class, the same variant, and hold equal values. */
    @Override
    public final boolean equals(Object o) {
        return o == this || o != null && o.getClass() == getClass() && variant == ((GeneratedUnion<?>) o).variant
                && value.equals(((GeneratedUnion<?>) o).value);
    }

    @Override
    public final int hashCode() {
        return 31 * variant + value.hashCode();
    }

    /** Returns the union's name and its value. */
    @Override
    public final String toString() {
        return type.name + "{" + value + "}";
    }
}
