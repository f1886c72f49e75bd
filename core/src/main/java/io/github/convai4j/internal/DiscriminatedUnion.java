package io.github.convai4j.internal;

import io.github.convai4j.json.UnknownVariant;

/**
 * The base of every generated union with a discriminator property: what it adds to {@link GeneratedUnion} is
 * the discriminator and the variants this version does not know.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <U> the union
 */
public abstract class DiscriminatedUnion<U extends DiscriminatedUnion<U>> extends GeneratedUnion<U> {

    /**
     * Creates a union; for generated subclasses.
     *
     * @param type the union's type; {@code null} for the prototype the type is created with
     * @param variant the variant's index, or -1 for a variant this version does not know
     * @param tag the discriminator's value, or {@code null}
     * @param value the variant's value, an {@link UnknownVariant} for index -1
     */
    protected DiscriminatedUnion(UnionType<U> type, int variant, String tag, Object value) {
        super(type, variant, tag, value);
    }

    /**
     * Returns the discriminator value: the one read, or the variant's first value for a union built with an
     * {@code of...} method or read from JSON without a discriminator (which is written back without one).
     *
     * @return the value, or {@code null} for an unknown variant without one
     */
    public final String discriminator() {
        return tag;
    }

    /**
     * Tells whether this is a variant this version does not know.
     *
     * @return {@code true} if so
     */
    public final boolean isUnknown() {
        return variant == -1;
    }

    /**
     * Returns the variant this version does not know.
     *
     * @return the raw variant
     * @throws IllegalStateException if this is a known variant
     */
    public final UnknownVariant asUnknown() {
        if (variant != -1) {
            throw Unions.wrongVariant(type.name, "<unknown>", tag);
        }
        return (UnknownVariant) value;
    }
}
