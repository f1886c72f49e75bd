package io.github.convai4j.models;

import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.testing.ApiDocument;


import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the spec (from {@code convai4j.spec.dir}) and the generator's schema index, for the model tests. */
final class SpecExamples {

    /**
     * One example: where it is in the spec, the component schema it belongs to (or null if inline), the
     * property it illustrates (or null for the whole schema), the parameter schema (for parameters), its JSON.
     */
    record Example(String where, String schema, String property, JsonValue parameterSchema, JsonValue json) {
        Example(String where, String schema, JsonValue json) {
            this(where, schema, null, null, json);
        }
    }

    static final JsonValue SPEC = load();
    static final Map<String, String> INDEX = index();

    private SpecExamples() {
    }

    private static JsonValue load() {
        Path dir = ApiDocument.dir();
        try {
            return JsonValue.parse(Files.readString(dir.resolve("elevenlabs-convai-openapi.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the spec from " + dir.toAbsolutePath()
                    + "; set -Dconvai4j.spec.dir", e);
        }
    }

    private static Map<String, String> index() {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = SpecExamples.class.getResourceAsStream("/convai4j-schema-index.tsv")) {
            if (in == null) {
                throw new IllegalStateException("convai4j-schema-index.tsv is not on the test classpath; regenerate");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] cols = line.split("\t");
                    out.put(cols[0], cols[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static JsonCodec<Object> codec(String schema) {
        String cls = INDEX.get(schema);
        if (cls == null) {
            throw new IllegalArgumentException("No generated class for schema " + schema);
        }
        try {
            return (JsonCodec<Object>) Class.forName(cls).getMethod("codec").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot get " + cls + ".codec()", e);
        }
    }

    /** Every example of the spec: component schemas' example(s), then operations' request and response examples. */
    static List<Example> all() {
        List<Example> out = new ArrayList<>();
        for (Map.Entry<String, JsonValue> s : SPEC.get("components").get("schemas").asObject().entrySet()) {
            addExamples(out, "components.schemas." + s.getKey(), s.getKey(), s.getValue());
        }
        for (Map.Entry<String, JsonValue> path : SPEC.get("paths").asObject().entrySet()) {
            for (Map.Entry<String, JsonValue> op : path.getValue().asObject().entrySet()) {
                JsonValue operation = op.getValue();
                if (!operation.isObject() || operation.get("operationId") == null) {
                    continue;
                }
                String id = operation.get("operationId").asString();
                JsonValue body = operation.get("requestBody");
                if (body != null) {
                    content(out, id + " request", body.get("content"));
                }
                JsonValue responses = operation.get("responses");
                if (responses != null) {
                    for (Map.Entry<String, JsonValue> r : responses.asObject().entrySet()) {
                        content(out, id + " response " + r.getKey(), r.getValue().get("content"));
                    }
                }
            }
        }
        return out;
    }

    /** Examples of single properties: {@code components.schemas.X.properties.Y.example(s)}. */
    static List<Example> propertyExamples() {
        List<Example> out = new ArrayList<>();
        for (Map.Entry<String, JsonValue> s : SPEC.get("components").get("schemas").asObject().entrySet()) {
            JsonValue props = s.getValue().get("properties");
            if (props == null) {
                continue;
            }
            for (Map.Entry<String, JsonValue> p : props.asObject().entrySet()) {
                List<Example> found = new ArrayList<>();
                addExamples(found, "components.schemas." + s.getKey() + ".properties." + p.getKey(), s.getKey(), p.getValue());
                for (Example e : found) {
                    out.add(new Example(e.where(), s.getKey(), p.getKey(), null, e.json()));
                }
            }
        }
        return out;
    }

    /** Examples of operation parameters: {@code parameters[].schema.examples} and {@code parameters[].examples}. */
    static List<Example> parameterExamples() {
        List<Example> out = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : SPEC.get("paths").asObject().entrySet()) {
            for (Map.Entry<String, JsonValue> op : path.getValue().asObject().entrySet()) {
                JsonValue params = op.getValue().get("parameters");
                if (params == null || op.getValue().get("operationId") == null) {
                    continue;
                }
                String id = op.getValue().get("operationId").asString();
                for (JsonValue param : params.asArray()) {
                    String where = id + " parameter " + param.get("name").asString();
                    JsonValue schema = param.get("schema");
                    List<Example> found = new ArrayList<>();
                    addExamples(found, where + ".schema", null, schema);
                    JsonValue named = param.get("examples");
                    if (named != null && named.isObject()) {
                        for (Map.Entry<String, JsonValue> e : named.asObject().entrySet()) {
                            if (e.getValue().get("value") != null) {
                                found.add(new Example(where + ".examples." + e.getKey(), null, e.getValue().get("value")));
                            }
                        }
                    }
                    if (param.get("example") != null) {
                        found.add(new Example(where + ".example", null, param.get("example")));
                    }
                    for (Example e : found) {
                        out.add(new Example(e.where(), null, null, schema, e.json()));
                    }
                }
            }
        }
        return out;
    }

    private static void content(List<Example> out, String where, JsonValue content) {
        if (content == null) {
            return;
        }
        for (Map.Entry<String, JsonValue> media : content.asObject().entrySet()) {
            JsonValue schema = media.getValue().get("schema");
            String ref = schema != null && schema.get("$ref") != null ? refName(schema.get("$ref").asString()) : null;
            String at = where + " " + media.getKey();
            JsonValue single = media.getValue().get("example");
            if (single != null) {
                out.add(new Example(at, ref, single));
            }
            JsonValue named = media.getValue().get("examples");
            if (named != null) {
                for (Map.Entry<String, JsonValue> e : named.asObject().entrySet()) {
                    JsonValue value = e.getValue().get("value");
                    if (value != null) {
                        out.add(new Example(at + " [" + e.getKey() + "]", ref, value));
                    }
                }
            }
        }
    }

    private static void addExamples(List<Example> out, String where, String schema, JsonValue node) {
        JsonValue single = node.get("example");
        if (single != null) {
            out.add(new Example(where + ".example", schema, single));
        }
        JsonValue many = node.get("examples");
        if (many != null && many.isArray()) {
            int i = 0;
            for (JsonValue e : many.asArray()) {
                out.add(new Example(where + ".examples[" + i++ + "]", schema, e));
            }
        }
    }

    static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
