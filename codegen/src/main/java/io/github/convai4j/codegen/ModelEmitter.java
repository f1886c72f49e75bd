package io.github.convai4j.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.convai4j.codegen.Types.EnumDef;
import io.github.convai4j.codegen.Types.Kind;
import io.github.convai4j.codegen.Types.ListOf;
import io.github.convai4j.codegen.Types.MapOf;
import io.github.convai4j.codegen.Types.Named;
import io.github.convai4j.codegen.Types.ObjectDef;
import io.github.convai4j.codegen.Types.Prim;
import io.github.convai4j.codegen.Types.Prop;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.List;

import static io.github.convai4j.codegen.Poet.GENERATED_MODEL;
import static io.github.convai4j.codegen.Poet.MODEL_BUILDER;
import static io.github.convai4j.codegen.Poet.MODEL_TYPE;


/**
 * Emits an immutable model on the shared runtime: a subclass of {@code GeneratedModel} whose properties live in
 * one array that the model's {@code ModelType} (a compact descriptor: wire names, kinds, flags) reads and
 * writes, one accessor per property, and a builder with one setter per property (plus a {@code Field}
 * overload). What every model does alike (reading, writing, equality, {@code toString}, {@code validate()})
 * is written once in the runtime, not per model.
 */
final class ModelEmitter {

    static final AnnotationSpec DEPRECATED = AnnotationSpec.builder(Deprecated.class).build();

    private final Poet poet;

    ModelEmitter(Poet poet) {
        this.poet = poet;
    }

