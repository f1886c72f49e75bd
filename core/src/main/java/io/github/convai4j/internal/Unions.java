package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.json.ValueMismatchException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every generated union shares: reading the discriminator, choosing the variant of a union without
 * one, and converting. For generated code.
 */
public final class Unions {

    private Unions() {
    }

    /**
     * Returns the discriminator of a JSON object.
     *
     * @param raw the JSON
     * @param property the discriminator's wire name
     * @return its string value, or {@code null} if {@code raw} is not an object or has no string there
     */
    public static String discriminator(JsonValue raw, String property) {
        JsonValue v = raw.get(property);
        return v != null && v.isString() ? v.asString() : null;
    }

    /**
     * Reads an object up to its discriminator, for a union that reads its variant as the JSON streams: the
     * server writes the discriminator first, and the variant's codec then reads on from there
     * ({@link io.github.convai4j.internal.ModelType#read(Lookahead)}). The properties before it, if any, are kept as trees and given to
     * the variant first. If the discriminator is not there (or not a string), the whole object has been read
     * into those trees; if the union does not know its value, {@link Lookahead#bufferObject()} reads the rest.
     *
     * @param parser on the object's {@code START_OBJECT}
     * @param property the discriminator's wire name
     * @return what was read
     * @throws IOException if the JSON is not well-formed
     */
    public static Lookahead lookahead(JsonParser parser, String property) throws IOException {
        return lookahead(parser, new SerializedString(property));
    }

