package io.github.convai4j.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.convai4j.codegen.Types.Kind;
import io.github.convai4j.codegen.Types.ListOf;
import io.github.convai4j.codegen.Types.Named;
import io.github.convai4j.codegen.Types.ObjectDef;
import io.github.convai4j.codegen.Types.Prim;
import io.github.convai4j.codegen.Types.Prop;
import io.github.convai4j.codegen.Types.TypeRef;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec's operations as the service emitter needs them: SDK group path, method name, typed parameters,
 * body and response kind, and cursor pagination.
 */
final class Operations {

    enum BodyKind { NONE, JSON, MULTIPART }

    enum ResponseKind { EMPTY, JSON, JSON_UNTYPED, TEXT, BINARY }

    static final class Param {
        String wire;
        String javaName;
        String in;
        TypeRef type;
        boolean required;
        String description;
        boolean deprecated;
        JsonNode defaultValue;
    }

    static final class Operation {
        String operationId;
        String httpMethod;
        String path;
        /** Group path below the root, e.g. [agents, widget, avatar]; empty for the root. */
        final List<String> group = new ArrayList<>();
        String methodName;
        String summary;
        String description;
        boolean deprecated;
        final List<Param> pathParams = new ArrayList<>();
        final List<Param> queryParams = new ArrayList<>();
        BodyKind bodyKind = BodyKind.NONE;
        TypeRef bodyType;
        boolean bodyRequired;
        /** For multipart: the form's schema. */
        ObjectDef form;
        ResponseKind responseKind = ResponseKind.EMPTY;
        TypeRef responseType;
        String responseMediaType;
        /** Cursor-paginated: a {@code cursor} query parameter and a {@code next_cursor} in the response. */
        boolean paginated;
        /**
         * The page's items: its first list property ({@code agents} before {@code branches}), or {@code null}
         * when the items are not a plain list (secret dependencies: a union of lists).
         */
        Prop pageItems;
        /** The page model. */
        ObjectDef page;
        /** The query parameters as a model (with a builder), or {@code null} if the operation has none. */
        ObjectDef params;
    }

    private Operations() {
    }

    /** The group path of an operation, for services: {@code x-fern-sdk-group-name} below {@code conversational_ai}. */
    static List<String> groupPath(JsonNode op, String path) {
        JsonNode g = op.get("x-fern-sdk-group-name");
        List<String> out = new ArrayList<>();
        if (g != null && g.isArray()) {
            g.forEach(s -> {
                if (!s.asText().equals("conversational_ai")) {
                    out.add(s.asText());
                }
            });
        } else if (g != null && g.isTextual()) {
            if (!g.asText().equals("conversational_ai")) {
                out.add(g.asText());
            }
        } else {
            // no SDK group in the spec (the official SDKs skip these): the model package's group
            out.add(Analyzer.topGroup(op, path));
        }
        return out;
    }

    /** {@code x-fern-sdk-method-name} camelCased, or the operationId without {@code _route}. */
    static String methodName(JsonNode op) {
        String name = op.path("x-fern-sdk-method-name").asText("");
        if (name.isEmpty()) {
            name = op.get("operationId").asText().replaceFirst("_route$", "");
        }
        String p = Naming.pascal(name);
        String m = Character.toLowerCase(p.charAt(0)) + p.substring(1);
        return Naming.KEYWORDS.contains(m) ? m + "_" : m;
    }

