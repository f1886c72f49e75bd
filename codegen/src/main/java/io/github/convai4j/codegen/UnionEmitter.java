package io.github.convai4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.convai4j.codegen.Types.Def;
import io.github.convai4j.codegen.Types.EnumDef;
import io.github.convai4j.codegen.Types.ListOf;
import io.github.convai4j.codegen.Types.MapOf;
import io.github.convai4j.codegen.Types.ObjectDef;
import io.github.convai4j.codegen.Types.Prim;
import io.github.convai4j.codegen.Types.Prop;
import io.github.convai4j.codegen.Types.TypeRef;
import io.github.convai4j.codegen.Types.UnionDef;
import io.github.convai4j.codegen.Types.Variant;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.convai4j.codegen.Poet.CODECS;
import static io.github.convai4j.codegen.Poet.IO_EXCEPTION;
import static io.github.convai4j.codegen.Poet.JSON_CODEC;
import static io.github.convai4j.codegen.Poet.JSON_GENERATOR;
import static io.github.convai4j.codegen.Poet.JSON_PARSER;
import static io.github.convai4j.codegen.Poet.JSON_TOKEN;
import static io.github.convai4j.codegen.Poet.JSON_VALUE;
import static io.github.convai4j.codegen.Poet.OBJECTS;
import static io.github.convai4j.codegen.Poet.STRING;
import static io.github.convai4j.codegen.Poet.UNIONS;
import static io.github.convai4j.codegen.Poet.UNKNOWN_VARIANT;

/**
 * Emits a union. One class holds the variant's value: a discriminated union reads the discriminator and
 * decodes that variant (an unknown discriminator gives an {@code UnknownVariant} holding the raw JSON);
 * a union without discriminator picks the variant by JSON type, and between several object variants by
 * the properties present, keeping the raw JSON when nothing fits.
 */
final class UnionEmitter {

    /** JSON token classes a variant can be read from. */
    enum Json { STRING, INT, FLOAT, BOOL, ARRAY, OBJECT }

    private final Poet poet;
    private final Map<String, Def> defs;

    UnionEmitter(Poet poet, Map<String, Def> defs) {
        this.poet = poet;
        this.defs = defs;
    }

