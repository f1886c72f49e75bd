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

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

import static io.github.convai4j.codegen.Poet.DISCRIMINATED_UNION;
import static io.github.convai4j.codegen.Poet.GENERATED_UNION;
import static io.github.convai4j.codegen.Poet.JSON_VALUE;
import static io.github.convai4j.codegen.Poet.STRING;
import static io.github.convai4j.codegen.Poet.UNION_TYPE;


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
                            + "or an {@link io.github.convai4j.json.UnknownVariant} holding the raw JSON when the"
                            + " server sends a variant\nthis version does not know; that JSON is written back"
                            + " unchanged. An object without the discriminator is read as\nthe one variant whose"
                            + " properties it fits, or as unknown if it fits none or several.\n");
        } else {
            doc.append("A union without discriminator: reading picks the variant by JSON type and, between object"
                    + " variants, by the\nproperties present. {@link #value()} is the variant's value, or the raw"
                    + " {@link io.github.convai4j.json.JsonValue} if no\nvariant fits. The {@code as...()} methods"
                    + " also reinterpret the JSON as another variant.\n");
        }
        doc.append("Immutable and thread-safe.\n");
        ClassName base = discriminated ? DISCRIMINATED_UNION : GENERATED_UNION;
        TypeSpec.Builder t = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(base, self))
                .addAnnotation(Generator.SUPPRESS).addJavadoc("$L", doc.toString());
        if (d.deprecated) {
            t.addAnnotation(ModelEmitter.DEPRECATED);
        }
        ParameterizedTypeName type = ParameterizedTypeName.get(UNION_TYPE, self);
        t.addField(FieldSpec.builder(type, "TYPE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("new $T<>(new $T(-1, null, null), $S, $S, $S, $S, $S)", UNION_TYPE, self, d.javaName,
                        d.discriminator, variants(d), kinds(d), discriminated ? null : candidates(d)).build());
        t.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "variant").addParameter(STRING, "tag").addParameter(Object.class, "value")
                .addStatement("super(TYPE, variant, tag, value)").build());
        t.addMethod(MethodSpec.methodBuilder("newInstance").addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED).returns(ParameterizedTypeName.get(GENERATED_UNION, self))
                .addParameter(int.class, "variant")
                .addParameter(STRING, "tag").addParameter(Object.class, "value")
                .addStatement("return new $T(variant, tag, value)", self).build());

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
                    .addStatement("return TYPE.of($L, value)", i).build());
            t.addMethod(MethodSpec.methodBuilder("is" + v.javaName).addModifiers(Modifier.PUBLIC).returns(boolean.class)
                    .addJavadoc("Tells whether this is $L.\n\n@return {@code true} if so\n", what)
                    .addStatement("return is($L)", i).build());
            MethodSpec.Builder as = MethodSpec.methodBuilder("as" + v.javaName).addModifiers(Modifier.PUBLIC).returns(vt);
            if (discriminated) {
                as.addJavadoc("Returns $L.\n\n@return the value\n@throws IllegalStateException if this is another"
                                + " variant\n", what)
                        .addStatement("return ($T) as($L)", vt, i);
            } else {
                as.addJavadoc("Returns $L: the value if this union holds it, else this union's JSON read as that"
                                + " variant.\n\n@return the value\n@throws IllegalStateException if the JSON cannot"
                                + " be read as that variant\n", what)
                        .addStatement("return ($T) as($L, codec())", vt, i);
            }
            t.addMethod(as.build());
        }
        if (discriminated) {
            t.addMethod(MethodSpec.methodBuilder("ofUnknown").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(self).addParameter(JSON_VALUE, "raw")
                    .addJavadoc("Returns a variant this version does not know, written as the given JSON.\n\n"
                            + "@param raw the JSON, normally an object with a {@code $L} property\n@return the union\n",
                            Javadoc.escape(d.discriminator))
                    .addStatement("return TYPE.ofRaw(raw)").build());
        } else {
            t.addMethod(MethodSpec.methodBuilder("ofJson").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(self).addParameter(JSON_VALUE, "raw")
                    .addJavadoc("Returns a union written as the given JSON, whatever variant it is.\n\n"
                            + "@param raw the JSON\n@return the union\n")
                    .addStatement("return TYPE.ofRaw(raw)").build());
        }
        MethodSpec.Builder codec = MethodSpec.methodBuilder("codec").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(type)
                .addJavadoc("Returns the JSON codec of this union. Reading with it reaches the variants' types;"
                        + " writing needs\nnone of them.\n\n@return the codec\n")
                .beginControlFlow("if (!TYPE.resolved())")
                .beginControlFlow("synchronized ($T.RESOLUTION_LOCK)", Poet.MODEL_TYPE)
                .beginControlFlow("if (TYPE.resolving())");
        List<CodeBlock> codecs = new ArrayList<>();
        for (Variant v : d.variants) {
            codecs.add(poet.codec(v.type));
        }
        codec.addStatement("TYPE.resolve($L)", CodeBlock.join(codecs, ", "))
                .endControlFlow().endControlFlow().endControlFlow();
        t.addMethod(codec.addStatement("return TYPE").build());
        return t.build();
    }

    /** Per variant, comma-separated: its discriminator values joined by {@code |}, or its name. */
    private static String variants(UnionDef d) {
        List<String> out = new ArrayList<>();
        for (Variant v : d.variants) {
            for (String tag : v.tags) {
                ModelEmitter.checkPackable(d.javaName, tag);
            }
            out.add(d.discriminator != null ? String.join("|", v.tags) : v.javaName);
        }
        return String.join(",", out);
    }

    /** One character per variant: {@code o} an object model, {@code e} an enum, {@code x} anything else. */
    private String kinds(UnionDef d) {
        StringBuilder out = new StringBuilder();
        for (Variant v : d.variants) {
            Def def = poet.def(v.type);
            out.append(def instanceof ObjectDef ? 'o' : def instanceof EnumDef ? 'e' : 'x');
        }
        return out.toString();
    }

    /**
     * For a JSON string, integer, fraction, boolean, array and object in turn (separated by semicolons), the
     * variants that may read it, in order; an integer is read as an integer variant when there is one.
     */
    private String candidates(UnionDef d) {
        List<String> out = new ArrayList<>();
        for (Json j : Json.values()) {
            List<Integer> c = new ArrayList<>();
            for (int i = 0; i < d.variants.size(); i++) {
                if (accepts(d.variants.get(i).type).contains(j)) {
                    c.add(i);
                }
            }
            if (j == Json.INT && c.size() > 1) {
                List<Integer> ints = c.stream().filter(i -> d.variants.get(i).type instanceof Prim p
                        && p.kind() == Types.Kind.INTEGER).toList();
                if (!ints.isEmpty()) {
                    c = ints;
                }
            }
            out.add(String.join(",", c.stream().map(String::valueOf).toList()));
        }
        return String.join(";", out);
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
}