    /**
     * As {@link #lookahead(JsonParser, String)}, with the discriminator's name pre-encoded: the parser checks
     * the first property against its raw bytes, without hashing the name into its symbol table.
     *
     * @param parser on the object's {@code START_OBJECT}
     * @param property the discriminator's wire name
     * @return what was read
     * @throws IOException if the JSON is not well-formed
     */
    public static Lookahead lookahead(JsonParser parser, SerializableString property) throws IOException {
        if (parser.nextFieldName(property)) {
            if (parser.nextToken() == JsonToken.VALUE_STRING) {
                return new Lookahead(parser, parser.getText(), null);
            }
        } else if (parser.currentToken() != JsonToken.FIELD_NAME) {
            return new Lookahead(parser, null, null); // an empty object
        } else {
            parser.nextToken();
        }
        // not first (or not a string): keep what comes before it
        Map<String, JsonValue> before = new LinkedHashMap<>();
        before.put(parser.currentName(), JsonValue.read(parser));
        String wanted = property.getValue();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            if (parser.nextToken() == JsonToken.VALUE_STRING && name.equals(wanted)) {
                return new Lookahead(parser, parser.getText(), before);
            }
            before.put(name, JsonValue.read(parser));
        }
        return new Lookahead(parser, null, before);
    }

    /**
     * What {@link #lookahead} read of an object: the discriminator's value, if found (the parser is then on
     * it), and the properties before it. Not thread-safe; used once, by one union's read.
     */
    public static final class Lookahead {
        final JsonParser parser;
        private final String discriminator;
        final Map<String, JsonValue> before;

        Lookahead(JsonParser parser, String discriminator, Map<String, JsonValue> before) {
            this.parser = parser;
            this.discriminator = discriminator;
            this.before = before;
        }

        /**
         * Returns the parser, on the discriminator's value if one was found.
         *
         * @return the parser
         */
        public JsonParser parser() {
            return parser;
        }

        /**
         * Returns the properties read before the discriminator.
         *
         * @return them as trees, in document order, or {@code null} if there were none
         */
        public Map<String, JsonValue> before() {
            return before;
        }

        /**
         * Returns the discriminator's value.
         *
         * @return the value, or {@code null} if the object has no string property of that name
         */
        public String discriminator() {
            return discriminator;
        }

        /**
         * Reads the rest of the object and returns all of it as a tree, what was read before included: for
         * a discriminator the union does not know, or none.
         *
         * @return the whole object, its properties in document order
         * @throws IOException if the JSON is not well-formed
         */
        public JsonValue bufferObject() throws IOException {
            Map<String, JsonValue> properties = before != null ? before : new LinkedHashMap<String, JsonValue>();
            if (discriminator != null) {
                properties.put(parser.currentName(), JsonValue.read(parser));
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    properties.put(name, JsonValue.read(parser));
                }
            }
            return JsonValue.object(properties);
        }
    }

    /**
     * Reads a variant from JSON that was buffered to find the variant.
     *
     * @param codec the variant's codec
     * @param raw the JSON
     * @param <T> the variant type
     * @return the variant, or {@code null} if the JSON does not fit it (the caller keeps it raw)
     */
    public static <T> T decode(JsonCodec<T> codec, JsonValue raw) {
        try {
            return Json.fromJsonValue(codec, raw);
        } catch (ValueMismatchException e) {
            return null;
        }
    }

    /**
     * Chooses which object variant of a union without a discriminator a JSON object is. Each variant is
     * described by its property wire names: {@code "!name"} for a required property, {@code "=name=value"}
     * for a property with a constant value, {@code "name"} otherwise. A variant scores for every property of
     * the JSON it knows, loses for every one it does not, loses heavily for each missing required property
     * and wins or loses decisively on a constant.
     *
     * @param raw the JSON object
     * @param shapes one description per candidate variant
     * @return the index of the best-scoring variant (the first on a tie)
     */
    public static int bestMatch(JsonValue raw, String[][] shapes) {
        int best = 0;
        long bestScore = Long.MIN_VALUE;
        Map<String, JsonValue> props = raw.asObject();
        for (int i = 0; i < shapes.length; i++) {
            long score = 0;
            int known = 0;
            for (String s : shapes[i]) {
                if (s.startsWith("=")) {
                    int eq = s.indexOf('=', 1);
                    String name = s.substring(1, eq);
                    JsonValue v = props.get(name);
                    if (v != null) {
                        known++;
                        score += v.isString() && v.asString().equals(s.substring(eq + 1)) ? 10_000 : -10_000;
                    }
                } else {
                    boolean required = s.startsWith("!");
                    String name = required ? s.substring(1) : s;
                    if (props.containsKey(name)) {
                        known++;
                        score += 10;
                    } else if (required) {
                        score -= 1_000;
                    }
                }
            }
            score -= 10L * (props.size() - known);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    /**
     * Chooses the variant of a discriminated union for a JSON object that lacks the discriminator (hand-written
     * JSON, such as the spec's own workflow example; the server always writes it): the one variant the object
     * fits, if exactly one does. An object fits a variant when every property it has is one of the variant's,
     * every property the variant requires is present, and every constant it has holds the variant's value.
     * Shapes are described as for {@link #bestMatch}.
     *
     * @param raw the JSON
     * @param shapes one description per variant
     * @return the index of the only variant it fits, or -1 if it fits none or several (or is not an object)
     */
    public static int onlyFit(JsonValue raw, String[][] shapes) {
        if (!raw.isObject()) {
            return -1;
        }
        Map<String, JsonValue> props = raw.asObject();
        int found = -1;
        for (int i = 0; i < shapes.length; i++) {
            if (shapes[i] != null && fits(props, shapes[i])) {
                if (found != -1) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private static boolean fits(Map<String, JsonValue> props, String[] shape) {
        int known = 0;
        for (String s : shape) {
            String name;
            if (s.startsWith("=")) {
                int eq = s.indexOf('=', 1);
                name = s.substring(1, eq);
                JsonValue v = props.get(name);
                if (v != null && !(v.isString() && v.asString().equals(s.substring(eq + 1)))) {
                    return false;
                }
            } else {
                boolean required = s.startsWith("!");
                name = required ? s.substring(1) : s;
                if (required && !props.containsKey(name)) {
                    return false;
                }
            }
            if (props.containsKey(name)) {
                known++;
            }
        }
        return known == props.size();
    }

    /**
     * Reinterprets a union's JSON as one of its variants, for a typed accessor of a union without a
     * discriminator.
     *
     * @param union the union's name, for the message
     * @param variant the variant's name, for the message
     * @param codec the variant's codec
     * @param raw the union's JSON
     * @param <T> the variant type
     * @return the variant
     * @throws IllegalStateException if the JSON has a type the variant cannot be read from
     */
    public static <T> T reinterpret(String union, String variant, JsonCodec<T> codec, JsonValue raw) {
        T value = decode(codec, raw);
        if (value == null) {
            throw new IllegalStateException("This " + union + " is a JSON " + raw.type().name().toLowerCase(java.util.Locale.ROOT)
                    + " that cannot be read as " + variant + "; check the is...() methods first");
        }
        return value;
    }

    /**
     * Returns the error for asking a discriminated union for a variant it does not hold.
     *
     * @param union the union's name
     * @param wanted the variant asked for
     * @param actual the variant held (its discriminator value, or {@code null})
     * @return the exception to throw
     */
    public static IllegalStateException wrongVariant(String union, String wanted, String actual) {
        return new IllegalStateException("This " + union + " is the variant '" + actual + "', not '" + wanted
                + "'; check the is...() methods or discriminator() first");
    }
}
