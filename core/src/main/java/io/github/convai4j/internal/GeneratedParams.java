package io.github.convai4j.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The base of every generated query-parameter class ({@code GetAgentsParams}): the parameters in one array,
 * {@code null} for one not set (not sent). Unlike a model it is never JSON: no codec, no additional properties,
 * no explicit {@code null}. Equality and {@code toString} are written once here; a generated class adds one
 * accessor per parameter, its builder, and {@link #newInstance}.
 *
 * <p>Immutable and thread-safe: lists in it are unmodifiable copies.
 *
 * @param <P> the parameter class
 */
public abstract class GeneratedParams<P extends GeneratedParams<P>> {

    final ParamsType<P> type;
    final Object[] values;

    /**
     * Creates the parameters; for generated subclasses.
     *
     * @param type the class's type; {@code null} for the prototype the type is created with
     * @param values the parameters; owned by the instance from now on
     */
    protected GeneratedParams(ParamsType<P> type, Object[] values) {
        this.type = type;
        this.values = values;
    }

    /**
     * Creates an instance holding a parameter array; called on the prototype.
     *
     * @param values the parameters
     * @return the new instance
     */
    protected abstract GeneratedParams<P> newInstance(Object[] values);

    /**
     * Returns a parameter that is optional; for generated accessors.
     *
     * @param i the parameter's index
     * @param <T> its type
     * @return the value, or empty if not set
     */
    @SuppressWarnings("unchecked")
    protected final <T> Optional<T> optional(int i) {
        return Optional.ofNullable((T) values[i]);
    }

    /**
     * Returns a required parameter; for generated accessors ({@code build()} checked it is set).
     *
     * @param i the parameter's index
     * @return the value
     */
    protected final Object value(int i) {
        return values[i];
    }

    /**
     * Fills a new builder with these parameters; for the generated {@code toBuilder()}.
     *
     * @param builder a new builder of this class
     * @param <B> the builder
     * @return the builder
     */
    protected final <B extends ParamsBuilder<P, B>> B toBuilder(B builder) {
        builder.copyFrom(values);
        return builder;
    }

    /** Two parameter objects are equal when they are of the same class and hold equal parameters. */
    @Override
    public final boolean equals(Object o) {
        return o == this || o != null && o.getClass() == getClass()
                && Arrays.equals(values, ((GeneratedParams<?>) o).values);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(values);
    }

    /** Returns the parameters that are set, by wire name: {@code GetAgentsParams{page_size=10, search=x}}. */
    @Override
    public final String toString() {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                shown.add(type.names[i] + "=" + values[i]);
            }
        }
        return type.name + "{" + String.join(", ", shown) + "}";
    }
}
