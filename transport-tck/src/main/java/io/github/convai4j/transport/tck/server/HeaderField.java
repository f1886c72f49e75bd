package io.github.convai4j.transport.tck.server;

import io.github.convai4j.http.Headers;
import java.util.Objects;

/**
 * One header field line as the loopback server received it: the name in the case it was sent and the
 * value with surrounding whitespace removed. Immutable.
 */
public final class HeaderField {
    private final String name;
    private final String value;

    /**
     * Creates a field.
     *
     * @param name the field name as received
     * @param value the field value, trimmed
     */
    public HeaderField(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * Returns the name in the case it was sent.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the value, without leading or trailing whitespace.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * Tells whether this field has the given name, ignoring case.
     *
     * @param other a field name
     * @return {@code true} if the names match
     */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HeaderField)) {
            return false;
        }
        HeaderField f = (HeaderField) o;
        return name.equals(f.name) && value.equals(f.value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + value.hashCode();
    }

    /**
     * Returns {@code name: value}, with the value of a credential header ({@code xi-api-key},
     * {@code authorization}, ...) masked, so that assertion messages never carry one.
     */
    @Override
    public String toString() {
        return name + ": " + (Headers.isSensitive(name) ? "<redacted>" : value);
    }
}