    TypeSpec emit(UnionDef d) {
        ClassName self = poet.className(d);
        boolean discriminated = d.discriminator != null;
        StringBuilder doc = new StringBuilder();
        String desc = Javadoc.paragraphs(d.description);
        doc.append(desc != null ? desc : "One of several types the API accepts or returns here.");
        doc.append("\n\n<p>").append(ModelEmitter.schemaLine(d.schemaNames, d.key)).append(' ');
        if (discriminated) {
            doc.append("A discriminated union on the {@code ").append(Javadoc.escape(d.discriminator))
                    .append("} property. {@link #value()} is the variant's model (Java 21: {@code switch} on it),\n"
                            + "or an {@link io.github.convai4j.core.json.UnknownVariant} holding the raw JSON when the"
                            + " server sends a variant\nthis version does not know; that JSON is written back"
                            + " unchanged. An object without the discriminator is read as\nthe one variant whose"
                            + " properties it fits, or as unknown if it fits none or several.\n");
        } else {
            doc.append("A union without discriminator: reading picks the variant by JSON type and, between object"
                    + " variants, by the\nproperties present. {@link #value()} is the variant's value, or the raw"
                    + " {@link io.github.convai4j.core.JsonValue} if no\nvariant fits. The {@code as...()} methods"
                    + " also reinterpret the JSON as another variant.\n");
        }
        doc.append("Immutable and thread-safe.\n");
        TypeSpec.Builder t = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Generator.SUPPRESS).addJavadoc("$L", doc.toString());
        if (d.deprecated) {
            t.addAnnotation(ModelEmitter.DEPRECATED);
        }
        t.addField(FieldSpec.builder(ParameterizedTypeName.get(JSON_CODEC, self), "CODEC", Modifier.PRIVATE,
                Modifier.STATIC, Modifier.FINAL).initializer(poet.dispatch.codec(d)).build());
        t.addField(int.class, "variant", Modifier.PRIVATE, Modifier.FINAL);
        if (discriminated) {
            t.addField(STRING, "tag", Modifier.PRIVATE, Modifier.FINAL);
        }
        t.addField(Object.class, "value", Modifier.PRIVATE, Modifier.FINAL);
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "variant");
        if (discriminated) {
            ctor.addParameter(STRING, "tag");
        }
        ctor.addParameter(Object.class, "value").addStatement("this.variant = variant");
        if (discriminated) {
            ctor.addStatement("this.tag = tag");
        }
        t.addMethod(ctor.addStatement("this.value = value").build());

        for (int i = 0; i < d.variants.size(); i++) {
            Variant v = d.variants.get(i);
            TypeName vt = poet.type(v.type);
            String what = discriminated ? "the {@code " + Javadoc.escape(String.join("}/{@code ", v.tags)) + "} variant"
                    : "the " + poet.describe(v.type) + " variant";
            String vdesc = Javadoc.paragraphs(v.description);
            t.addMethod(MethodSpec.methodBuilder("of" + v.javaName).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(self).addParameter(vt, "value")
                    .addJavadoc("Returns $L\n\n@param value the value\n@return the union\n"
                            + "@throws NullPointerException if {@code value} is {@code null}\n",
                            Javadoc.sentence(what + (vdesc != null ? ": " + vdesc : "")))
                    .addStatement(discriminated ? "return new $T($L, $S, $T.requireNonNull(value, $S))"
                            : "return new $T($L, $T.requireNonNull(value, $S))", discriminated
                            ? new Object[] {self, i, v.tags.get(0), OBJECTS, "value"}
                            : new Object[] {self, i, OBJECTS, "value"}).build());
            t.addMethod(MethodSpec.methodBuilder("is" + v.javaName).addModifiers(Modifier.PUBLIC).returns(boolean.class)
                    .addJavadoc("Tells whether this is $L.\n\n@return {@code true} if so\n", what)
                    .addStatement("return variant == $L", i).build());
            MethodSpec.Builder as = MethodSpec.methodBuilder("as" + v.javaName).addModifiers(Modifier.PUBLIC).returns(vt);
            if (discriminated) {
                as.addJavadoc("Returns $L.\n\n@return the value\n@throws IllegalStateException if this is another"
                                + " variant\n", what)
                        .beginControlFlow("if (variant != $L)", i)
                        .addStatement("throw $T.wrongVariant($S, $S, tag)", UNIONS, d.javaName, v.tags.get(0))
                        .endControlFlow()
                        .addStatement("return ($T) value", vt);
            } else {
                as.addJavadoc("Returns $L: the value if this union holds it, else this union's JSON read as that"
                                + " variant.\n\n@return the value\n@throws IllegalStateException if the JSON cannot"
                                + " be read as that variant\n", what)
                        .addStatement("return variant == $L ? ($T) value : $T.reinterpret($S, $S, $L, toJsonValue())",
                                i, vt, UNIONS, d.javaName, v.javaName, poet.codec(v.type));
            }
            t.addMethod(as.build());
        }
        if (discriminated) {
            t.addMethod(MethodSpec.methodBuilder("ofUnknown").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(self).addParameter(JSON_VALUE, "raw")
                    .addJavadoc("Returns a variant this version does not know, written as the given JSON.\n\n"
                            + "@param raw the JSON, normally an object with a {@code $L} property\n@return the union\n",
                            Javadoc.escape(d.discriminator))
                    .addStatement("$T tag = $T.discriminator(raw, $S)", STRING, UNIONS, d.discriminator)
                    .addStatement("return new $T(-1, tag, new $T(tag, raw))", self, UNKNOWN_VARIANT).build());
            t.addMethod(MethodSpec.methodBuilder("isUnknown").addModifiers(Modifier.PUBLIC).returns(boolean.class)
                    .addJavadoc("Tells whether this is a variant this version does not know.\n\n"
                            + "@return {@code true} if so\n")
                    .addStatement("return variant == -1").build());
            t.addMethod(MethodSpec.methodBuilder("asUnknown").addModifiers(Modifier.PUBLIC).returns(UNKNOWN_VARIANT)
                    .addJavadoc("Returns the variant this version does not know.\n\n@return the raw variant\n"
                            + "@throws IllegalStateException if this is a known variant\n")
                    .beginControlFlow("if (variant != -1)")
                    .addStatement("throw $T.wrongVariant($S, $S, tag)", UNIONS, d.javaName, "<unknown>")
                    .endControlFlow()
                    .addStatement("return ($T) value", UNKNOWN_VARIANT).build());
            t.addMethod(MethodSpec.methodBuilder("discriminator").addModifiers(Modifier.PUBLIC).returns(STRING)
                    .addJavadoc("Returns the discriminator value: the one read, or the variant's first value for a"
                            + " union built\nwith an {@code of...} method or read from JSON without a discriminator"
                            + " (which is written back without\none).\n\n@return the value, or {@code null} for"
                            + " an unknown variant without one\n")
                    .addStatement("return tag").build());
        } else {
            t.addMethod(MethodSpec.methodBuilder("ofJson").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(self).addParameter(JSON_VALUE, "raw")
                    .addJavadoc("Returns a union written as the given JSON, whatever variant it is.\n\n"
                            + "@param raw the JSON\n@return the union\n")
                    .addStatement("return new $T(-1, $T.requireNonNull(raw, $S))", self, OBJECTS, "raw").build());
            t.addMethod(MethodSpec.methodBuilder("toJsonValue").addModifiers(Modifier.PUBLIC).returns(JSON_VALUE)
                    .addJavadoc("Returns this union as JSON.\n\n@return the JSON\n")
                    .addStatement("return $T.toJsonValue(CODEC, this)", CODECS).build());
        }
        t.addMethod(MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC).returns(Object.class)
                .addJavadoc(discriminated
                        ? "Returns the variant's value: one of the variant types, or an {@link $T}.\n\n@return the value\n"
                        : "Returns the variant's value, or the raw {@link $T} if no variant fits.\n\n@return the value\n",
                        discriminated ? UNKNOWN_VARIANT : JSON_VALUE)
                .addStatement("return value").build());
        t.addMethod(MethodSpec.methodBuilder("codec").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(JSON_CODEC, self))
                .addJavadoc("Returns the JSON codec of this union.\n\n@return the codec\n")
                .addStatement("return CODEC").build());
        t.addMethod(MethodSpec.methodBuilder("equals").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(boolean.class).addParameter(Object.class, "o")
                .addStatement("return o == this || o instanceof $T && variant == (($T) o).variant"
                        + " && value.equals((($T) o).value)", self, self, self).build());
        t.addMethod(MethodSpec.methodBuilder("hashCode").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(int.class).addStatement("return 31 * variant + value.hashCode()").build());
        t.addMethod(MethodSpec.methodBuilder("toString").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(String.class).addStatement("return $S + value + $S", d.javaName + "{", "}").build());
        t.addMethod(discriminated ? readDiscriminated(d, self) : readByShape(d, self));
        t.addMethod(write(d, self));
        return t.build();
    }

    private MethodSpec readDiscriminated(UnionDef d, ClassName self) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("read").addModifiers(Modifier.STATIC)
                .returns(self).addParameter(JSON_PARSER, "p").addException(IO_EXCEPTION)
                .addStatement("$T raw", JSON_VALUE)
                .beginControlFlow("if (p.currentToken() == $T.START_OBJECT)", JSON_TOKEN)
                .addComment("Read up to the discriminator (the server writes it first), keeping what comes before it;")
                .addComment("then the variant reads on as the JSON streams.")
                .addStatement("$T.Lookahead ahead = $T.lookahead(p, $S)", UNIONS, UNIONS, d.discriminator)
                .addStatement("$T lead = ahead.discriminator()", STRING);
        // Only object variants: they read any object (what they do not know they keep), so nothing read from the
        // stream can be lost. Any other kind of variant takes the buffered path below.
        List<Integer> streamed = new ArrayList<>();
        for (int i = 0; i < d.variants.size(); i++) {
            if (poet.def(d.variants.get(i).type) instanceof ObjectDef) {
                streamed.add(i);
            }
        }
        if (!streamed.isEmpty()) {
            m.beginControlFlow("if (lead != null)").beginControlFlow("switch (lead)");
            for (int i : streamed) {
                Variant v = d.variants.get(i);
                for (String tag : v.tags) {
                    m.addCode("case $S:\n", tag);
                }
                m.addStatement("$>return new $T($L, lead, $L.read(ahead))$<", self, i, poet.codec(v.type));
            }
            m.addCode("default:\n").addStatement("$>break$<");
            m.endControlFlow().endControlFlow();
        }
        m.addComment("A value it does not know, or none: the whole object as a tree.")
                .addStatement("raw = ahead.bufferObject()")
                .nextControlFlow("else")
                .addStatement("raw = $T.read(p)", JSON_VALUE)
                .endControlFlow()
                .addStatement("$T tag = $T.discriminator(raw, $S)", STRING, UNIONS, d.discriminator)
                .addStatement("int variant = -1")
                .beginControlFlow("if (tag != null)")
                .beginControlFlow("switch (tag)");
        for (int i = 0; i < d.variants.size(); i++) {
            for (String tag : d.variants.get(i).tags) {
                m.addCode("case $S:\n", tag);
            }
            m.addStatement("$>variant = $L", i).addStatement("break$<");
        }
        m.addCode("default:\n").addStatement("$>break$<");
        m.endControlFlow();
        // No discriminator at all (not one of the wrong type): hand-written JSON such as the spec's own workflow
        // example omits it. The variant whose properties the object fits is it, if only one fits.
        CodeBlock.Builder shapes = CodeBlock.builder().add("new $T[][] {", String.class);
        for (int i = 0; i < d.variants.size(); i++) {
            Def def = poet.def(d.variants.get(i).type);
            shapes.add(i == 0 ? "$L" : ", $L", def instanceof ObjectDef o ? shape(o) : CodeBlock.of("null"));
        }
        m.nextControlFlow("else if (raw.get($S) == null)", d.discriminator)
                .addStatement("variant = $T.onlyFit(raw, $L)", UNIONS, shapes.add("}").build())
                .endControlFlow();
        m.addStatement("$T value", Object.class).beginControlFlow("switch (variant)");
        for (int i = 0; i < d.variants.size(); i++) {
            Variant v = d.variants.get(i);
            m.addCode("case $L:\n", i).addStatement("$>value = $T.decode($L, raw)", UNIONS, poet.codec(v.type))
                    .addStatement("return value != null ? new $T($L, tag != null ? tag : $S, value)"
                            + " : new $T(-1, tag, new $T(tag, raw))$<", self, i, v.tags.get(0), self, UNKNOWN_VARIANT);
        }
        m.addCode("default:\n").addStatement("$>return new $T(-1, tag, new $T(tag, raw))$<", self, UNKNOWN_VARIANT);
        return m.endControlFlow().build();
    }

    private Set<Json> accepts(TypeRef t) {
        if (t instanceof Prim p) {
            return switch (p.kind()) {
                case STRING -> EnumSet.of(Json.STRING);
                case INTEGER -> EnumSet.of(Json.INT);
                case NUMBER -> EnumSet.of(Json.INT, Json.FLOAT);
                case BOOLEAN -> EnumSet.of(Json.BOOL);
                case JSON -> EnumSet.allOf(Json.class);
            };
        } else if (t instanceof ListOf) {
            return EnumSet.of(Json.ARRAY);
        } else if (t instanceof MapOf) {
            return EnumSet.of(Json.OBJECT);
        }
        Def def = poet.def(t);
        if (def instanceof EnumDef e) {
            return EnumSet.of(e.integer ? Json.INT : Json.STRING);
        } else if (def instanceof ObjectDef) {
            return EnumSet.of(Json.OBJECT);
        }
        UnionDef u = (UnionDef) def;
        if (u.discriminator != null) {
            return EnumSet.of(Json.OBJECT);
        }
        Set<Json> out = EnumSet.noneOf(Json.class);
        u.variants.forEach(v -> out.addAll(accepts(v.type)));
        return out;
    }

    private MethodSpec readByShape(UnionDef d, ClassName self) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("read").addModifiers(Modifier.STATIC)
                .returns(self).addParameter(JSON_PARSER, "p").addException(IO_EXCEPTION);
        Map<Json, List<Integer>> candidates = new LinkedHashMap<>();
        for (Json j : Json.values()) {
            List<Integer> c = new ArrayList<>();
            for (int i = 0; i < d.variants.size(); i++) {
                if (accepts(d.variants.get(i).type).contains(j)) {
                    c.add(i);
                }
            }
            // an integer is read as the integer variant when there is one, not as a number
            if (j == Json.INT && c.size() > 1) {
                List<Integer> ints = c.stream().filter(i -> d.variants.get(i).type instanceof Prim p
                        && p.kind() == Types.Kind.INTEGER).toList();
                if (!ints.isEmpty()) {
                    c = ints;
                }
            }
            candidates.put(j, c);
        }
        m.addStatement("$T token = p.currentToken()", JSON_TOKEN);
        for (Map.Entry<Json, List<Integer>> e : candidates.entrySet()) {
            List<Integer> c = e.getValue();
            if (c.isEmpty()) {
                continue;
            }
            m.beginControlFlow("if ($L)", condition(e.getKey()));
            if (c.size() == 1) {
                Variant v = d.variants.get(c.get(0));
                m.beginControlFlow("try")
                        .addStatement("return new $T($L, $L.read(p))", self, c.get(0), poet.codec(v.type))
                        .nextControlFlow("catch ($T e)", Poet.VALUE_MISMATCH)
                        .addStatement("return new $T(-1, e.raw())", self)
                        .endControlFlow();
            } else {
                m.addStatement("$T raw = $T.read(p)", JSON_VALUE, JSON_VALUE);
                List<Integer> objects = c.stream().filter(i -> poet.def(d.variants.get(i).type) instanceof ObjectDef).toList();
                if (e.getKey() == Json.OBJECT && objects.size() == c.size()) {
                    CodeBlock.Builder shapes = CodeBlock.builder().add("new $T[][] {", String.class);
                    for (int k = 0; k < c.size(); k++) {
                        shapes.add(k == 0 ? "$L" : ", $L", shape((ObjectDef) poet.def(d.variants.get(c.get(k)).type)));
                    }
                    shapes.add("}");
                    m.addStatement("int best = $T.bestMatch(raw, $L)", UNIONS, shapes.build());
                    m.addStatement("$T value", Object.class).beginControlFlow("switch (best)");
                    for (int k = 0; k < c.size(); k++) {
                        m.addCode("case $L:\n", k).addStatement("$>value = $T.decode($L, raw)", UNIONS,
                                poet.codec(d.variants.get(c.get(k)).type))
                                .addStatement("return value != null ? new $T($L, value) : new $T(-1, raw)$<",
                                        self, c.get(k), self);
                    }
                    m.addCode("default:\n").addStatement("$>return new $T(-1, raw)$<", self).endControlFlow();
                } else {
                    m.addStatement("$T value", Object.class);
                    // enums first, and only for values they know; then the first variant that reads it
                    for (int i : c) {
                        Variant v = d.variants.get(i);
                        if (poet.def(v.type) instanceof EnumDef) {
                            m.addStatement("value = $T.decode($L, raw)", UNIONS, poet.codec(v.type))
                                    .beginControlFlow("if (value != null && (($T) value).isKnown())", poet.type(v.type))
                                    .addStatement("return new $T($L, value)", self, i).endControlFlow();
                        }
                    }
                    for (int i : c) {
                        Variant v = d.variants.get(i);
                        m.addStatement("value = $T.decode($L, raw)", UNIONS, poet.codec(v.type))
                                .beginControlFlow("if (value != null)")
                                .addStatement("return new $T($L, value)", self, i).endControlFlow();
                    }
                    m.addStatement("return new $T(-1, raw)", self);
                }
            }
            m.endControlFlow();
        }
        return m.addStatement("return new $T(-1, $T.read(p))", self, JSON_VALUE).build();
    }

    private static String condition(Json j) {
        return switch (j) {
            case STRING -> "token == JsonToken.VALUE_STRING";
            case INT -> "token == JsonToken.VALUE_NUMBER_INT";
            case FLOAT -> "token == JsonToken.VALUE_NUMBER_FLOAT";
            case BOOL -> "token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE";
            case ARRAY -> "token == JsonToken.START_ARRAY";
            case OBJECT -> "token == JsonToken.START_OBJECT";
        };
    }

    private static CodeBlock shape(ObjectDef o) {
        CodeBlock.Builder c = CodeBlock.builder().add("{");
        boolean first = true;
        for (Prop p : o.props) {
            String s = p.constValue != null ? "=" + p.wire + "=" + p.constValue : (p.required ? "!" : "") + p.wire;
            c.add(first ? "$S" : ", $S", s);
            first = false;
        }
        return c.add("}").build();
    }

    private MethodSpec write(UnionDef d, ClassName self) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("write").addModifiers(Modifier.STATIC)
                .addParameter(JSON_GENERATOR, "g").addParameter(self, "v").addException(IO_EXCEPTION)
                .beginControlFlow("switch (v.variant)");
        for (int i = 0; i < d.variants.size(); i++) {
            Variant v = d.variants.get(i);
            m.addCode("case $L:\n", i).addStatement("$>$L.write(g, ($T) v.value)", poet.codec(v.type), poet.type(v.type))
                    .addStatement("break$<");
        }
        m.addCode("default:\n");
        if (d.discriminator != null) {
            m.addStatement("$>(($T) v.value).raw().write(g)$<", UNKNOWN_VARIANT);
        } else {
            m.addStatement("$>(($T) v.value).write(g)$<", JSON_VALUE);
        }
        return m.endControlFlow().build();
    }
}
