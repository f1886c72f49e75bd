package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields of one server event leniently, as DESIGN.md asks: decoding never fails for a missing or
 * oddly typed field; a required field that is missing is reported when its accessor is called, naming the
 * field and the event.
 */
final class Payload {

    static final JsonValue EMPTY_OBJECT = JsonValue.object(new LinkedHashMap<String, JsonValue>());

    private final String eventType;
    private final String member;
    private final JsonValue object;

    private Payload(String eventType, String member, JsonValue object) {
        this.eventType = eventType;
        this.member = member;
        this.object = object;
    }

    /**
     * The payload of {@code message}: its property {@code member}, or an empty object if there is none (or
     * it is not an object).
     */
    static Payload of(JsonValue message, String eventType, String member) {
        JsonValue value = message.get(member);
        return new Payload(eventType, member, value != null && value.isObject() ? value : EMPTY_OBJECT);
    }

    /** The fields of {@code object} itself, e.g. one element of an array inside an event. */
    static Payload ofObject(JsonValue object, String eventType, String where) {
        return new Payload(eventType, where, object.isObject() ? object : EMPTY_OBJECT);
    }

    /** Whether {@code message} has {@code member} as an object. */
    static boolean hasObject(JsonValue message, String member) {
        JsonValue value = message.get(member);
        return value != null && value.isObject();
    }

    JsonValue object() {
        return object;
    }

    /** A present, non-null value, or {@code null}. */
    JsonValue value(String name) {
        JsonValue value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String requiredString(String name) {
        return text(name, require(name));
    }

    Optional<String> optionalString(String name) {
        JsonValue value = value(name);
        return value == null ? Optional.<String>empty() : Optional.of(text(name, value));
    }

    long requiredLong(String name) {
        return integer(name, require(name));
    }

    Optional<Long> optionalLong(String name) {
        JsonValue value = value(name);
        return value == null ? Optional.<Long>empty() : Optional.of(integer(name, value));
    }

    double requiredDouble(String name) {
        JsonValue value = require(name);
        if (value.isNumber()) {
            return value.asNumber().doubleValue();
        }
        if (value.isString()) {
            try {
                return Double.parseDouble(value.asString().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw wrongType(name, value, "a number");
    }

    boolean requiredBoolean(String name) {
        return bool(name, require(name));
    }

    boolean booleanOr(String name, boolean fallback) {
        JsonValue value = value(name);
        return value == null ? fallback : bool(name, value);
    }

    /** Any JSON value; an empty object when absent. */
    JsonValue objectOrEmpty(String name) {
        JsonValue value = value(name);
        return value == null ? EMPTY_OBJECT : value;
    }

    Optional<JsonValue> optionalValue(String name) {
        return Optional.ofNullable(value(name));
    }

    /** The elements of an array; empty when absent or not an array. */
    List<JsonValue> list(String name) {
        JsonValue value = value(name);
        return value != null && value.isArray() ? value.asArray() : Collections.<JsonValue>emptyList();
    }

    private JsonValue require(String name) {
        JsonValue value = value(name);
        if (value == null) {
            throw new IllegalStateException("The server's " + eventType + " event has no " + where(name)
                    + ", which the protocol requires; raw() shows what arrived");
        }
        return value;
    }

    private String text(String name, JsonValue value) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.toJson();
        }
        throw wrongType(name, value, "a string");
    }

    private long integer(String name, JsonValue value) {
        if (value.isNumber()) {
            Number n = value.asNumber();
            if (n instanceof Long) {
                return n.longValue();
            }
            if (n instanceof BigDecimal) {
                try {
                    return ((BigDecimal) n).longValueExact();
                } catch (ArithmeticException e) {
                    throw wrongType(name, value, "an integer");
                }
            }
            if (n instanceof BigInteger && ((BigInteger) n).bitLength() < 64) {
                return n.longValue();
            }
            throw wrongType(name, value, "an integer");
        }
        if (value.isString()) {
            try {
                return Long.parseLong(value.asString().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw wrongType(name, value, "an integer");
    }

    private boolean bool(String name, JsonValue value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isString() && ("true".equals(value.asString()) || "false".equals(value.asString()))) {
            return Boolean.parseBoolean(value.asString());
        }
        throw wrongType(name, value, "a boolean");
    }

    private IllegalStateException wrongType(String name, JsonValue value, String expected) {
        return new IllegalStateException("The server's " + eventType + " event has " + where(name) + " of type "
                + value.type().name().toLowerCase(java.util.Locale.ROOT) + ", expected " + expected
                + "; raw() shows what arrived");
    }

    private String where(String name) {
        return member == null ? name : member + "." + name;
    }
}