    /**
     * Reads every operation; inline parameter, body and response schemas become definitions through the
     * analyzer (named after the operation).
     */
    static List<Operation> read(JsonNode spec, Analyzer a) {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> pit = spec.path("paths").fields(); pit.hasNext(); ) {
            Map.Entry<String, JsonNode> path = pit.next();
            for (Iterator<Map.Entry<String, JsonNode>> oit = path.getValue().fields(); oit.hasNext(); ) {
                Map.Entry<String, JsonNode> e = oit.next();
                JsonNode op = e.getValue();
                if (!op.has("operationId")) {
                    continue;
                }
                out.add(operation(path.getKey(), e.getKey(), op, a));
            }
        }
        return out;
    }

    private static Operation operation(String path, String method, JsonNode op, Analyzer a) {
        Operation o = new Operation();
        o.operationId = op.get("operationId").asText();
        o.httpMethod = method.toUpperCase(java.util.Locale.ROOT);
        o.path = path;
        o.group.addAll(groupPath(op, path));
        o.methodName = methodName(op);
        o.summary = op.path("summary").asText(null);
        o.description = op.path("description").asText(null);
        o.deprecated = op.path("deprecated").asBoolean(false);
        String owner = Naming.pascal(o.operationId.replaceFirst("_route$", ""));
        for (JsonNode p : op.path("parameters")) {
            String in = p.path("in").asText();
            if (in.equals("header")) {
                continue; // only xi-api-key: the runtime sends the key
            }
            Param param = new Param();
            param.wire = p.get("name").asText();
            param.javaName = Naming.propertyName(param.wire);
            param.in = in;
            param.required = p.path("required").asBoolean(false);
            param.description = p.path("description").asText(p.path("schema").path("description").asText(null));
            param.deprecated = p.path("deprecated").asBoolean(false);
            param.defaultValue = p.path("schema").get("default");
            param.type = a.typeOf(p.path("schema"), owner + "Params", param.wire, "param:" + o.operationId + "." + param.wire).type();
            (in.equals("path") ? o.pathParams : o.queryParams).add(param);
        }
        // path parameters in the order the path names them: delete(conversationId, fileId)
        o.pathParams.sort(java.util.Comparator.comparingInt(p -> path.indexOf("{" + p.wire + "}")));
        if (!o.queryParams.isEmpty()) {
            ObjectDef params = new ObjectDef("params:" + o.operationId);
            params.queryParams = true;
            params.javaName = owner + "Params";
            // Javadoc already: a description is escaped, which turned this markup into {&#64;code ...}
            params.docSummary = "The query parameters of {@code " + o.operationId + "} ({@code " + o.httpMethod + " "
                    + Javadoc.escape(o.path) + "}).";
            for (Param q : o.queryParams) {
                Prop p = new Prop();
                p.wire = q.wire;
                p.javaName = q.javaName;
                p.type = q.type;
                p.required = q.required;
                p.description = q.description;
                p.deprecated = q.deprecated;
                p.defaultValue = q.defaultValue;
                params.props.add(p);
            }
            a.defs.put(params.key, params);
            o.params = params;
        }
        JsonNode content = op.path("requestBody").path("content");
        if (content.size() > 0) {
            o.bodyRequired = op.path("requestBody").path("required").asBoolean(false);
            Map.Entry<String, JsonNode> media = content.fields().next();
            JsonNode schema = media.getValue().path("schema");
            Analyzer.TypeInfo t = a.typeOf(schema, owner, "Request", "body:" + o.operationId);
            o.bodyType = t.type();
            if (media.getKey().startsWith("multipart/")) {
                o.bodyKind = BodyKind.MULTIPART;
                o.form = (ObjectDef) a.defs.get(((Named) t.type()).key());
                o.form.emptyForm = o.form.props.isEmpty();
            } else {
                o.bodyKind = BodyKind.JSON;
            }
        }
        if (Naming.UNDECLARED_STREAMS.contains(o.operationId)) {
            o.responseKind = ResponseKind.BINARY; // the spec declares no body; throwing the stream away would lose it
        }
        for (Iterator<Map.Entry<String, JsonNode>> rit = op.path("responses").fields(); rit.hasNext(); ) {
            Map.Entry<String, JsonNode> r = rit.next();
            if (!r.getKey().startsWith("2")) {
                continue;
            }
            JsonNode rc = r.getValue().path("content");
            if (rc.size() == 0) {
                continue;
            }
            if (Naming.UNDECLARED_STREAMS.contains(o.operationId)) {
                throw new IllegalStateException(o.operationId + " declares a response body now; remove it from"
                        + " Naming.UNDECLARED_STREAMS");
            }
            Map.Entry<String, JsonNode> media = rc.fields().next();
            JsonNode schema = media.getValue().path("schema");
            o.responseMediaType = media.getKey();
            if (media.getKey().equals("application/json")) {
                if (schema.isEmpty()) {
                    o.responseKind = ResponseKind.JSON_UNTYPED;
                } else {
                    o.responseKind = ResponseKind.JSON;
                    o.responseType = a.typeOf(schema, owner, "Response", "response:" + o.operationId).type();
                    if (o.responseType instanceof Prim p && p.kind() == Kind.JSON) {
                        o.responseKind = ResponseKind.JSON_UNTYPED;
                    }
                }
            } else if (media.getKey().startsWith("text/") && !"binary".equals(schema.path("format").asText())
                    && !streaming(op)) {
                o.responseKind = ResponseKind.TEXT; // small text read whole: TwiML
            } else {
                // binary, and text the spec marks streaming (a knowledge-base document's content): never whole
                o.responseKind = ResponseKind.BINARY;
            }
            break;
        }
        boolean cursor = o.queryParams.stream().anyMatch(p -> p.wire.equals("cursor"));
        if (cursor && o.responseKind == ResponseKind.JSON && a.defs.get(((Named) o.responseType).key()) instanceof ObjectDef page) {
            if (page.props.stream().noneMatch(p -> p.wire.equals("next_cursor"))) {
                throw new IllegalStateException(o.operationId + ": cursor parameter but no next_cursor in " + page.javaName);
            }
            o.paginated = true;
            o.page = page;
            o.pageItems = page.props.stream().filter(p -> p.type instanceof ListOf).findFirst().orElse(null);
        }
        return o;
    }

    /** Marked streaming by the spec ({@code x-fern-streaming} or {@code x-fern-sdk-streaming}). */
    static boolean streaming(JsonNode op) {
        return op.path("x-fern-streaming").asBoolean(false) || op.path("x-fern-sdk-streaming").asBoolean(false);
    }

    /** Operations by group path, for one service interface per group. */
    static Map<List<String>, List<Operation>> byGroup(List<Operation> ops) {
        Map<List<String>, List<Operation>> out = new TreeMap<>((x, y) -> String.join(".", x).compareTo(String.join(".", y)));
        for (Operation o : ops) {
            out.computeIfAbsent(o.group, k -> new ArrayList<>()).add(o);
        }
        return out;
    }
}
