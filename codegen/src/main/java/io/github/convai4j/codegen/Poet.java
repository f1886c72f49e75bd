package io.github.convai4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.github.convai4j.codegen.Types.Def;
import io.github.convai4j.codegen.Types.ListOf;
import io.github.convai4j.codegen.Types.MapOf;
import io.github.convai4j.codegen.Types.Named;
import io.github.convai4j.codegen.Types.Prim;
import io.github.convai4j.codegen.Types.TypeRef;

import java.util.Map;

/** The class names the generated code uses, and the mapping of the analysis's types to Java types and codecs. */
final class Poet {

    /** What users see of the runtime: options, results, pages, file parts. */
    static final String CORE = "io.github.convai4j.core";
    /** The JSON types users see: a leaf package. */
    static final String JSON = "io.github.convai4j.json";
    /** What only generated code calls, with no compatibility promise. */
    static final String INTERNAL = "io.github.convai4j.internal";
    static final ClassName FIELD = ClassName.get(JSON, "Field");
    static final ClassName JSON_VALUE = ClassName.get(JSON, "JsonValue");
    static final ClassName JSON_CODEC = ClassName.get(JSON, "JsonCodec");
    static final ClassName GENERATED_MODEL = ClassName.get(INTERNAL, "GeneratedModel");
    static final ClassName MODEL_BUILDER = ClassName.get(INTERNAL, "ModelBuilder");
    static final ClassName MODEL_TYPE = ClassName.get(INTERNAL, "ModelType");
    static final ClassName GENERATED_UNION = ClassName.get(INTERNAL, "GeneratedUnion");
    static final ClassName DISCRIMINATED_UNION = ClassName.get(INTERNAL, "DiscriminatedUnion");
    static final ClassName UNION_TYPE = ClassName.get(INTERNAL, "UnionType");
    static final ClassName GENERATED_ENUM = ClassName.get(INTERNAL, "GeneratedEnum");
    static final ClassName ENUM_TYPE = ClassName.get(INTERNAL, "EnumType");
    static final ClassName CODECS = ClassName.get(INTERNAL, "Codecs");
    static final ClassName UNKNOWN_VARIANT = ClassName.get(JSON, "UnknownVariant");
    static final ClassName JSON_PARSER = ClassName.get("com.fasterxml.jackson.core", "JsonParser");
    static final ClassName JSON_GENERATOR = ClassName.get("com.fasterxml.jackson.core", "JsonGenerator");
    static final ClassName JSON_TOKEN = ClassName.get("com.fasterxml.jackson.core", "JsonToken");
    static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");
    static final ClassName LIST = ClassName.get("java.util", "List");
    static final ClassName MAP = ClassName.get("java.util", "Map");
    static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
    static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
    static final ClassName STRING = ClassName.get("java.lang", "String");

    private final Map<String, Def> defs;
    Poet(Map<String, Def> defs) {
        this.defs = defs;
    }

    ClassName className(Def d) {
        return ClassName.get(d.packageName, d.javaName);
    }

    Def def(TypeRef t) {
        return t instanceof Named n ? defs.get(n.key()) : null;
    }

    TypeName type(TypeRef t) {
        if (t instanceof Prim p) {
            return switch (p.kind()) {
                case STRING -> STRING;
                case INTEGER -> ClassName.get("java.lang", "Long");
                case NUMBER -> ClassName.get("java.lang", "Double");
                case BOOLEAN -> ClassName.get("java.lang", "Boolean");
                case JSON -> JSON_VALUE;
            };
        } else if (t instanceof ListOf l) {
            return ParameterizedTypeName.get(LIST, type(l.element()));
        } else if (t instanceof MapOf m) {
            return ParameterizedTypeName.get(MAP, STRING, type(m.value()));
        }
        return className(def(t));
    }

    CodeBlock codec(TypeRef t) {
        if (t instanceof Prim p) {
            return CodeBlock.of("$T.$L", CODECS, p.kind().name());
        } else if (t instanceof ListOf l) {
            return CodeBlock.of("$T.list($L)", CODECS, codec(l.element()));
        } else if (t instanceof MapOf m) {
            return CodeBlock.of("$T.map($L)", CODECS, codec(m.value()));
        }
        return CodeBlock.of("$T.codec()", className(def(t)));
    }

    static TypeName field(TypeName t) {
        return ParameterizedTypeName.get(FIELD, t);
    }

    /** Human words for a type, for Javadoc. */
    String describe(TypeRef t) {
        if (t instanceof Prim p) {
            return switch (p.kind()) {
                case STRING -> "string";
                case INTEGER -> "integer";
                case NUMBER -> "number";
                case BOOLEAN -> "boolean";
                case JSON -> "any JSON";
            };
        } else if (t instanceof ListOf l) {
            return "list of " + describe(l.element());
        } else if (t instanceof MapOf m) {
            return "map of " + describe(m.value());
        }
        Def d = def(t);
        return "{@link " + d.packageName + "." + d.javaName + "}";
    }
}
