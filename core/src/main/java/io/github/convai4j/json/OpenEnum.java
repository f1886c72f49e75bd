package io.github.convai4j.json;

import java.util.Objects;

/**
 * The base of every generated open enum: a wire value that is either one the spec lists (then
 * {@link #known()} returns its constant, usable in a {@code switch}) or one it does not (then
 * {@link #known()} returns the {@code UNRECOGNIZED} constant of the enum's {@code Known} type and the value
 * is still kept and written back). Reading never fails on an unknown value.
 *
 * <p>Two instances are equal when their wire values are equal. Immutable and thread-safe.
 *
 * @param <K> the enum of the known values
 */
public abstract class OpenEnum<K extends Enum<K>> {

    private final String value;
    private final K known;

    /**
     * Creates a value; for generated subclasses.
     *
     * @param value the wire value
     * @param known the known constant, or the {@code UNRECOGNIZED} constant
     */
    protected OpenEnum(String value, K known) {
        this.value = Objects.requireNonNull(value, "value");
        this.known = known;
    }

    /**
     * Returns the value as it appears on the wire.
     *
     * @return the wire value
     */
    public final String value() {
        return value;
    }

    /**
     * Returns the known constant for this value, for use in a {@code switch}.
     *
     * @return the constant, or {@code UNRECOGNIZED} for a value this version does not know
     */
    public final K known() {
        return known;
    }

    /**
     * Tells whether this version of convai4j knows the value.
     *
     * @return {@code false} for a value the spec did not list
     */
    public final boolean isKnown() {
        return !"UNRECOGNIZED".equals(known.name());
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && value.equals(((OpenEnum<?>) o).value);
    }

    @Override
    public final int hashCode() {
        return value.hashCode();
    }

    /** Returns the wire value. */
    @Override
    public final String toString() {
        return value;
    }
}
