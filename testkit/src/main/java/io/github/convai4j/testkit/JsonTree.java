package io.github.convai4j.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake server's own JSON tree, read and written with jackson-core's streaming API.
 *
 * <p>Deliberately independent of convai4j-core's codecs: a bug there must not be mirrored here.
 * A value is a {@code Map<String, Object>} (insertion-ordered), a {@code List<Object>}, a {@link String},
 * a {@link Boolean}, a {@link Number} ({@link Integer}, {@link Long}, {@link BigInteger}, {@link Double} or
 * {@link BigDecimal}) or Java {@code null} for JSON {@code null}. An absent member and a member whose value
 * is {@code null} are told apart with {@link Map#containsKey(Object)}.
 */
final class JsonTree {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(256)
                    .build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonTree() {
    }

    /** A body that is not valid JSON; {@link #position()} is where the parser gave up. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long position;

        SyntaxException(String message, long position) {
            super(message);
            this.position = position;
        }

        long position() {
            return position;
        }
    }

    static Object parse(byte[] json) throws SyntaxException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SyntaxException("Expecting value", 0);
            }
            Object value = read(parser);
            if (parser.nextToken() != null) {
                throw new SyntaxException("Extra data", offset(parser.currentTokenLocation()));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new SyntaxException(e.getOriginalMessage(), offset(e.getLocation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does no I/O
        }
    }

    static Object parse(String json) throws SyntaxException {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses JSON that the testkit itself ships or builds; a failure is a bug in the testkit. */
    static Object parseTrusted(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
            return parse(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SyntaxException e) {
            throw new IllegalStateException("convai4j-testkit ships invalid JSON: " + e.getMessage(), e);
        }
    }

    private static long offset(JsonLocation location) {
        if (location == null) {
            return 0;
        }
        long chars = location.getCharOffset();
        return chars >= 0 ? chars : Math.max(0, location.getByteOffset());
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalStateException("Unexpected JSON token " + token);
        }
    }

    static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to a byte array does no I/O
        }
        return out.toByteArray();
    }

    static String toJson(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map) {
            generator.writeStartObject();
            for (Map.Entry<String, Object> member : ((Map<String, Object>) value).entrySet()) {
                generator.writeFieldName(member.getKey());
                write(generator, member.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List) {
            generator.writeStartArray();
            for (Object element : (List<Object>) value) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof String) {
            generator.writeString((String) value);
        } else if (value instanceof Boolean) {
            generator.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            generator.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            generator.writeNumber((BigDecimal) value);
        } else if (value instanceof Number) {
            generator.writeNumber(((Number) value).doubleValue());
        } else {
            throw new IllegalArgumentException("Not a JSON tree value: " + value.getClass().getName());
        }
    }

    /** A deep copy: the store never hands out, nor keeps, a tree that someone else can change. */
    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Object> member : ((Map<String, Object>) value).entrySet()) {
                copy.put(member.getKey(), deepCopy(member.getValue()));
            }
            return (T) copy;
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>(((List<Object>) value).size());
            for (Object element : (List<Object>) value) {
                copy.add(deepCopy(element));
            }
            return (T) copy;
        }
        return value; // immutable leaves
    }

    /**
     * Merges {@code patch} into {@code target}, the way the Agents Platform applies a PATCH: an object
     * member merges recursively into an object member; any other member sent (array, scalar, explicit
     * {@code null}) replaces the target's; members not sent keep their value.
     */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> member : patch.entrySet()) {
            Object sent = member.getValue();
            Object current = target.get(member.getKey());
            if (sent instanceof Map && current instanceof Map) {
                merge((Map<String, Object>) current, (Map<String, Object>) sent);
            } else {
                target.put(member.getKey(), deepCopy(sent));
            }
        }
    }

    /** The object at {@code path} below {@code root}, created (empty) where missing or not an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> objectAt(Map<String, Object> root, String... path) {
        Map<String, Object> current = root;
        for (String name : path) {
            Object next = current.get(name);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                current.put(name, next);
            }
            current = (Map<String, Object>) next;
        }
        return current;
    }

    /** The value at {@code path} below {@code root}, or {@code null} when any step is missing. */
    @SuppressWarnings("unchecked")
    static Object valueAt(Map<String, Object> root, String... path) {
        Object current = root;
        for (String name : path) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(name);
        }
        return current;
    }

    /** A fresh insertion-ordered object from alternating names and values. */
    static Map<String, Object> object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    /** A fresh mutable array. */
    static List<Object> array(Object... elements) {
        List<Object> array = new ArrayList<>(elements.length);
        for (Object element : elements) {
            array.add(element);
        }
        return array;
    }
}
