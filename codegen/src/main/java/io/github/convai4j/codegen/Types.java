package io.github.convai4j.codegen;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The generator's model of the spec after analysis: type references and the definitions they name. */
final class Types {

    private Types() {
    }

    /** A type as a property, element or variant uses it. */
    sealed interface TypeRef permits Prim, ListOf, MapOf, Named {
    }

    /** JSON's primitive types, and untyped JSON. */
    enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, JSON }

    record Prim(Kind kind) implements TypeRef {
    }

    record ListOf(TypeRef element) implements TypeRef {
    }

    record MapOf(TypeRef value) implements TypeRef {
    }

    /** A generated class: a model, an enum or a union, by its definition key. */
    record Named(String key) implements TypeRef {
    }

    /** A generated class. */
    abstract static sealed class Def permits ObjectDef, EnumDef, UnionDef {
        /** Unique key: the component schema name (twin suffix dropped) or a synthetic inline key. */
        final String key;
        /** The schema names it was generated from, for Javadoc and the schema index. */
        final List<String> schemaNames = new ArrayList<>();
        String javaName;
        String packageName;
        /** The spec's text, escaped when emitted. */
        String description;
        /** A query-parameter class's first sentence, as Javadoc (not escaped); or null. */
        String docSummary;
        boolean deprecated;
        /** Top-level SDK groups of the operations that use it. */
        final Set<String> groups = new TreeSet<>();

        Def(String key) {
            this.key = key;
        }
    }

    static final class ObjectDef extends Def {
        final List<Prop> props = new ArrayList<>();
        /** Binary ({@code format: binary}) properties of a multipart form: file parts, not model properties. */
        final List<Prop> files = new ArrayList<>();
        /** An operation's query parameters: emitted by {@code ParamsEmitter}, without JSON. */
        boolean queryParams;
        /**
         * A multipart form with nothing but file parts: the service method takes the files, so no class is
         * generated (it would be an empty model nothing uses).
         */
        boolean emptyForm;
        /** Of merged twins: the properties only the {@code -Output} requires (build() checks the {@code -Input}'s). */
        final Set<String> requiredInResponses = new java.util.TreeSet<>();
        /** Of the {@code -Output} side of twins that are two classes: the {@code -Input} side's key. */
        String requestTwin;
        /** Of the {@code -Input} side of twins that are two classes: the {@code -Output} side's key. */
        String responseTwin;
        /** Of twins that are two classes: why, for the Javadoc. */
        String twinSplitReason;

        ObjectDef(String key) {
            super(key);
        }
    }

    static final class EnumDef extends Def {
        /** The wire values, as text (an integer enum's values in decimal). */
        final List<String> values = new ArrayList<>();
        /** {@code type: integer} in the spec: the values are JSON numbers, not strings. */
        boolean integer;

        EnumDef(String key) {
            super(key);
        }
    }

    static final class UnionDef extends Def {
        /** The discriminator's wire name, or {@code null} for a union told apart by JSON type and shape. */
        String discriminator;
        final List<Variant> variants = new ArrayList<>();
        /** Structural identity, to share one class between identical inline unions. */
        String signature;
        /** Owner plus property: the name used when the derived name clashes. */
        String fallbackName;
        /** The variants' Java names joined with {@code |}: the key of {@link Naming#UNION_OVERRIDES}. */
        String variantKey;

        UnionDef(String key) {
            super(key);
        }
    }

    static final class Prop {
        String wire;
        String javaName;
        TypeRef type;
        boolean nullable;
        boolean required;
        String description;
        boolean deprecated;
        JsonNode defaultValue;
        /** A {@code const} string value, written by default by {@code builder()}. */
        String constValue;
        boolean secret;
        /** A URL that may carry credential query parameters (a signed URL's token): masked in toString. */
        boolean credentialUrl;
    }

    static final class Variant {
        /** Discriminator values that select it (empty for a union without discriminator). */
        final List<String> tags = new ArrayList<>();
        TypeRef type;
        /** Used in ofX/isX/asX. */
        String javaName;
        String description;
    }
}
