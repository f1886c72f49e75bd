package io.github.convai4j.internal;

import io.github.convai4j.json.OpenEnum;

/**
 * The base of every generated open enum: {@link OpenEnum} plus what its {@link EnumType} needs to make the
 * constants and the values it does not know.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <K> the enum of the known values
 */
public abstract class GeneratedEnum<K extends Enum<K>> extends OpenEnum<K> {

    private final boolean number;

    /**
     * Creates a value; for generated subclasses.
     *
     * @param value the wire value; {@code null} only for the prototype an {@link EnumType} is created with
     * @param known the known constant, or the {@code UNRECOGNIZED} constant
     * @param number whether the wire value is a JSON number (an integer enum) rather than a string
     */
    protected GeneratedEnum(String value, K known, boolean number) {
        super(value == null ? "" : value, known);
        this.number = number;
    }

    /**
     * Creates a value; called on the prototype.
     *
     * @param value the wire value
     * @param ordinal the index of the known constant, or -1 for a value this version does not know
     * @return the value
     */
    protected abstract GeneratedEnum<K> create(String value, int ordinal);

    boolean isNumber() {
        return number;
    }
}