    TypeSpec emit(ObjectDef d) {
        ClassName self = poet.className(d);
        ClassName builder = self.nestedClass("Builder");
        ParameterizedTypeName type = ParameterizedTypeName.get(MODEL_TYPE, self);
        TypeSpec.Builder t = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(GENERATED_MODEL, self))
                .addAnnotation(Generator.SUPPRESS);
        t.addJavadoc("$L", classDoc(d));
        if (d.deprecated) {
            t.addAnnotation(DEPRECATED);
        }
        // package-private: the builder reads it, and a private field would need a synthetic accessor (Java 8)
        t.addField(FieldSpec.builder(type, "TYPE", Modifier.STATIC, Modifier.FINAL)
                .initializer("new $T<>(new $T(null), $S, $S, $S, $L)", MODEL_TYPE, self, d.javaName, names(d),
                        kinds(d), constants(d)).build());
        // package-private: Java 8 has no nestmates, a private constructor would need a synthetic accessor
        t.addMethod(MethodSpec.constructorBuilder().addParameter(Object[].class, "values")
                .addStatement("super(TYPE, values)").build());
        TypeSpec.Builder b = TypeSpec.classBuilder(builder).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(MODEL_BUILDER, self, builder))
                .addJavadoc("Builds {@link $T}. Not thread-safe; every property starts absent (not written)"
                        + "$L.\n", self, hasConst(d) ? " except constants, which {@link " + self.simpleName()
                        + "#builder()} presets" : "")
                // one constructor for builder() (null) and toBuilder() (this): the model's code then uses the builder
                // only as its own type, so the verifier does not load the builder class when the model is linked
                // (decoding a response never loads a builder)
                .addMethod(MethodSpec.constructorBuilder().addParameter(self, "from")
                        .addStatement("super(TYPE, from)").build());
        for (int i = 0; i < d.props.size(); i++) {
            Prop p = d.props.get(i);
            t.addMethod(accessor(d, p, i));
            b.addMethods(setters(p, i, builder, self));
        }
        t.addMethod(MethodSpec.methodBuilder("builder").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(builder).addJavadoc("Returns a new builder$L.\n\n@return the builder\n",
                        hasConst(d) ? " with the constant properties preset" : "")
                .addStatement("return new $T(null)", builder).build());
        t.addMethod(MethodSpec.methodBuilder("toBuilder").addModifiers(Modifier.PUBLIC).returns(builder)
                .addJavadoc("Returns a builder holding this model's properties, additional ones included.\n\n"
                        + "@return the builder\n")
                .addStatement("return new $T(this)", builder).build());
        t.addMethod(codec(d, type));
        // returns the base type as the base declares it: a covariant return would cost a bridge method
        t.addMethod(MethodSpec.methodBuilder("newInstance").addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED).returns(ParameterizedTypeName.get(GENERATED_MODEL, self))
                .addParameter(Object[].class, "values")
                .addStatement("return new $T(values)", self).build());
        if (d.requestTwin != null) {
            ClassName request = poet.className(poet.def(new Named(d.requestTwin)));
            t.addMethod(MethodSpec.methodBuilder("toRequestModel").addModifiers(Modifier.PUBLIC).returns(request)
                    .addJavadoc("Returns this response model as the request model {@link $T}, to send it back (changed"
                            + " through\n{@code toBuilder()} or not). It goes through the JSON, so every property,"
                            + " additional ones included, is kept.\n\n@return the request model\n", request)
                    .addStatement("return convert($T.codec())", request).build());
        }
        t.addType(b.build());
        return t.build();
    }

    /** {@code codec()}: the type, its nested codecs resolved on first use (once, under the runtime's lock). */
    private MethodSpec codec(ObjectDef d, TypeName type) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("codec").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(type)
                .addJavadoc("Returns the JSON codec of this model. Reading with it reaches the types of its"
                        + " properties; writing\na model needs none of them.\n\n@return the codec\n");
        List<CodeBlock> nested = new ArrayList<>();
        for (Prop p : d.props) {
            if (kind(p) == 'c') {
                nested.add(poet.codec(p.type));
            }
        }
        if (!nested.isEmpty()) {
            m.beginControlFlow("if (!TYPE.resolved())")
                    .beginControlFlow("synchronized ($T.RESOLUTION_LOCK)", MODEL_TYPE)
                    .beginControlFlow("if (TYPE.resolving())")
                    .addStatement("TYPE.resolve($L)", CodeBlock.join(nested, ", "))
                    .endControlFlow().endControlFlow().endControlFlow();
        }
        return m.addStatement("return TYPE").build();
    }

    /** The descriptor's wire names, comma-separated. */
    static String names(ObjectDef d) {
        List<String> names = new ArrayList<>();
        for (Prop p : d.props) {
            checkPackable(d.javaName, p.wire);
            names.add(p.wire);
        }
        return String.join(",", names);
    }

    static void checkPackable(String owner, String text) {
        if (text.contains(",") || text.contains("|") || text.contains(";")) {
            throw new IllegalStateException(owner + ": '" + text + "' has a separator of the packed descriptors"
                    + " (, | ;); the runtime's ModelType and UnionType need another format");
        }
    }

    /** The descriptor's kinds: two characters per property (see {@code ModelType}). */
    private String kinds(ObjectDef d) {
        StringBuilder out = new StringBuilder();
        for (Prop p : d.props) {
            char k = kind(p);
            out.append(p.required ? Character.toUpperCase(k) : k)
                    .append((char) ('0' + (p.nullable ? 1 : 0) + (p.secret ? 2 : 0) + (p.credentialUrl ? 4 : 0)));
        }
        return out.toString();
    }

    /** The kind of a property: read inline ({@code s i n b j}, {@code e f} for enums) or by a codec ({@code c}). */
    char kind(Prop p) {
        if (p.type instanceof Prim prim) {
            return switch (prim.kind()) {
                case STRING -> 's';
                case INTEGER -> 'i';
                case NUMBER -> 'n';
                case BOOLEAN -> 'b';
                case JSON -> 'j';
            };
        }
        if (poet.def(p.type) instanceof EnumDef e) {
            return e.integer ? 'f' : 'e';
        }
        return 'c';
    }

    /** The constants a new builder presets, comma-separated by property; {@code null} if none. */
    private static CodeBlock constants(ObjectDef d) {
        if (!hasConst(d)) {
            return CodeBlock.of("null");
        }
        List<String> out = new ArrayList<>();
        for (Prop p : d.props) {
            if (p.constValue != null) {
                checkPackable(d.javaName, p.constValue);
            }
            out.add(p.constValue != null ? p.constValue : "");
        }
        return CodeBlock.of("$S", String.join(",", out));
    }

    private static boolean hasConst(ObjectDef d) {
        return d.props.stream().anyMatch(p -> p.constValue != null);
    }

    private static String requiredList(List<Prop> required) {
        return requiredList(required.stream().map(p -> p.wire).toList());
    }

    private static String requiredList(java.util.Collection<String> wireNames) {
        StringBuilder out = new StringBuilder();
        for (String wire : wireNames) {
            out.append(out.length() == 0 ? "" : ", ").append(Javadoc.code(wire));
        }
        return out.toString();
    }

    private String classDoc(ObjectDef d) {
        StringBuilder doc = new StringBuilder();
        String desc = Javadoc.paragraphs(d.description);
        doc.append(desc != null ? desc : "The {@code " + d.javaName + "} model of the API.");
        doc.append("\n\n<p>").append(schemaLine(d.schemaNames, d.key));
        doc.append(" Immutable and thread-safe; build one with {@link #builder()}. Reading is lenient (see\n"
                + "{@link io.github.convai4j.internal.ModelType}); {@link Builder#build()} checks required"
                + " properties.\n");
        if (d.schemaNames.size() == 2) {
            doc.append("\n<p>One class for both twins: they have the same properties of the same types.");
            if (!d.requiredInResponses.isEmpty()) {
                doc.append(" They differ in what they\nrequire: {@link Builder#build()} checks what the {@code -Input}"
                        + " requires, since building is for requests;\nthe {@code -Output} also requires ")
                        .append(requiredList(d.requiredInResponses))
                        .append(", which responses carry\n(reading checks nothing).");
            }
            doc.append('\n');
        }
        if (d.responseTwin != null) {
            doc.append("\n<p>The request side of twins that are two classes (").append(d.twinSplitReason)
                    .append(").\nResponses are read as {@link ").append(poet.className(poet.def(new Named(d.responseTwin))))
                    .append("}, whose {@code toRequestModel()} turns one into this class.\n");
        }
        if (d.requestTwin != null) {
            doc.append("\n<p>The response side of twins that are two classes (").append(d.twinSplitReason)
                    .append(").\nRequests take {@link ").append(poet.className(poet.def(new Named(d.requestTwin))))
                    .append("}; {@link #toRequestModel()} turns this model into one.\n");
        }
        List<Prop> required = d.props.stream().filter(p -> p.required).toList();
        // the runtime's build() and validate() name what is missing; the model says what is required
        doc.append("\n<p>Required properties: ").append(required.isEmpty() ? "none" : requiredList(required))
                .append(".\n");
        if (d.deprecated) {
            doc.append("\n@deprecated The API marks this schema deprecated.\n");
        }
        return doc.toString();
    }

    static String schemaLine(List<String> schemaNames, String key) {
        if (schemaNames.isEmpty()) {
            return "Inline schema of {@code " + Javadoc.escape(key) + "} in the spec.";
        }
        StringBuilder s = new StringBuilder("Spec schema");
        s.append(schemaNames.size() > 1 ? "s " : " ");
        for (int i = 0; i < schemaNames.size(); i++) {
            s.append(i == 0 ? "" : " and ").append("{@code ").append(Javadoc.escape(schemaNames.get(i))).append("}");
        }
        return s.append('.').toString();
    }

    private MethodSpec accessor(ObjectDef d, Prop p, int i) {
        TypeName vt = poet.type(p.type);
        boolean direct = p.required && !p.nullable;
        boolean isEnum = kind(p) == 'e' || kind(p) == 'f';
        boolean isModel = poet.def(p.type) instanceof ObjectDef;
        MethodSpec.Builder m = MethodSpec.methodBuilder(p.javaName).addModifiers(Modifier.PUBLIC)
                .returns(direct || isModel ? vt : Poet.field(vt));
        StringBuilder doc = new StringBuilder();
        String desc = Javadoc.paragraphs(p.description);
        doc.append(desc != null ? desc : "The {@code " + Javadoc.escape(p.wire) + "} property.");
        doc.append("\n\n<p>Wire name {@code ").append(Javadoc.escape(p.wire)).append("}; ")
                .append(poet.describe(p.type)).append(p.nullable ? ", nullable" : "")
                .append(p.required ? "; required" : "; optional");
        if (p.constValue != null) {
            doc.append("; constant ").append(Javadoc.code(p.constValue));
        }
        if (p.defaultValue != null && !p.defaultValue.isNull() && p.constValue == null) {
            String def = p.defaultValue.toString();
            if (def.length() <= 120) {
                doc.append("; the server's default is ").append(Javadoc.code(def));
            }
        }
        if (p.secret) {
            doc.append(p.type instanceof Types.MapOf ? "; sensitive: {@code toString()} shows the names, not the values"
                    : "; secret: {@code toString()} does not show it");
        }
        if (p.credentialUrl) {
            doc.append("; {@code toString()} masks credential query parameters ({@code token}, ...) of the URL");
        }
        doc.append(".\n\n");
        if (isModel) {
            m.addStatement("return model($L, $T.codec())", i, vt);
            if (direct) {
                doc.append("@return the value\n@throws java.util.NoSuchElementException if the JSON this model was"
                        + " read from lacked it or held {@code null}\n");
            } else {
                doc.append("@return the value, never {@code null}: ").append(p.required
                        ? "for JSON {@code null}, an empty stand-in whose {@code isNull()} is {@code true}\n"
                        + "@throws java.util.NoSuchElementException if the JSON this model was read from lacked it\n"
                        : "when absent or {@code null}, an empty stand-in whose {@code isAbsent()} or\n"
                        + "{@code isNull()} is {@code true} (its own optional properties are absent too)\n");
            }
        } else if (direct) {
            if (isEnum) {
                m.addStatement("return requireEnum($L, $T.codec())", i, vt);
            } else {
                m.addStatement("return ($T) require($L)", vt, i);
            }
            doc.append("@return the value\n@throws java.util.NoSuchElementException if the JSON this model was read"
                    + " from lacked it or held {@code null}\n");
        } else {
            if (isEnum) {
                m.addStatement("return enumField($L, $T.codec())", i, vt);
            } else {
                m.addStatement("return field($L)", i);
            }
            doc.append("@return the property: absent, {@code null} or a value; its {@code get()} names this"
                    + " property when there is no value\n");
        }
        if (p.deprecated) {
            doc.append("@deprecated The API marks this property deprecated.\n");
            m.addAnnotation(DEPRECATED);
        }
        return m.addJavadoc("$L", doc.toString()).build();
    }

    /**
     * One setter per property, taking {@code null} where the property is nullable. A nullable integer or number
     * has two, {@code long} and {@code Long} (or {@code double} and {@code Double}): {@code .maxTokens(256)} picks
     * the first (an {@code int} does not box to {@code Long}), {@code .maxTokens(null)} the second.
     */
    private List<MethodSpec> setters(Prop p, int i, ClassName builder, ClassName self) {
        TypeName vt = poet.type(p.type);
        List<MethodSpec> out = new ArrayList<>();
        String see = "{@link " + self.simpleName() + "#" + p.javaName + "()}";
        String deprecated = p.deprecated ? "@deprecated The API marks this property deprecated.\n" : "";
        String wire = Javadoc.escape(p.wire);
        boolean primitive = p.type instanceof Prim prim && prim.kind() != Kind.STRING && prim.kind() != Kind.JSON;
        boolean boxedToo = primitive && p.nullable && ((Prim) p.type).kind() != Kind.BOOLEAN;
        List<TypeName> params = new ArrayList<>();
        if (primitive && !(p.nullable && ((Prim) p.type).kind() == Kind.BOOLEAN)) {
            params.add(vt.unbox());
        }
        if (!primitive || p.nullable) {
            params.add(vt);
        }
        for (TypeName param : params) {
            MethodSpec.Builder v = MethodSpec.methodBuilder(p.javaName).addModifiers(Modifier.PUBLIC).returns(builder)
                    .addParameter(param, "value");
            if (param.isPrimitive()) {
                v.addJavadoc("Sets {@code $L}; see $L.$L\n\n@param value the value\n@return this builder\n$L", wire,
                        see, boxedToo ? " {@link #" + p.javaName + "(" + ((com.palantir.javapoet.ClassName) vt).simpleName()
                        + ")} also takes {@code null}." : "", deprecated);
            } else if (p.nullable) {
                v.addJavadoc("Sets {@code $L}; see $L. {@code null} sends JSON {@code null}; to leave the property"
                        + " out, do not set it,\nor call {@code unset($S)}.\n\n@param value the value, or {@code null}"
                        + "\n@return this builder\n$L", wire, see, p.wire, deprecated);
            } else {
                v.addJavadoc("Sets {@code $L}; see $L. The API does not take {@code null} here.\n\n@param value the"
                        + " value, not {@code null}\n@return this builder\n@throws NullPointerException if {@code value}"
                        + " is {@code null}\n$L", wire, see, deprecated);
            }
            v.addStatement("return set($L, value)", i);
            if (p.deprecated) {
                v.addAnnotation(DEPRECATED);
            }
            out.add(v.build());
        }
        return out;
    }
}
