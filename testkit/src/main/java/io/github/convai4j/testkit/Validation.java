package io.github.convai4j.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.convai4j.testkit.JsonTree.object;

/**
 * Collects request validation errors and answers them the way FastAPI (pydantic v2) does:
 * HTTP 422 with {@code {"detail":[{"type","loc","msg","input"[,"ctx"]}, ...]}}, every error at once.
 *
 * <p>The fake is strict about JSON types (a number where a string is due is an error), as pydantic is for
 * strings; it does not coerce {@code "true"} into a boolean. Inputs named in {@code redacted} (a secret's
 * {@code value}) are never echoed back in an error.
 */
final class Validation {

    static final String REDACTED = "**********";

    /** JSON types the implemented bodies use, with pydantic's error type and message for each. */
    enum Kind {
        STRING("string_type", "Input should be a valid string"),
        BOOLEAN("bool_type", "Input should be a valid boolean"),
        INTEGER("int_type", "Input should be a valid integer"),
        /** A free-form object ({@code dict}). */
        DICT("dict_type", "Input should be a valid dictionary"),
        /** An object validated as a model. */
        MODEL("model_attributes_type", "Input should be a valid dictionary or object to extract fields from"),
        STRING_LIST("list_type", "Input should be a valid list"),
        LIST("list_type", "Input should be a valid list");

        final String type;
        final String message;

        Kind(String type, String message) {
            this.type = type;
            this.message = message;
        }
    }

    private final List<Object> errors = new ArrayList<>();
    private final Set<String> redacted;
    private Object body;

    Validation() {
        this(Collections.<String>emptySet());
    }

    Validation(Set<String> redactedBodyFields) {
        this.redacted = redactedBodyFields;
    }

    /** Aborts the handler with the 422 response if any error was collected. */
    void check() throws Abort {
        if (!errors.isEmpty()) {
            throw new Abort(FakeResponse.json(422, object("detail", errors)));
        }
    }

