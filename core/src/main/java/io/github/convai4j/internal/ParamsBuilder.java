package io.github.convai4j.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The base of every generated query-parameter class's builder: the parameters in one array. A generated
 * builder adds one setter per parameter.
 *
 * <p>Not thread-safe.
 *
 * @param <P> the parameter class
 * @param <B> the builder
 */
public abstract class ParamsBuilder<P extends GeneratedParams<P>, B extends ParamsBuilder<P, B>> {

    private final ParamsType<P> type;
    private Object[] values;

    /**
     * Creates a builder with every parameter unset.
     *
     * @param type the class's type
     */
    protected ParamsBuilder(ParamsType<P> type) {
        this.type = type;
        this.values = new Object[type.names.length];
    }

    void copyFrom(Object[] from) {
        values = from.clone();
    }

    /**
     * Sets a parameter; for generated setters.
     *
     * @param i the parameter's index
     * @param value the value; {@code null} leaves it unset (not sent)
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    protected final B set(int i, Object value) {
        values[i] = value instanceof List ? Collections.unmodifiableList(new ArrayList<>((List<?>) value)) : value;
        return (B) this;
    }

    /**
     * Builds the parameters, checking that the required ones are set.
     *
     * @return the parameters
     * @throws IllegalStateException naming every required parameter left unset
     */
    public final P build() {
        return type.build(values.clone());
    }
}
