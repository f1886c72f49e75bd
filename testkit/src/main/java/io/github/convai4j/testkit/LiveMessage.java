package io.github.convai4j.testkit;

import java.util.List;
import java.util.Map;

/**
 * One text message of a {@link LiveSession}, in either direction, as it travelled on the WebSocket, with its
 * JSON parsed by the testkit's own parser (not the client's).
 *
 * <p>Paths name object members, and list positions as decimal strings:
 * {@code message.string("audio_event", "alignment", "chars", "0")}. A JSON value reads as a
 * {@code Map<String, Object>}, a {@code List<Object>}, a {@link String}, a {@link Boolean}, a {@link Number}
 * or {@code null}; the maps and lists returned are copies.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows at most the first
 * {@value #TO_STRING_LIMIT} characters (audio messages are large).
 */
public final class LiveMessage {

    /** How many characters of the message {@link #toString()} shows. */
    public static final int TO_STRING_LIMIT = 300;

    /** The type that {@link #type()} gives a user audio chunk, which has no {@code type} member on the wire. */
    public static final String USER_AUDIO_CHUNK = "user_audio_chunk";

    private final String raw;
    private final Object tree;
    private final boolean json;
    private final String type;

    private LiveMessage(String raw, Object tree, boolean json) {
        this.raw = raw;
        this.tree = tree;
        this.json = json;
        this.type = typeOf(tree);
    }

    static LiveMessage parse(String raw) {
        try {
            return new LiveMessage(raw, JsonTree.parse(raw), true);
        } catch (JsonTree.SyntaxException e) {
            return new LiveMessage(raw, null, false);
        }
    }

    /** A message the fake builds itself: the tree is kept (never changed afterwards), the text written once. */
    static LiveMessage of(Map<String, Object> tree) {
        return new LiveMessage(JsonTree.toJson(tree), tree, true);
    }

    private static String typeOf(Object tree) {
        if (!(tree instanceof Map)) {
            return null;
        }
        Map<?, ?> object = (Map<?, ?>) tree;
        Object type = object.get("type");
        if (type instanceof String) {
            return (String) type;
        }
        return !object.containsKey("type") && object.get(USER_AUDIO_CHUNK) != null ? USER_AUDIO_CHUNK : null;
    }

    /**
     * Returns the message type.
     *
     * @return the {@code type} member; {@value #USER_AUDIO_CHUNK} for an audio chunk (a message with a
     *         {@code user_audio_chunk} member and no {@code type}); {@code null} when the message is not a JSON
     *         object or has no string {@code type}
     */
    public String type() {
        return type;
    }

    /**
     * Returns the message exactly as it travelled.
     *
     * @return the text frame's content
     */
    public String raw() {
        return raw;
    }

    /**
     * Tells whether the message is well-formed JSON (of any kind, not only an object).
     *
     * @return {@code false} for text that JSON parsing rejects
     */
    public boolean isJson() {
        return json;
    }

    /**
     * Tells whether a value (possibly JSON {@code null}) is present at a path.
     *
     * @param path member names and list positions; empty for the whole message
     * @return {@code true} if every step exists
     */
    public boolean has(String... path) {
        Object current = tree;
        if (!json) {
            return false;
        }
        for (String step : path) {
            if (current instanceof Map) {
                Map<?, ?> object = (Map<?, ?>) current;
                if (!object.containsKey(step)) {
                    return false;
                }
                current = object.get(step);
            } else if (current instanceof List) {
                int index = index(step);
                List<?> list = (List<?>) current;
                if (index < 0 || index >= list.size()) {
                    return false;
                }
                current = list.get(index);
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the value at a path.
     *
     * @param path member names and list positions; empty for the whole message
     * @return a copy of the value, or {@code null} when it is JSON {@code null} or absent (tell them apart with
     *         {@link #has(String...)})
     */
    public Object value(String... path) {
        if (!has(path)) {
            return null;
        }
        Object current = tree;
        for (String step : path) {
            current = current instanceof Map ? ((Map<?, ?>) current).get(step) : ((List<?>) current).get(index(step));
        }
        return JsonTree.deepCopy(current);
    }

    /**
     * Returns the string at a path.
     *
     * @param path member names and list positions
     * @return the string, or {@code null} when absent or JSON {@code null}
     * @throws AssertionError if the value there is not a string
     */
    public String string(String... path) {
        return typed(String.class, "a string", path);
    }

    /**
     * Returns the number at a path.
     *
     * @param path member names and list positions
     * @return the number ({@link Integer}, {@link Long}, {@link java.math.BigInteger}, {@link Double} or
     *         {@link java.math.BigDecimal}), or {@code null} when absent or JSON {@code null}
     * @throws AssertionError if the value there is not a number
     */
    public Number number(String... path) {
        return typed(Number.class, "a number", path);
    }

    /**
     * Returns the boolean at a path.
     *
     * @param path member names and list positions
     * @return the boolean, or {@code null} when absent or JSON {@code null}
     * @throws AssertionError if the value there is not a boolean
     */
    public Boolean bool(String... path) {
        return typed(Boolean.class, "a boolean", path);
    }

    private <T> T typed(Class<T> kind, String description, String... path) {
        Object value = value(path);
        if (value == null || kind.isInstance(value)) {
            return kind.cast(value);
        }
        throw new AssertionError("expected " + description + " at " + String.join(".", path) + " of " + this
                + ", found " + value.getClass().getSimpleName());
    }

    /** The parsed tree, not copied: callers inside the testkit must not change it. */
    Object tree() {
        return tree;
    }

    private static int index(String step) {
        if (step.isEmpty() || step.length() > 9) {
            return -1;
        }
        for (int i = 0; i < step.length(); i++) {
            if (step.charAt(i) < '0' || step.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(step);
    }

    /**
     * Shows the message, shortened.
     *
     * @return at most {@value #TO_STRING_LIMIT} characters of {@link #raw()}, then {@code "...(N chars)"}
     */
    @Override
    public String toString() {
        return raw.length() <= TO_STRING_LIMIT ? raw
                : raw.substring(0, TO_STRING_LIMIT) + "...(" + raw.length() + " chars)";
    }
}
