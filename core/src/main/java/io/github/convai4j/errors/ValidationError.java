package io.github.convai4j.errors;

import io.github.convai4j.json.JsonValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One entry of a 422 response's {@code detail[]}: where the request was invalid ({@code loc}), why
 * ({@code msg}) and the kind of error ({@code type}).
 *
 * <p>{@link #input()} is the value the server rejected, echoed back. It can be a secret the request
 * carried, so it is left out of {@link #toString()} and of every exception message; read it only where
 * you know it is safe.
 *
 * <p>Immutable and thread-safe.
 */
public final class ValidationError {

    private final List<String> loc;
    private final String msg;
    private final String type;
    private final JsonValue input;

    /**
     * Creates an entry.
     *
     * @param loc the location, e.g. {@code ["body", "name"]}; integers (array indexes) as decimal strings
     * @param msg the message, or {@code null}
     * @param type the error type, e.g. {@code "missing"}, or {@code null}
     * @param input the rejected value, or {@code null} if the server sent none
     */
    public ValidationError(List<String> loc, String msg, String type, JsonValue input) {
        this.loc = Collections.unmodifiableList(new ArrayList<>(loc));
        this.msg = msg;
        this.type = type;
        this.input = input;
    }

    /**
     * Reads an entry from one element of {@code detail[]}, leniently: missing parts become empty or
     * {@code null}.
     *
     * @param element the JSON element
     * @return the entry
     */
    public static ValidationError fromJson(JsonValue element) {
        if (!element.isObject()) {
            return new ValidationError(Collections.<String>emptyList(), text(element), null, null);
        }
        Map<String, JsonValue> object = element.asObject();
        List<String> loc = new ArrayList<>();
        JsonValue locValue = object.get("loc");
        if (locValue != null && locValue.isArray()) {
            for (JsonValue part : locValue.asArray()) {
                loc.add(text(part));
            }
        }
        return new ValidationError(loc, text(object.get("msg")), text(object.get("type")), object.get("input"));
    }

    /**
     * Returns where the error is, e.g. {@code ["body", "conversation_config", "agent"]}.
     *
     * @return the location parts; empty if the server sent none
     */
    public List<String> loc() {
        return loc;
    }

    /**
     * Returns the location as one dotted string, e.g. {@code body.conversation_config.agent}.
     *
     * @return the joined location; empty if there is none
     */
    public String location() {
        StringBuilder sb = new StringBuilder();
        for (String part : loc) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /**
     * Returns the human-readable message, e.g. {@code "Field required"}.
     *
     * @return the message, or {@code null}
     */
    public String msg() {
        return msg;
    }

    /**
     * Returns the machine-readable error type, e.g. {@code "missing"} or {@code "string_too_short"}.
     *
     * @return the type, or {@code null}
     */
    public String type() {
        return type;
    }

    /**
     * Returns the rejected value as the server echoed it. May hold a secret: do not log it blindly.
     *
     * @return the value, or {@code null} if the server sent none
     */
    public JsonValue input() {
        return input;
    }

    /** Returns location, message and type; never the input. */
    @Override
    public String toString() {
        String where = location();
        return (where.isEmpty() ? "" : where + ": ") + (msg == null ? "invalid" : msg)
                + (type == null ? "" : " (" + type + ")");
    }

    private static String text(JsonValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.asString() : value.toJson();
    }
}
