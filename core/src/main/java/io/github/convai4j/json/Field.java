package io.github.convai4j.json;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A property of a JSON object in one of three states: <b>absent</b> (not in the object at all),
 * explicitly <b>null</b>, or a <b>value</b>.
 *
 * <p>The difference matters when writing: a PATCH that leaves a property absent keeps the server's value,
 * while one that sends {@code null} clears it. Request models keep all three states and write them
 * faithfully; response models report what the server sent. A model's accessor of an optional (or nullable)
 * property returns a {@code Field}; its {@link #get()} names the model and the property when there is no value.
 *
 * <p>Immutable and thread-safe if the value is.
 *
 * @param <T> the value type
 */
public final class Field<T> {

    private static final Field<?> ABSENT = new Field<>(null, false, null);
    private static final Field<?> NULL = new Field<>(null, true, null);

    private final T value;
    private final boolean present;
    /** The property this field is of, for the message of {@link #get()}; {@code null} if not known. */
    private final String property;

    private Field(T value, boolean present, String property) {
        this.value = value;
        this.present = present;
        this.property = property;
    }

    /**
     * Returns the absent field: the property is not written at all.
     *
     * @param <T> the value type
     * @return the absent field
     */
    @SuppressWarnings("unchecked")
    public static <T> Field<T> absent() {
        return (Field<T>) ABSENT;
    }

    /**
     * Returns the explicit-null field: the property is written as {@code null}.
     *
     * @param <T> the value type
     * @return the null field
     */
    @SuppressWarnings("unchecked")
    public static <T> Field<T> ofNull() {
        return (Field<T>) NULL;
    }

    /**
     * Returns a field holding a value.
     *
     * @param value the value, not {@code null} (use {@link #ofNull()} or {@link #ofNullable})
     * @param <T> the value type
     * @return the field
     */
    public static <T> Field<T> of(T value) {
        return new Field<>(Objects.requireNonNull(value, "value (use Field.ofNull() for an explicit null)"), true, null);
    }

    /**
     * Returns a field of a model's property, as the model's accessor gives it: its {@link #get()} names the
     * property when there is no value.
     *
     * @param value the value, or {@code null} if absent or null
     * @param present {@code false} if absent
     * @param property the property, as the message should name it: {@code "PromptAgent.temperature"}
     * @param <T> the value type
     * @return the field
     */
    public static <T> Field<T> ofProperty(T value, boolean present, String property) {
        return new Field<>(value, present, Objects.requireNonNull(property, "property"));
    }

    /**
     * Returns a field holding {@code value}, or the explicit-null field if it is {@code null}.
     *
     * @param value the value or {@code null}
     * @param <T> the value type
     * @return the field
     */
    public static <T> Field<T> ofNullable(T value) {
        return value == null ? Field.<T>ofNull() : of(value);
    }

    /**
     * Tells whether the property is absent.
     *
     * @return {@code true} if absent
     */
    public boolean isAbsent() {
        return !present;
    }

    /**
     * Tells whether the property is present with an explicit {@code null}.
     *
     * @return {@code true} if explicitly null
     */
    public boolean isNull() {
        return present && value == null;
    }

    /**
     * Tells whether the property is present, null or not.
     *
     * @return {@code true} unless absent
     */
    public boolean isPresent() {
        return present;
    }

    /**
     * Tells whether the property holds a (non-null) value.
     *
     * @return {@code true} if there is a value
     */
    public boolean hasValue() {
        return value != null;
    }

    /**
     * Returns the value.
     *
     * @return the value
     * @throws NoSuchElementException if the field is absent or null; the message names the model and the
     *         property for a model's field
     */
    public T get() {
        if (value == null) {
            String what = property != null ? property : "The field";
            throw new NoSuchElementException(what + (present ? " is null" : " is absent")
                    + "; check " + (present ? "isNull()" : "isAbsent()") + " or hasValue() first, or use orElse(...)");
        }
        return value;
    }

    /**
     * Returns the value, or {@code other} if absent or null.
     *
     * @param other the fallback
     * @return the value or {@code other}
     */
    public T orElse(T other) {
        return value != null ? value : other;
    }

    /**
     * Returns the value as an {@link Optional}, empty if absent or null.
     *
     * @return the optional value
     */
    public Optional<T> toOptional() {
        return Optional.ofNullable(value);
    }

    /**
     * Maps the value, keeping the absent and null states.
     *
     * @param mapper maps a value; must not return {@code null}
     * @param <R> the new value type
     * @return the mapped field
     */
    public <R> Field<R> map(Function<? super T, ? extends R> mapper) {
        if (value == null) {
            @SuppressWarnings("unchecked")
            Field<R> same = (Field<R>) this;
            return same;
        }
        return new Field<>(Objects.requireNonNull(mapper.apply(value), "mapper returned null"), true, property);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Field)) {
            return false;
        }
        Field<?> other = (Field<?>) o;
        return present == other.present && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return present ? 31 + Objects.hashCode(value) : 0;
    }

    @Override
    public String toString() {
        return !present ? "<absent>" : value == null ? "null" : String.valueOf(value);
    }
}
