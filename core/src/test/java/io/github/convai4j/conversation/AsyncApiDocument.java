package io.github.convai4j.conversation;

import io.github.convai4j.testing.ApiDocument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AsyncAPI document of the live-conversation protocol ({@code elevenlabs-convai-asyncapi.yaml} in
 * {@code convai4j.spec.dir}), read into maps, lists and strings. Core's tests have no YAML library, so this
 * reads the block-style subset the document is written in: mappings, sequences (also of mappings, as in
 * {@code - type: object}), flow sequences like {@code [a, b]}, quoted and plain scalars, block scalars
 * ({@code |}, {@code >-}) and comments. Every scalar is a string.
 */
public final class AsyncApiDocument {

    private final Map<String, Object> root;

    private AsyncApiDocument(Map<String, Object> root) {
        this.root = root;
    }

    public static AsyncApiDocument read() throws IOException {
        Path file = ApiDocument.dir().resolve("elevenlabs-convai-asyncapi.yaml");
        return new AsyncApiDocument(cast(new Reader(Files.readAllLines(file, StandardCharsets.UTF_8)).document()));
    }

    /** The component schemas of the messages one direction of the channel carries, by message name. */
    public Map<String, Map<String, Object>> payloads(String operation) {
        List<Object> refs = list(at(root, "channels", "AgentMessages", operation, "message", "oneOf"));
        Map<String, Map<String, Object>> payloads = new LinkedHashMap<>();
        for (Object ref : refs) {
            Map<String, Object> message = resolve(cast(ref));
            payloads.put(string(message.get("name")), resolve(cast(message.get("payload"))));
        }
        return payloads;
    }

    /** A component schema by name, its {@code $ref} resolved. */
    public Map<String, Object> schema(String name) {
        return resolve(cast(at(root, "components", "schemas", name)));
    }

    /** The node itself, or the one its {@code $ref} points to, however many times. */
    public Map<String, Object> resolve(Map<String, Object> node) {
        Map<String, Object> n = node;
        while (n.containsKey("$ref")) {
            String ref = string(n.get("$ref"));
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("Not a local reference: " + ref);
            }
            n = cast(at(root, ref.substring(2).split("/")));
        }
        return n;
    }

    public static Object at(Map<String, Object> node, String... path) {
        Object n = node;
        for (String name : path) {
            if (!(n instanceof Map)) {
                throw new IllegalArgumentException("No " + String.join("/", path) + " in the AsyncAPI document");
            }
            n = ((Map<?, ?>) n).get(name);
        }
        if (n == null) {
            throw new IllegalArgumentException("No " + String.join("/", path) + " in the AsyncAPI document");
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> cast(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object node) {
        return node == null ? new ArrayList<>() : (List<Object>) node;
    }

    public static String string(Object node) {
        return (String) node;
    }

    /** Reads the block-style YAML subset; see the class description. */
    private static final class Reader {
        private final List<int[]> indents = new ArrayList<>(); // [indent] per content line
        private final List<String> texts = new ArrayList<>();
        private int pos;

        Reader(List<String> lines) {
            for (String line : lines) {
                String text = stripComment(line);
                if (text.trim().isEmpty()) {
                    texts.add(null); // blank: kept for block scalars' line count only
                    indents.add(new int[] {-1});
                    continue;
                }
                int indent = 0;
                while (text.charAt(indent) == ' ') {
                    indent++;
                }
                texts.add(text.trim());
                indents.add(new int[] {indent});
            }
        }

        Object document() {
            skipBlank();
            Object document = node(indent());
            skipBlank();
            if (more()) { // a line this reader does not understand ended the document early
                throw new IllegalStateException("Cannot read line " + (pos + 1) + " of the AsyncAPI document: " + texts.get(pos));
            }
            return document;
        }

        private Object node(int indent) {
            if (texts.get(pos).startsWith("[")) { // a flow sequence on lines of its own
                StringBuilder flow = new StringBuilder(texts.get(pos));
                while (!flow.toString().endsWith("]")) {
                    pos++;
                    skipBlank();
                    flow.append(' ').append(texts.get(pos));
                }
                pos++;
                skipBlank();
                return scalar(flow.toString());
            }
            return texts.get(pos).startsWith("- ") || texts.get(pos).equals("-") ? sequence(indent) : mapping(indent);
        }

        private Map<String, Object> mapping(int indent) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (more() && indent() == indent && !isItem()) {
                String text = texts.get(pos);
                int colon = keyEnd(text);
                if (colon < 0) {
                    throw new IllegalStateException("Line " + (pos + 1) + " is not 'key: value': " + text);
                }
                String key = unquote(text.substring(0, colon).trim());
                String rest = text.substring(colon + 1).trim();
                pos++;
                skipBlank();
                map.put(key, value(rest, indent));
            }
            return map;
        }

        private List<Object> sequence(int indent) {
            List<Object> list = new ArrayList<>();
            while (more() && indent() == indent && isItem()) {
                String rest = texts.get(pos).substring(1).trim();
                if (rest.isEmpty()) {
                    pos++;
                    skipBlank();
                    list.add(more() && indent() > indent ? node(indent()) : null);
                } else if (keyEnd(rest) >= 0 && !rest.startsWith("\"")) {
                    // "- key: value": a mapping whose keys line up after the dash.
                    texts.set(pos, rest);
                    indents.get(pos)[0] = indent + 2;
                    list.add(mapping(indent + 2));
                } else {
                    pos++;
                    skipBlank();
                    list.add(scalar(rest));
                }
            }
            return list;
        }

        private Object value(String rest, int indent) {
            if (rest.startsWith("|") || rest.startsWith(">")) {
                StringBuilder sb = new StringBuilder();
                while (pos < texts.size() && (texts.get(pos) == null || indents.get(pos)[0] > indent)) {
                    if (texts.get(pos) != null) {
                        sb.append(texts.get(pos)).append('\n');
                    }
                    pos++;
                }
                skipBlank();
                return sb.toString();
            }
            if (!rest.isEmpty()) {
                return scalar(rest);
            }
            if (!more()) {
                return null;
            }
            if (indent() > indent) {
                return node(indent());
            }
            return indent() == indent && isItem() ? sequence(indent) : null; // a sequence may line up with its key
        }

        private static Object scalar(String text) {
            if (text.startsWith("[") && text.endsWith("]")) {
                List<Object> items = new ArrayList<>();
                for (String item : text.substring(1, text.length() - 1).split(",")) {
                    if (!item.trim().isEmpty()) {
                        items.add(unquote(item.trim()));
                    }
                }
                return items;
            }
            return unquote(text);
        }

        private static String unquote(String text) {
            if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                    || text.startsWith("'") && text.endsWith("'"))) {
                return text.substring(1, text.length() - 1);
            }
            return text;
        }

        /** Where the key of a {@code key: value} line ends, or -1; a colon inside quotes does not count. */
        private static int keyEnd(String text) {
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ':' && !quoted && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                    return i;
                }
            }
            return -1;
        }

        private static String stripComment(String line) {
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '#' && !quoted && (i == 0 || line.charAt(i - 1) == ' ')) {
                    return line.substring(0, i);
                }
            }
            return line;
        }

        private boolean isItem() {
            String text = texts.get(pos);
            return text.equals("-") || text.startsWith("- ");
        }

        private int indent() {
            return indents.get(pos)[0];
        }

        private boolean more() {
            return pos < texts.size();
        }

        private void skipBlank() {
            while (pos < texts.size() && texts.get(pos) == null) {
                pos++;
            }
        }
    }
}
