package io.github.convai4j.json;

import java.util.Objects;

/**
 * A variant of a discriminated union that this version of convai4j does not know: the server sent a
 * discriminator value (or no discriminator at all) that the spec this library was generated from did not
 * list. The JSON is kept as received and written back unchanged when the union is sent again.
 *
 * <p>Immutable and thread-safe.
 */
public final class UnknownVariant {

    private final String discriminator;
    private final JsonValue raw;

    /**
     * Creates an unknown variant.
     *
     * @param discriminator the discriminator value found, or {@code null} if there was none
     * @param raw the JSON as received
     */
    public UnknownVariant(String discriminator, JsonValue raw) {
        this.discriminator = discriminator;
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    /**
     * Returns the discriminator value found.
     *
     * @return the value, or {@code null} if the JSON had none (or was not an object)
     */
    public String discriminator() {
        return discriminator;
    }

    /**
     * Returns the JSON as received.
     *
     * @return the raw JSON
     */
    public JsonValue raw() {
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownVariant && raw.equals(((UnknownVariant) o).raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return "UnknownVariant" + raw;
    }
}