    void error(String type, List<Object> loc, String message, Object input, Map<String, Object> ctx) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("loc", loc);
        error.put("msg", message);
        error.put("input", redact(loc, input));
        if (ctx != null) {
            error.put("ctx", ctx);
        }
        errors.add(error);
    }

    /**
     * Reads the JSON object body. Returns {@code null} (with an error collected) when it is not valid JSON,
     * not an object, or missing while {@code required}; an absent optional body reads as {@code {}}.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> jsonObjectBody(RecordedRequest request, boolean required) {
        byte[] raw = request.bodyBytesUnsafe();
        if (raw.length == 0) {
            if (required) {
                error("missing", loc("body"), "Field required", null, null);
                return null;
            }
            return new LinkedHashMap<>();
        }
        Object parsed;
        try {
            parsed = JsonTree.parse(raw);
        } catch (JsonTree.SyntaxException e) {
            // Jackson's message may quote the offending token: never echo it where a secret could be.
            String reason = redacted.isEmpty() ? e.getMessage() : "JSON decode error";
            error("json_invalid", loc("body", e.position()), "JSON decode error", new LinkedHashMap<>(),
                    object("error", reason));
            return null;
        }
        if (parsed == null && !required) {
            return new LinkedHashMap<>();
        }
        if (!(parsed instanceof Map)) {
            error(Kind.MODEL.type, loc("body"), Kind.MODEL.message, parsed, null);
            return null;
        }
        body = parsed;
        return (Map<String, Object>) parsed;
    }

    /** Checks one member; returns its value when present and of the right kind, else {@code null}. */
    Object field(Map<String, Object> container, String name, Kind kind, boolean required, boolean nullable,
                 Object... locPrefix) {
        List<Object> loc = loc(locPrefix);
        loc.add(name);
        if (!container.containsKey(name)) {
            if (required) {
                error("missing", loc, "Field required", container, null);
            }
            return null;
        }
        Object value = container.get(name);
        if (value == null) {
            if (!nullable) {
                error(kind.type, loc, kind.message, null, null);
            }
            return null;
        }
        if (!matches(kind, value)) {
            error(kind.type, loc, kind.message, value, null);
            return null;
        }
        if (kind == Kind.STRING_LIST) {
            List<?> list = (List<?>) value;
            boolean ok = true;
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof String)) {
                    List<Object> elementLoc = new ArrayList<>(loc);
                    elementLoc.add(i);
                    error(Kind.STRING.type, elementLoc, Kind.STRING.message, list.get(i), null);
                    ok = false;
                }
            }
            return ok ? value : null;
        }
        return value;
    }

    /** Checks a required member whose value must be exactly {@code expected} (a pydantic {@code Literal}). */
    void literal(Map<String, Object> container, String name, String expected, Object... locPrefix) {
        List<Object> loc = loc(locPrefix);
        loc.add(name);
        if (!container.containsKey(name)) {
            error("missing", loc, "Field required", container, null);
            return;
        }
        Object value = container.get(name);
        if (!expected.equals(value)) {
            error("literal_error", loc, "Input should be '" + expected + "'", value,
                    object("expected", "'" + expected + "'"));
        }
    }

    /** Reads an optional integer query parameter within [min, max]; {@code fallback} when absent. */
    Integer queryInt(RecordedRequest request, String name, int min, int max, Integer fallback) {
        String raw = request.queryParameter(name);
        if (raw == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            error("int_parsing", loc("query", name),
                    "Input should be a valid integer, unable to parse string as an integer", raw, null);
            return fallback;
        }
        if (value < min) {
            error("greater_than_equal", loc("query", name), "Input should be greater than or equal to " + min,
                    raw, object("ge", min));
            return fallback;
        }
        if (value > max) {
            error("less_than_equal", loc("query", name), "Input should be less than or equal to " + max,
                    raw, object("le", max));
            return fallback;
        }
        return value;
    }

    /** Reads an optional boolean query parameter the way pydantic does ("true", "1", "yes", "on", ...). */
    Boolean queryBoolean(RecordedRequest request, String name, Boolean fallback) {
        String raw = request.queryParameter(name);
        if (raw == null) {
            return fallback;
        }
        String v = raw.trim().toLowerCase(java.util.Locale.ROOT);
        if (Arrays.asList("true", "1", "yes", "on", "t", "y").contains(v)) {
            return Boolean.TRUE;
        }
        if (Arrays.asList("false", "0", "no", "off", "f", "n").contains(v)) {
            return Boolean.FALSE;
        }
        error("bool_parsing", loc("query", name), "Input should be a valid boolean, unable to interpret input",
                raw, null);
        return fallback;
    }

    static List<Object> loc(Object... parts) {
        return new ArrayList<>(Arrays.asList(parts));
    }

    private static boolean matches(Kind kind, Object value) {
        switch (kind) {
            case STRING:
                return value instanceof String;
            case BOOLEAN:
                return value instanceof Boolean;
            case INTEGER:
                return value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
            case DICT:
            case MODEL:
                return value instanceof Map;
            case STRING_LIST:
            case LIST:
                return value instanceof List;
            default:
                return false;
        }
    }

    /**
     * Masks secrets in an echoed input: a redacted member's value wherever it appears (also as the value of
     * another member, e.g. a value pasted into {@code type}), and the redacted members of the body itself.
     */
    @SuppressWarnings("unchecked")
    private Object redact(List<Object> loc, Object input) {
        if (redacted.isEmpty()) {
            return input;
        }
        if (loc.size() == 2 && "body".equals(loc.get(0)) && redacted.contains(loc.get(1))) {
            return REDACTED;
        }
        Set<String> secrets = new java.util.HashSet<>();
        if (body instanceof Map) {
            for (String name : redacted) {
                Object value = ((Map<String, Object>) body).get(name);
                if (value instanceof String && !((String) value).isEmpty()) {
                    secrets.add((String) value);
                }
            }
        }
        Object copy = JsonTree.deepCopy(input);
        if (copy instanceof Map && input == body) {
            for (String name : redacted) {
                if (((Map<String, Object>) copy).containsKey(name)) {
                    ((Map<String, Object>) copy).put(name, REDACTED);
                }
            }
        }
        return mask(copy, secrets);
    }

    @SuppressWarnings("unchecked")
    private static Object mask(Object value, Set<String> secrets) {
        if (value instanceof String) {
            String text = (String) value;
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    return REDACTED;
                }
            }
            return text;
        }
        if (value instanceof Map) {
            for (Map.Entry<String, Object> member : ((Map<String, Object>) value).entrySet()) {
                member.setValue(mask(member.getValue(), secrets));
            }
        } else if (value instanceof List) {
            List<Object> list = (List<Object>) value;
            for (int i = 0; i < list.size(); i++) {
                list.set(i, mask(list.get(i), secrets));
            }
        }
        return value;
    }
}
