package io.github.convai4j.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.convai4j.codegen.Types.Def;
import io.github.convai4j.codegen.Types.EnumDef;
import io.github.convai4j.codegen.Types.Kind;
import io.github.convai4j.codegen.Types.ListOf;
import io.github.convai4j.codegen.Types.MapOf;
import io.github.convai4j.codegen.Types.Named;
import io.github.convai4j.codegen.Types.ObjectDef;
import io.github.convai4j.codegen.Types.Prim;
import io.github.convai4j.codegen.Types.Prop;
import io.github.convai4j.codegen.Types.TypeRef;
import io.github.convai4j.codegen.Types.UnionDef;
import io.github.convai4j.codegen.Types.Variant;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the spec's schemas into {@link Def}s: merges {@code -Input}/{@code -Output} twins, resolves every
 * property's type, creates the inline enums, objects and unions, names everything and assigns packages.
 *
 * <p>Twins are one class when their wire shape is identical (same properties, same types; titles,
 * descriptions, examples, {@code uniqueItems} and {@code required} may differ), with the {@code -Input}'s
 * required list; otherwise two, the {@code -Output} named with {@link Naming#RESPONSE_TWIN_SUFFIX}, and so is
 * every twin that holds such a pair.
 */
final class Analyzer {

    static final String MODELS_PACKAGE = "io.github.convai4j.models";
    static final String COMMON_GROUP = "common";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)^(password|api_key|api_token|token|auth_token|access_token|refresh_token|conversation_token"
                    + "|shareable_token|client_secret|secret|secret_key|private_key|webhook_secret|signing_secret)$"
                    + "|.*_(password|secret|secret_key|api_key|private_key)$");

    private final JsonNode spec;
    private final JsonNode schemas;
    /** Component schema name → definition key (twins share one key). */
    private final Map<String, String> schemaKey = new HashMap<>();
    /** Definition key → the (merged) schema it is made from. */
    private final Map<String, JsonNode> keySchema = new LinkedHashMap<>();
    final Map<String, Def> defs = new TreeMap<>();
    private final Map<String, UnionDef> unionsBySignature = new HashMap<>();
    /** Twin bases that could not be merged into one class. */
    final Set<String> unmergedTwins = new TreeSet<>();
    /** Notes for the report: everything left untyped and why. */
    final List<String> untyped = new ArrayList<>();

    /** Where every definition goes, or {@code null} for the REST models' packages by SDK group. */
    private final String fixedPackage;

    Analyzer(JsonNode spec) {
        this(spec, null);
    }

    /**
     * An analysis of {@code spec} whose definitions all go to one package: the live conversation's messages,
     * which no operation uses ({@link AsyncApi#document}).
     */
    Analyzer(JsonNode spec, String fixedPackage) {
        this.spec = spec;
        this.schemas = spec.path("components").path("schemas");
        this.fixedPackage = fixedPackage;
    }

    void run() {
        resolveTwins();
        nameComponents();
        for (Map.Entry<String, JsonNode> e : new ArrayList<>(keySchema.entrySet())) {
            defineComponent(e.getKey(), e.getValue());
        }
        operations = Operations.read(spec, this);
        assignGroups();
        assignPackages();
        checkNames();
    }

    // ---------------------------------------------------------------- twins

    private void resolveTwins() {
        Map<String, List<String>> byBase = new LinkedHashMap<>();
        for (Iterator<String> it = schemas.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            byBase.computeIfAbsent(Naming.twinBase(name), k -> new ArrayList<>()).add(name);
        }
        // Twins whose wire shapes differ, and then every twin that references one of them: a class has one type
        // per property, so a twin over two different twins cannot be one class either.
        Set<String> split = new TreeSet<>();
        Map<String, Set<String>> twinRefs = new HashMap<>();
        for (Map.Entry<String, List<String>> e : byBase.entrySet()) {
            if (e.getValue().size() == 2) {
                String base = e.getKey();
                JsonNode in = flatten(schemas.get(base + "-Input"));
                JsonNode out = flatten(schemas.get(base + "-Output"));
                if (!normalize(in).equals(normalize(out))) {
                    split.add(base);
                    splitReasons.put(base, differingProperties(in, out));
                }
                Set<String> refs = new TreeSet<>();
                collectRefs(in, refs);
                collectRefs(out, refs);
                Set<String> bases = new TreeSet<>();
                refs.stream().filter(r -> !r.equals(Naming.twinBase(r))).forEach(r -> bases.add(Naming.twinBase(r)));
                twinRefs.put(base, bases);
            }
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Map.Entry<String, Set<String>> e : twinRefs.entrySet()) {
                if (!split.contains(e.getKey()) && e.getValue().stream().anyMatch(split::contains)) {
                    split.add(e.getKey());
                    grew = true;
                    List<String> held = e.getValue().stream().filter(split::contains).map(Javadoc::code).toList();
                    splitReasons.put(e.getKey(), "they hold " + String.join(", ", held) + ", whose twins are two"
                            + " classes");
                }
            }
        }
        for (Map.Entry<String, List<String>> e : byBase.entrySet()) {
            String base = e.getKey();
            List<String> names = e.getValue();
            if (names.size() == 1) {
                schemaKey.put(names.get(0), base);
                keySchema.put(base, flatten(schemas.get(names.get(0))));
                continue;
            }
            String in = base + "-Input";
            String out = base + "-Output";
            JsonNode inSchema = flatten(schemas.get(in));
            JsonNode outSchema = flatten(schemas.get(out));
            if (split.contains(base)) {
                unmergedTwins.add(base);
                schemaKey.put(in, base);
                schemaKey.put(out, out);
                keySchema.put(base, inSchema);
                keySchema.put(out, outSchema);
                responseTwins.put(out, base);
            } else {
                schemaKey.put(in, base);
                schemaKey.put(out, base);
                keySchema.put(base, inSchema);
                Set<String> required = new LinkedHashSet<>();
                outSchema.path("required").forEach(r -> required.add(r.asText()));
                inSchema.path("required").forEach(r -> required.remove(r.asText()));
                if (!required.isEmpty()) {
                    requiredInResponses.put(base, required);
                }
            }
        }
    }

    /**
     * Response-side twin key ({@code X-Output}) → its request-side twin's key ({@code X}), for twins that are two
     * classes: the {@code -Input} keeps the plain name (it is what requests are built from), the {@code -Output}
     * gets a {@code Response} suffix.
     */
    final Map<String, String> responseTwins = new TreeMap<>();
    /** Why twins are two classes, by base name: Javadoc text. */
    private final Map<String, String> splitReasons = new HashMap<>();

    /** The properties two twins do not have alike (one lacks it, or its type differs), as Javadoc text. */
    private static String differingProperties(JsonNode in, JsonNode out) {
        Set<String> names = new TreeSet<>();
        in.path("properties").fieldNames().forEachRemaining(names::add);
        out.path("properties").fieldNames().forEachRemaining(names::add);
        List<String> differ = new ArrayList<>();
        for (String n : names) {
            JsonNode a = in.path("properties").get(n);
            JsonNode b = out.path("properties").get(n);
            if (a == null || b == null || !normalize(a).equals(normalize(b))) {
                differ.add(Javadoc.code(n) + (a == null ? " is only in the {@code -Output}"
                        : b == null ? " is only in the {@code -Input}" : " has different types"));
            }
        }
        return differ.isEmpty() ? "the schemas differ outside their properties" : String.join(", ", differ);
    }

    /** Merged twin key → properties only the {@code -Output} requires (documented, not checked by build()). */
    private final Map<String, Set<String>> requiredInResponses = new HashMap<>();

    /**
     * A {@code oneOf} of inline objects (one schema written as alternatives of the same object, as in
     * {@code ASTLLMNode-Input}) becomes one object with all their properties; a property is required only if
     * every alternative requires it.
     */
    static JsonNode flatten(JsonNode schema) {
        JsonNode oneOf = schema.get("oneOf");
        if (oneOf == null || !oneOf.isArray()) {
            return schema;
        }
        for (JsonNode m : oneOf) {
            if (m.has("$ref") || !m.has("properties")) {
                return schema;
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        schema.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("oneOf")) {
                out.set(f.getKey(), f.getValue());
            }
        });
        out.put("type", "object");
        ObjectNode props = out.putObject("properties");
        Set<String> required = null;
        for (JsonNode m : oneOf) {
            m.get("properties").fields().forEachRemaining(f -> {
                if (!props.has(f.getKey())) {
                    props.set(f.getKey(), f.getValue());
                }
            });
            Set<String> req = new LinkedHashSet<>();
            m.path("required").forEach(r -> req.add(r.asText()));
            if (required == null) {
                required = req;
            } else {
                required.retainAll(req);
            }
            if (!out.has("title") && m.has("title")) {
                out.set("title", m.get("title"));
            }
        }
        ArrayNode req = out.putArray("required");
        required.forEach(req::add);
        return out;
    }

    private static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> {
                switch (f.getKey()) {
                    case "title", "description", "examples", "example", "uniqueItems", "required" -> {
                    }
                    default -> out.set(f.getKey(), normalize(f.getValue()));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(normalize(n)));
            return out;
        }
        if (node.isTextual() && node.asText().startsWith("#/components/schemas/")) {
            return JsonNodeFactory.instance.textNode(Naming.twinBase(node.asText())); // $ref and mapping targets
        }
        return node;
    }

    // ---------------------------------------------------------------- names

    private void nameComponents() {
        Map<String, String> names = new TreeMap<>();
        Set<String> taken = new java.util.HashSet<>();
        for (String key : keySchema.keySet()) {
            if (!responseTwins.containsKey(key)) {
                names.put(key, Naming.schemaClassName(key));
                taken.add(Naming.schemaClassName(key));
            }
        }
        for (String key : keySchema.keySet()) {
            if (responseTwins.containsKey(key)) {
                continue;
            }
            String name = names.get(key);
            String shorter = key.startsWith("Body_") ? null : Naming.withoutModelSuffix(name);
            if (shorter != null && !taken.contains(shorter) && !Naming.JAVA_LANG.contains(shorter)) {
                taken.remove(name);
                taken.add(shorter);
                name = shorter;
            }
            if (Naming.JAVA_LANG.contains(name)) {
                name = name + "Model";
            }
            names.put(key, name);
        }
        // the response side of twins that are two classes: the request side's name plus Response
        responseTwins.forEach((out, in) -> names.put(out, names.get(in) + Naming.RESPONSE_TWIN_SUFFIX));
        this.componentNames = names;
    }

    private Map<String, String> componentNames;

    // ---------------------------------------------------------------- definitions

    private void defineComponent(String key, JsonNode schema) {
        String name = componentNames.get(key);
        Def def;
        if (schema.has("enum")) {
            def = enumDef(key, schema);
        } else if (schema.has("oneOf") || schema.has("anyOf")) {
            List<JsonNode> members = new ArrayList<>();
            (schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf")).forEach(members::add);
            def = unionDef(key, name, schema, members, name);
        } else {
            def = objectDef(key, name, schema);
        }
        def.javaName = name;
        for (Map.Entry<String, String> e : schemaKey.entrySet()) {
            if (e.getValue().equals(key)) {
                def.schemaNames.add(e.getKey());
            }
        }
        def.schemaNames.sort(null);
        if (def instanceof ObjectDef o) {
            o.requiredInResponses.addAll(requiredInResponses.getOrDefault(key, Set.of()));
            String in = responseTwins.get(key);
            if (in != null) {
                o.requestTwin = in;
                o.twinSplitReason = splitReasons.get(in);
            } else if (responseTwins.containsKey(key + "-Output")) {
                o.responseTwin = key + "-Output";
                o.twinSplitReason = splitReasons.get(key);
            }
        }
        describe(def, schema);
        defs.put(key, def);
    }

    private void describe(Def def, JsonNode schema) {
        if (def.description == null) {
            def.description = text(schema.get("description"));
        }
        def.deprecated |= schema.path("deprecated").asBoolean(false);
    }

    private EnumDef enumDef(String key, JsonNode schema) {
        EnumDef def = new EnumDef(key);
        // an integer enum (TTSOptimizeStreamingLatency: 0..4) is read and written as JSON numbers
        def.integer = isIntegerEnum(schema);
        if (!def.integer && !isStringEnum(schema)) {
            throw new IllegalStateException("Enum " + key + " mixes JSON types; only string and integer enums are supported");
        }
        for (JsonNode v : schema.get("enum")) {
            if (!def.values.contains(v.asText())) {
                def.values.add(v.asText());
            }
        }
        return def;
    }

    /** An enum whose values are all JSON strings (its {@code type} is {@code string} or unstated). */
    static boolean isStringEnum(JsonNode schema) {
        String type = schema.path("type").asText("");
        if (!(type.isEmpty() || type.equals("string"))) {
            return false;
        }
        for (JsonNode v : schema.get("enum")) {
            if (!v.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** An enum of {@code type: integer} whose values are all integers that fit a {@code long}. */
    static boolean isIntegerEnum(JsonNode schema) {
        if (!schema.path("type").asText("").equals("integer")) {
            return false;
        }
        for (JsonNode v : schema.get("enum")) {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                return false;
            }
        }
        return true;
    }

    private ObjectDef objectDef(String key, String javaName, JsonNode schema) {
        ObjectDef def = new ObjectDef(key);
        def.javaName = javaName;
        defs.put(key, def); // early, for recursive references
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Set<String> javaNames = new java.util.HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode ps = typeOverride(javaName, f.getKey(), f.getValue());
            Prop p = new Prop();
            p.wire = f.getKey();
            p.javaName = Naming.propertyName(p.wire);
            while (!javaNames.add(p.javaName)) {
                p.javaName = p.javaName + "_";
            }
            p.required = required.contains(p.wire);
            p.description = text(ps.get("description"));
            p.deprecated = ps.path("deprecated").asBoolean(false);
            p.defaultValue = ps.get("default");
            if (ps.has("const") && ps.get("const").isTextual()) {
                p.constValue = ps.get("const").asText();
            }
            if (isBinary(ps)) {
                def.files.add(p); // a multipart file part: a parameter of the service method, not a property
                continue;
            }
            TypeInfo t = typeOf(ps, javaName, p.wire, key + "." + p.wire);
            p.type = t.type;
            p.nullable = t.nullable;
            p.secret = isSecret(key, p);
            p.credentialUrl = isUrl(p);
            def.props.add(p);
        }
        return def;
    }

    private static boolean isBinary(JsonNode schema) {
        if ("binary".equals(schema.path("format").asText())) {
            return true;
        }
        for (JsonNode m : schema.path("anyOf")) {
            if ("binary".equals(m.path("format").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Applies {@link Naming#PROPERTY_TYPES}, keeping the description and nullability. */
    private JsonNode typeOverride(String owner, String wire, JsonNode schema) {
        String target = Naming.PROPERTY_TYPES.get(owner + "." + wire);
        if (target == null) {
            return schema;
        }
        if (!schemas.has(target)) {
            throw new IllegalStateException("Naming.PROPERTY_TYPES names a schema the spec does not have: " + target);
        }
        ObjectNode out = schema.deepCopy();
        boolean nullable = false;
        for (JsonNode m : schema.path("anyOf")) {
            nullable |= "null".equals(m.path("type").asText());
        }
        out.remove(List.of("anyOf", "type", "additionalProperties"));
        ObjectNode ref = JsonNodeFactory.instance.objectNode().put("$ref", "#/components/schemas/" + target);
        if (nullable) {
            out.putArray("anyOf").add(ref).addObject().put("type", "null");
        } else {
            out.setAll(ref);
        }
        return out;
    }

    private boolean isSecret(String modelKey, Prop p) {
        if (p.type instanceof MapOf && p.wire.toLowerCase(Locale.ROOT).endsWith("headers")) {
            // Header values sent by a tool or webhook (Authorization, X-Api-Key, ...): toString shows the names only.
            return true;
        }
        boolean stringish = p.type instanceof Prim prim && prim.kind() == Kind.STRING;
        if (!stringish) {
            return false;
        }
        if (p.wire.equals("value") && modelKey.toLowerCase(Locale.ROOT).contains("secret")) {
            return true;
        }
        return SECRET_NAME.matcher(p.wire).matches();
    }

    /** A string property holding a URL ({@code url}, {@code signed_url}, ...), whose query may carry a token. */
    private static boolean isUrl(Prop p) {
        String wire = p.wire.toLowerCase(Locale.ROOT);
        return p.type instanceof Prim prim && prim.kind() == Kind.STRING && (wire.equals("url") || wire.endsWith("_url"));
    }

    record TypeInfo(TypeRef type, boolean nullable) {
    }

    private static final TypeInfo JSON = new TypeInfo(new Prim(Kind.JSON), false);

    /**
     * The type of a schema used in a property, element, map value or union member.
     *
     * @param schema the schema
     * @param owner the owning class's Java name, for inline names
     * @param wire the property's wire name, for inline names
     * @param key a unique key for inline definitions
     */
    TypeInfo typeOf(JsonNode schema, String owner, String wire, String key) {
        if (schema.has("$ref")) {
            return new TypeInfo(ref(schema.get("$ref").asText()), false);
        }
        JsonNode alts = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (alts != null) {
            List<JsonNode> members = new ArrayList<>();
            boolean nullable = false;
            for (JsonNode m : alts) {
                if ("null".equals(m.path("type").asText())) {
                    nullable = true;
                } else {
                    members.add(m);
                }
            }
            if (members.size() == 1) {
                TypeInfo t = typeOf(members.get(0), owner, wire, key);
                return new TypeInfo(t.type, nullable || t.nullable);
            }
            if (members.isEmpty()) {
                return new TypeInfo(new Prim(Kind.JSON), true);
            }
            TypeRef simple = simpleUnion(members);
            if (simple != null) {
                return new TypeInfo(simple, nullable);
            }
            String hint = owner + Naming.pascal(wire);
            UnionDef u = unionDef("union:" + key, null, schema, members, hint);
            return new TypeInfo(new Named(u.key), nullable);
        }
        String type = schema.path("type").asText("");
        if (schema.has("enum")) {
            if (!isStringEnum(schema) && !isIntegerEnum(schema)) {
                untyped.add(key + ": enum of mixed or non-integer values, exposed as JsonValue");
                return JSON;
            }
            String name = owner + Naming.pascal(wire);
            // an inline enum of a response-side twin is the request side's when it has the same values
            String requestKey = requestSideKey(key);
            if (requestKey != null && defs.get(requestKey) instanceof EnumDef same
                    && same.values.equals(enumDef(key, schema).values)) {
                return new TypeInfo(new Named(requestKey), false);
            }
            Def existing = defs.get(key);
            if (existing == null) {
                EnumDef e = enumDef(key, schema);
                e.javaName = name;
                e.description = text(schema.get("description"));
                defs.put(key, e);
            }
            return new TypeInfo(new Named(key), false);
        }
        switch (type) {
            case "string":
                return new TypeInfo(new Prim(Kind.STRING), false);
            case "integer":
                return new TypeInfo(new Prim(Kind.INTEGER), false);
            case "number":
                return new TypeInfo(new Prim(Kind.NUMBER), false);
            case "boolean":
                return new TypeInfo(new Prim(Kind.BOOLEAN), false);
            case "array": {
                JsonNode items = schema.get("items");
                if (items == null || items.isEmpty()) {
                    return new TypeInfo(new ListOf(new Prim(Kind.JSON)), false);
                }
                TypeInfo el = typeOf(items, owner, Naming.singular(wire), key + "[]");
                return new TypeInfo(new ListOf(el.type), false);
            }
            case "object": {
                if (schema.has("properties") && schema.get("properties").size() > 0) {
                    String name = owner + Naming.pascal(wire);
                    if (!defs.containsKey(key)) {
                        ObjectDef o = objectDef(key, name, schema);
                        o.description = text(schema.get("description"));
                    }
                    return new TypeInfo(new Named(key), false);
                }
                JsonNode ap = schema.get("additionalProperties");
                if (ap != null && ap.isObject() && ap.size() > 0) {
                    TypeInfo v = typeOf(ap, owner, wire, key + "{}");
                    return new TypeInfo(new MapOf(v.type), false);
                }
                return new TypeInfo(new MapOf(new Prim(Kind.JSON)), false);
            }
            default:
                if (!schema.has("type")) {
                    untyped.add(key + ": no type in the spec, exposed as JsonValue");
                }
                return JSON;
        }
    }

    /**
     * A union that needs no class of its own: all members are strings of some kind (one enum among them
     * makes it that open enum, which accepts any string; else a plain string), {@code integer|number} (a
     * number), or only primitive and untyped JSON (then {@code JsonValue}, which has typed accessors).
     */
    private TypeRef simpleUnion(List<JsonNode> members) {
        TypeRef enumType = null;
        int enums = 0;
        boolean allStrings = true;
        boolean allPrimitive = true;
        Set<String> kinds = new TreeSet<>();
        for (JsonNode m : members) {
            if (m.has("$ref")) {
                JsonNode target = schemas.get(refName(m.get("$ref").asText()));
                allPrimitive = false;
                if (target != null && target.has("enum") && isStringEnum(target)) {
                    enums++;
                    enumType = ref(m.get("$ref").asText());
                } else {
                    allStrings = false;
                }
                continue;
            }
            String t = m.path("type").asText("");
            kinds.add(t);
            if (m.has("enum")) {
                enums++;
                allPrimitive = false;
            }
            if (!t.equals("string")) {
                allStrings = false;
            }
            boolean untypedArray = t.equals("array") && (m.path("items").isEmpty());
            boolean untypedObject = t.equals("object") && !m.has("properties")
                    && !(m.get("additionalProperties") != null && m.get("additionalProperties").isObject()
                    && m.get("additionalProperties").size() > 0);
            if (!(Set.of("string", "integer", "number", "boolean").contains(t) || untypedArray || untypedObject)) {
                allPrimitive = false;
            }
        }
        if (allStrings && enums == 1 && enumType != null) {
            return enumType;
        }
        if (allStrings && enums == 0) {
            return new Prim(Kind.STRING);
        }
        if (allPrimitive && enums == 0) {
            if (kinds.equals(Set.of("integer", "number"))) {
                return new Prim(Kind.NUMBER);
            }
            return new Prim(Kind.JSON);
        }
        return null;
    }

    private UnionDef unionDef(String key, String componentName, JsonNode schema, List<JsonNode> members, String hint) {
        UnionDef u = new UnionDef(key);
        JsonNode disc = schema.get("discriminator");
        Map<String, List<String>> tagsByRef = new LinkedHashMap<>();
        if (disc != null) {
            u.discriminator = disc.get("propertyName").asText();
            disc.path("mapping").fields().forEachRemaining(f ->
                    tagsByRef.computeIfAbsent(refName(f.getValue().asText()), k -> new ArrayList<>()).add(f.getKey()));
        } else {
            u.discriminator = inferDiscriminator(members, tagsByRef);
        }
        int index = 0;
        for (JsonNode m : members) {
            Variant v = new Variant();
            TypeInfo t = typeOf(m, hint, "Enum", key + "|" + index++);
            v.type = t.type;
            v.description = text(m.get("description"));
            if (u.discriminator != null) {
                String rn = m.has("$ref") ? refName(m.get("$ref").asText()) : null;
                List<String> tags = rn == null ? null : tagsByRef.get(rn);
                if (tags == null && rn != null) {
                    String c = constOf(schemas.get(rn), u.discriminator);
                    tags = c == null ? null : List.of(c);
                }
                if (tags == null) {
                    throw new IllegalStateException("Union " + key + ": no discriminator value for member " + m);
                }
                v.tags.addAll(tags);
            }
            u.variants.add(v);
        }
        StringBuilder sig = new StringBuilder(String.valueOf(u.discriminator));
        List<String> variantNames = new ArrayList<>();
        for (Variant v : u.variants) {
            sig.append('|').append(describe(v.type)).append(v.tags);
            variantNames.add(simpleName(v.type));
        }
        u.signature = sig.toString();
        if (componentName == null) {
            UnionDef same = unionsBySignature.get(u.signature);
            if (same != null) {
                return same;
            }
            unionsBySignature.put(u.signature, u);
            // A union over response-side twins is named as its request-side counterpart, plus Response.
            List<String> requestNames = new ArrayList<>();
            variantNames.forEach(n -> requestNames.add(requestSideName(n)));
            String suffix = requestNames.equals(variantNames) ? "" : Naming.RESPONSE_TWIN_SUFFIX;
            String requestHint = suffix.isEmpty() ? hint : requestSideName(hint);
            u.javaName = Naming.unionName(requestNames, requestHint) + suffix;
            u.fallbackName = requestHint + suffix;
            u.variantKey = String.join("|", requestNames);
            u.description = text(schema.get("description"));
        } else {
            u.javaName = componentName;
        }
        nameVariants(u, variantNames);
        defs.put(u.key, u);
        return u;
    }

    /**
     * A name on the response side of twins that are two classes, as the request side calls it: the class
     * {@code PromptAgentResponse} → {@code PromptAgent}, and a name made from one, {@code PromptAgentResponseTools}
     * → {@code PromptAgentTools}. Other names are returned as they are.
     */
    private String requestSideName(String name) {
        String best = null;
        for (Map.Entry<String, String> e : responseTwins.entrySet()) {
            String response = componentNames.get(e.getKey());
            if (name.startsWith(response) && (best == null || response.length() > componentNames.get(best).length())) {
                best = e.getKey();
            }
        }
        return best == null ? name
                : componentNames.get(responseTwins.get(best)) + name.substring(componentNames.get(best).length());
    }

    /**
     * The key an inline definition of a response-side twin ({@code X-Output.content_type}) has on the request side
     * ({@code X.content_type}), or {@code null} if it is not inside a response-side twin.
     */
    private String requestSideKey(String key) {
        int dot = key.indexOf('.');
        String owner = dot < 0 ? key : key.substring(0, dot);
        String in = responseTwins.get(owner);
        return in == null || dot < 0 ? null : in + key.substring(dot);
    }

    private void nameVariants(UnionDef u, List<String> variantNames) {
        // ofUnknown/isUnknown/asUnknown and ofJson belong to the union itself
        Set<String> used = new java.util.HashSet<>(Set.of("Unknown", "Json"));
        for (int i = 0; i < u.variants.size(); i++) {
            Variant v = u.variants.get(i);
            String name;
            if (u.discriminator != null && v.tags.size() == 1) {
                name = Naming.pascal(v.tags.get(0));
            } else {
                name = variantNames.get(i).replaceAll("[^A-Za-z0-9]", "");
            }
            if (used.contains(name)) {
                name = name + "Variant";
            }
            while (!used.add(name)) {
                name = name + (i + 1);
            }
            v.javaName = name;
        }
    }

    /** A discriminator the spec does not declare: a property every member has with a distinct constant. */
    private String inferDiscriminator(List<JsonNode> members, Map<String, List<String>> tagsByRef) {
        List<JsonNode> targets = new ArrayList<>();
        for (JsonNode m : members) {
            if (!m.has("$ref")) {
                return null;
            }
            JsonNode t = schemas.get(refName(m.get("$ref").asText()));
            if (t == null || !t.has("properties")) {
                return null;
            }
            targets.add(t);
        }
        Set<String> common = null;
        for (JsonNode t : targets) {
            Set<String> names = new TreeSet<>();
            t.get("properties").fieldNames().forEachRemaining(names::add);
            if (common == null) {
                common = names;
            } else {
                common.retainAll(names);
            }
        }
        for (String prop : common) {
            Set<String> values = new LinkedHashSet<>();
            boolean ok = true;
            for (JsonNode t : targets) {
                String c = constOf(t, prop);
                ok &= c != null && values.add(c);
            }
            if (ok) {
                for (int i = 0; i < members.size(); i++) {
                    tagsByRef.put(refName(members.get(i).get("$ref").asText()),
                            List.of(constOf(targets.get(i), prop)));
                }
                return prop;
            }
        }
        return null;
    }

    private static String constOf(JsonNode schema, String prop) {
        JsonNode p = schema == null ? null : schema.path("properties").get(prop);
        if (p == null) {
            return null;
        }
        if (p.has("const")) {
            return p.get("const").asText();
        }
        if (p.has("enum") && p.get("enum").size() == 1) {
            return p.get("enum").get(0).asText();
        }
        return null;
    }

    private String describe(TypeRef t) {
        if (t instanceof Named n) {
            return n.key();
        } else if (t instanceof ListOf l) {
            return "List<" + describe(l.element()) + ">";
        } else if (t instanceof MapOf m) {
            return "Map<" + describe(m.value()) + ">";
        }
        return ((Prim) t).kind().name();
    }

    /** A short name of a type for union naming. */
    String simpleName(TypeRef t) {
        if (t instanceof Named n) {
            Def d = defs.get(n.key());
            return d != null ? d.javaName : componentNames.getOrDefault(n.key(), n.key());
        } else if (t instanceof ListOf l) {
            return "ListOf" + simpleName(l.element());
        } else if (t instanceof MapOf m) {
            return "MapOf" + simpleName(m.value());
        }
        return switch (((Prim) t).kind()) {
            case STRING -> "String";
            case INTEGER -> "Long";
            case NUMBER -> "Double";
            case BOOLEAN -> "Boolean";
            case JSON -> "Json";
        };
    }

    Named ref(String ref) {
        String name = refName(ref);
        String key = schemaKey.get(name);
        if (key == null) {
            throw new IllegalStateException("Unresolved $ref " + ref);
        }
        return new Named(key);
    }

    static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static String text(JsonNode n) {
        return n == null || !n.isTextual() || n.asText().isBlank() ? null : n.asText();
    }

    // ---------------------------------------------------------------- groups and packages

    /** The top-level SDK group of an operation (for model packages). */
    static String topGroup(JsonNode op, String path) {
        JsonNode g = op.get("x-fern-sdk-group-name");
        if (g != null && g.isArray()) {
            for (JsonNode s : g) {
                if (!s.asText().equals("conversational_ai")) {
                    return s.asText();
                }
            }
        } else if (g != null && g.isTextual() && !g.asText().equals("conversational_ai")) {
            return g.asText();
        }
        String rest = path.replaceFirst("^/v1/convai/?", "");
        String seg = rest.isEmpty() ? COMMON_GROUP : rest.split("/")[0].replace('-', '_');
        return switch (seg) {
            case "conversation" -> "conversations";
            case "agent" -> "agents";
            default -> seg;
        };
    }

    /** The operations, read after the components (their inline schemas become definitions too). */
    List<Operations.Operation> operations;

    private void assignGroups() {
        for (Iterator<Map.Entry<String, JsonNode>> pit = spec.path("paths").fields(); pit.hasNext(); ) {
            Map.Entry<String, JsonNode> path = pit.next();
            for (Iterator<Map.Entry<String, JsonNode>> oit = path.getValue().fields(); oit.hasNext(); ) {
                JsonNode op = oit.next().getValue();
                if (!op.has("operationId")) {
                    continue;
                }
                String group = topGroup(op, path.getKey());
                Set<String> refs = new TreeSet<>();
                collectRefs(op, refs);
                Deque<String> work = new ArrayDeque<>();
                for (String r : refs) {
                    work.add(schemaKey.get(r));
                }
                for (Operations.Operation o : operations) {
                    if (o.operationId.equals(op.get("operationId").asText())) {
                        List<String> inline = new ArrayList<>();
                        o.pathParams.forEach(p -> keys(p.type, inline));
                        o.queryParams.forEach(p -> keys(p.type, inline));
                        if (o.bodyType != null) {
                            keys(o.bodyType, inline);
                        }
                        if (o.responseType != null) {
                            keys(o.responseType, inline);
                        }
                        if (o.params != null) {
                            inline.add(o.params.key);
                        }
                        work.addAll(inline);
                    }
                }
                while (!work.isEmpty()) {
                    Def d = defs.get(work.poll());
                    if (d == null || !d.groups.add(group)) {
                        continue;
                    }
                    for (String k : referencedKeys(d)) {
                        work.add(k);
                    }
                }
            }
        }
    }

    private static void collectRefs(JsonNode n, Set<String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(f -> {
                if (f.getKey().equals("$ref")) {
                    out.add(refName(f.getValue().asText()));
                } else {
                    collectRefs(f.getValue(), out);
                }
            });
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, out));
        }
    }

    List<String> referencedKeys(Def d) {
        List<String> out = new ArrayList<>();
        if (d instanceof ObjectDef o) {
            o.props.forEach(p -> keys(p.type, out));
        } else if (d instanceof UnionDef u) {
            u.variants.forEach(v -> keys(v.type, out));
        }
        return out;
    }

    private static void keys(TypeRef t, List<String> out) {
        if (t instanceof Named n) {
            out.add(n.key());
        } else if (t instanceof ListOf l) {
            keys(l.element(), out);
        } else if (t instanceof MapOf m) {
            keys(m.value(), out);
        }
    }

    private void assignPackages() {
        for (Def d : defs.values()) {
            if (fixedPackage != null) {
                d.packageName = fixedPackage;
                continue;
            }
            String group = d.groups.size() == 1 ? d.groups.iterator().next() : COMMON_GROUP;
            d.packageName = MODELS_PACKAGE + "." + Naming.packageSegment(group);
        }
    }

    private void checkNames() {
        // a derived inline-union name that clashes falls back to owner plus property
        Map<String, Integer> count = new HashMap<>();
        defs.values().forEach(d -> count.merge(d.javaName, 1, Integer::sum));
        for (Def d : defs.values()) {
            if (d instanceof UnionDef u && u.fallbackName != null && count.get(u.javaName) > 1
                    && !Naming.UNION_OVERRIDES.containsKey(u.variantKey)) {
                u.javaName = u.fallbackName;
            }
        }
        Map<String, Def> byName = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Def d : defs.values()) {
            Def other = byName.putIfAbsent(d.javaName, d);
            if (other != null) {
                clashes.add(d.javaName + " (" + other.key + " and " + d.key + ")");
            }
            if (Naming.JAVA_LANG.contains(d.javaName)) {
                clashes.add(d.javaName + " shadows java.lang (" + d.key + ")");
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("Generated class names clash; add overrides in Naming: " + clashes);
        }
    }

    /** Component schema name → definition key, for the schema index. */
    Map<String, String> schemaKeys() {
        return new TreeMap<>(schemaKey);
    }
}
