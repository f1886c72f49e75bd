package io.github.convai4j.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
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

import static io.github.convai4j.codegen.Poet.CODECS;
import static io.github.convai4j.codegen.Poet.FIELD;
import static io.github.convai4j.codegen.Poet.IO_EXCEPTION;
import static io.github.convai4j.codegen.Poet.JSON_CODEC;
import static io.github.convai4j.codegen.Poet.JSON_GENERATOR;
import static io.github.convai4j.codegen.Poet.JSON_PARSER;
import static io.github.convai4j.codegen.Poet.JSON_VALUE;
import static io.github.convai4j.codegen.Poet.MAP;
import static io.github.convai4j.codegen.Poet.MODELS;
import static io.github.convai4j.codegen.Poet.MODEL_CODEC;
import static io.github.convai4j.codegen.Poet.OBJECT_READER;
import static io.github.convai4j.codegen.Poet.STRING;

/**
 * Emits an immutable model: {@link io.github.convai4j.core.Field} per property (absent, null, value),
 * additional properties kept, a builder, and the codec as two private static methods (no class per codec).
 */
final class ModelEmitter {

    static final AnnotationSpec DEPRECATED = AnnotationSpec.builder(Deprecated.class).build();
    static final TypeName EXTRAS = ParameterizedTypeName.get(MAP, STRING, JSON_VALUE);

    private final Poet poet;

    ModelEmitter(Poet poet) {
        this.poet = poet;
    }

    TypeSpec emit(ObjectDef d) {
        ClassName self = poet.className(d);
        ClassName builder = self.nestedClass("Builder");
        String model = d.javaName;
        TypeSpec.Builder t = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Generator.SUPPRESS);
        t.addJavadoc("$L", classDoc(d));
        if (d.deprecated) {
            t.addAnnotation(DEPRECATED);
        }
        t.addField(FieldSpec.builder(ParameterizedTypeName.get(MODEL_CODEC, self), "CODEC", Modifier.PRIVATE,
                Modifier.STATIC, Modifier.FINAL).initializer(poet.dispatch.codec(d)).build());
        CodeBlock.Builder names = CodeBlock.builder().add("{");
        for (int i = 0; i < d.props.size(); i++) {
            names.add(i == 0 ? "$S" : ", $S", d.props.get(i).wire);
        }
        t.addField(FieldSpec.builder(String[].class, "NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(names.add("}").build()).build());

        // package-private, like the fields: Java 8 has no nestmates, and private members would need synthetic accessors
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addParameter(builder, "b");
        MethodSpec.Builder copy = MethodSpec.constructorBuilder().addParameter(self, "m");
        TypeSpec.Builder b = TypeSpec.classBuilder(builder).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Builds {@link $T}. Not thread-safe; every property starts absent (not written)"
                        + "$L.\n", self, hasConst(d) ? " except constants, which {@link " + self.simpleName()
                        + "#builder()} presets" : "");
        List<MethodSpec> accessors = new ArrayList<>();
        List<MethodSpec> setters = new ArrayList<>();
        for (Prop p : d.props) {
            TypeName vt = poet.type(p.type);
            TypeName ft = Poet.field(vt);
            t.addField(FieldSpec.builder(ft, p.javaName, Modifier.FINAL).build());
            b.addField(FieldSpec.builder(ft, p.javaName).initializer("$T.absent()", FIELD).build());
            if (p.type instanceof ListOf) {
                ctor.addStatement("this.$N = $T.copyList(b.$N)", p.javaName, MODELS, p.javaName);
            } else if (p.type instanceof MapOf) {
                ctor.addStatement("this.$N = $T.copyMap(b.$N)", p.javaName, MODELS, p.javaName);
            } else {
                ctor.addStatement("this.$N = b.$N", p.javaName, p.javaName);
            }
            copy.addStatement("this.$N = m.$N", p.javaName, p.javaName);
            accessors.add(accessor(d, p, vt, ft));
            setters.addAll(setters(d, p, vt, ft, builder, self));
        }
        t.addField(FieldSpec.builder(EXTRAS, "additionalProperties", Modifier.FINAL).build());
        b.addField(FieldSpec.builder(EXTRAS, "additionalProperties").build());
        ctor.addStatement("this.additionalProperties = $T.copyExtras(b.additionalProperties)", MODELS);
        copy.addStatement("this.additionalProperties = m.additionalProperties");
        t.addMethod(ctor.build());
        t.addMethods(accessors);
        t.addMethod(MethodSpec.methodBuilder("additionalProperties").addModifiers(Modifier.PUBLIC).returns(EXTRAS)
                .addJavadoc("Returns the properties this model does not know: properties the server sent that the"
                        + " spec does not list,\nand listed properties whose value had an unexpected JSON type (kept"
                        + " raw under their wire name).\nThey are written back when this model is sent.\n\n"
                        + "@return the unmodifiable properties, in document order; empty if none\n")
                .addStatement("return additionalProperties").build());

        List<Prop> required = d.props.stream().filter(p -> p.required).toList();
        MethodSpec.Builder validate = MethodSpec.methodBuilder("validate").addModifiers(Modifier.PUBLIC).returns(self)
                .addJavadoc("Checks that every property the spec requires is present ($L). Reading never checks"
                        + " this: a missing\nrequired property fails only when its accessor is called.\n\n"
                        + "@return this model\n@throws IllegalStateException naming every missing property\n",
                        required.isEmpty() ? "this model has none" : requiredList(required));
        if (!required.isEmpty()) {
            validate.addStatement("$T.requireAll($S, $L, $L)", MODELS, model + ".validate()", requiredNames(required),
                    requiredArgs(required, ""));
        }
        t.addMethod(validate.addStatement("return this").build());

        MethodSpec.Builder create = MethodSpec.methodBuilder("builder").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(builder).addJavadoc("Returns a new builder$L.\n\n@return the builder\n",
                        hasConst(d) ? " with the constant properties preset" : "")
                .addStatement("$T b = new $T()", builder, builder);
        for (Prop p : d.props) {
            if (p.constValue != null) {
                create.addStatement("b.$N = $T.of($S)", p.javaName, FIELD, p.constValue);
            }
        }
        t.addMethod(create.addStatement("return b").build());
        t.addMethod(MethodSpec.methodBuilder("toBuilder").addModifiers(Modifier.PUBLIC).returns(builder)
                .addJavadoc("Returns a builder holding this model's properties, additional ones included.\n\n"
                        + "@return the builder\n")
                .addStatement("return new $T(this)", builder).build());
        t.addMethod(MethodSpec.methodBuilder("codec").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(MODEL_CODEC, self))
                .addJavadoc("Returns the JSON codec of this model.\n\n@return the codec\n")
                .addStatement("return CODEC").build());
        if (d.requestTwin != null) {
            ClassName request = poet.className(poet.def(new Named(d.requestTwin)));
            t.addMethod(MethodSpec.methodBuilder("toRequestModel").addModifiers(Modifier.PUBLIC).returns(request)
                    .addJavadoc("Returns this response model as the request model {@link $T}, to send it back (changed"
                            + " through\n{@code toBuilder()} or not). It goes through the JSON, so every property,"
                            + " additional ones included, is kept.\n\n@return the request model\n", request)
                    .addStatement("return $T.convert(CODEC, this, $T.codec())", MODELS, request).build());
        }
        addObjectMethods(t, d, self);
        t.addMethod(read(d, self, builder));
        t.addMethod(write(d, self));

        b.addMethod(MethodSpec.constructorBuilder().build());
        b.addMethod(copy.build());
        b.addMethods(setters);
        b.addMethod(MethodSpec.methodBuilder("putAdditionalProperty").addModifiers(Modifier.PUBLIC).returns(builder)
                .addParameter(STRING, "name").addParameter(JSON_VALUE, "value")
                .addJavadoc("Adds a property the spec does not list (or replaces one), written after the known"
                        + " ones.\n\n@param name the wire name\n@param value the value; {@code null} writes"
                        + " JSON {@code null}\n@return this builder\n")
                .addStatement("additionalProperties = $T.putExtra(additionalProperties, name, value)", MODELS)
                .addStatement("return this").build());
        MethodSpec.Builder build = MethodSpec.methodBuilder("build").addModifiers(Modifier.PUBLIC).returns(self)
                .addJavadoc("Builds the model, checking that every property the spec requires is set$L.\n\n"
                        + "@return the model\n@throws IllegalStateException naming every missing required property\n",
                        required.isEmpty() ? " (this model has none)" : " (" + requiredList(required) + ")");
        if (!required.isEmpty()) {
            build.addStatement("$T.requireAll($S, $L, $L)", MODELS, model + ".Builder.build()", requiredNames(required),
                    requiredArgs(required, ""));
        }
        b.addMethod(build.addStatement("return new $T(this)", self).build());
        t.addType(b.build());
        return t.build();
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

    private static CodeBlock requiredNames(List<Prop> required) {
        CodeBlock.Builder c = CodeBlock.builder().add("new $T[] {", String.class);
        for (int i = 0; i < required.size(); i++) {
            c.add(i == 0 ? "$S" : ", $S", required.get(i).wire);
        }
        return c.add("}").build();
    }

    private static String requiredArgs(List<Prop> required, String prefix) {
        StringBuilder out = new StringBuilder();
        for (Prop p : required) {
            out.append(out.length() == 0 ? "" : ", ").append(prefix).append(p.javaName);
        }
        return out.toString();
    }

    private String classDoc(ObjectDef d) {
        StringBuilder doc = new StringBuilder();
        String desc = Javadoc.paragraphs(d.description);
        doc.append(desc != null ? desc : "The {@code " + d.javaName + "} model of the API.");
        doc.append("\n\n<p>").append(schemaLine(d.schemaNames, d.key));
        doc.append(" Immutable and thread-safe; build one with {@link #builder()}. Reading is lenient (see\n"
                + "{@link io.github.convai4j.core.json.ObjectReader}); {@link Builder#build()} checks required"
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

    private MethodSpec accessor(ObjectDef d, Prop p, TypeName vt, TypeName ft) {
        boolean direct = p.required && !p.nullable;
        MethodSpec.Builder m = MethodSpec.methodBuilder(p.javaName).addModifiers(Modifier.PUBLIC)
                .returns(direct ? vt : ft);
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
            doc.append("; secret: {@code toString()} does not show it");
        }
        doc.append(".\n\n");
        if (direct) {
            m.addStatement("return $T.require($N, $S, $S)", MODELS, p.javaName, d.javaName, p.wire);
            doc.append("@return the value\n@throws IllegalStateException if the JSON this model was read from"
                    + " lacked it or held {@code null}\n");
        } else {
            m.addStatement("return $N", p.javaName);
            doc.append("@return the property: absent, {@code null} or a value\n");
        }
        if (p.deprecated) {
            doc.append("@deprecated The API marks this property deprecated.\n");
            m.addAnnotation(DEPRECATED);
        }
        return m.addJavadoc("$L", doc.toString()).build();
    }

    private List<MethodSpec> setters(ObjectDef d, Prop p, TypeName vt, TypeName ft, ClassName builder, ClassName self) {
        List<MethodSpec> out = new ArrayList<>();
        String see = "{@link " + self.simpleName() + "#" + p.javaName + "()}";
        String deprecated = p.deprecated ? "@deprecated The API marks this property deprecated.\n" : "";
        MethodSpec.Builder v = MethodSpec.methodBuilder(p.javaName).addModifiers(Modifier.PUBLIC).returns(builder);
        TypeName param = vt;
        CodeBlock value;
        if (p.type instanceof Prim prim && prim.kind() != Kind.STRING && prim.kind() != Kind.JSON) {
            param = vt.unbox();
            value = CodeBlock.of("$T.of(value)", FIELD);
            v.addJavadoc("Sets {@code $L}; see $L.\n\n@param value the value\n@return this builder\n$L",
                    Javadoc.escape(p.wire), see, deprecated);
        } else if (p.nullable) {
            value = CodeBlock.of("$T.ofNullable(value)", FIELD);
            v.addJavadoc("Sets {@code $L}; see $L.\n\n@param value the value, or {@code null} to send JSON"
                    + " {@code null}\n@return this builder\n$L", Javadoc.escape(p.wire), see, deprecated);
        } else {
            value = CodeBlock.of("$T.value(value, $S, $S)", MODELS, d.javaName, p.wire);
            v.addJavadoc("Sets {@code $L}; see $L.\n\n@param value the value, not {@code null}\n"
                    + "@return this builder\n@throws NullPointerException if {@code value} is {@code null}\n$L",
                    Javadoc.escape(p.wire), see, deprecated);
        }
        v.addParameter(param, "value").addStatement("return $N($L)", p.javaName, value);
        MethodSpec.Builder f = MethodSpec.methodBuilder(p.javaName).addModifiers(Modifier.PUBLIC).returns(builder)
                .addParameter(ft, "value")
                .addJavadoc("Sets {@code $L} to absent (not written), {@code null} (written as JSON {@code null})"
                        + " or a value; see $L.\n\n@param value the field\n@return this builder\n$L",
                        Javadoc.escape(p.wire), see, deprecated)
                .addStatement("this.$N = $T.field(value, $S, $S)", p.javaName, MODELS, d.javaName, p.wire)
                .addStatement("additionalProperties = $T.removeExtra(additionalProperties, $S)", MODELS, p.wire)
                .addStatement("return this");
        if (p.deprecated) {
            v.addAnnotation(DEPRECATED);
            f.addAnnotation(DEPRECATED);
        }
        out.add(v.build());
        out.add(f.build());
        return out;
    }

    private void addObjectMethods(TypeSpec.Builder t, ObjectDef d, ClassName self) {
        CodeBlock.Builder state = CodeBlock.builder().add("return new Object[] {");
        CodeBlock.Builder shown = CodeBlock.builder().add("new Object[] {");
        for (Prop p : d.props) {
            state.add("$N, ", p.javaName);
            if (p.secret) {
                shown.add("$T.redact($N), ", MODELS, p.javaName);
            } else {
                shown.add("$N, ", p.javaName);
            }
        }
        state.add("additionalProperties}");
        shown.add("additionalProperties}");
        t.addMethod(MethodSpec.methodBuilder("state").addModifiers(Modifier.PRIVATE).returns(Object[].class)
                .addStatement("$L", state.build()).build());
        t.addMethod(MethodSpec.methodBuilder("equals").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(boolean.class).addParameter(Object.class, "o")
                .addStatement("return o == this || o instanceof $T && $T.equals(state(), (($T) o).state())", self,
                        Poet.ARRAYS, self).build());
        t.addMethod(MethodSpec.methodBuilder("hashCode").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(int.class).addStatement("return $T.hashCode(state())", Poet.ARRAYS).build());
        boolean secret = d.props.stream().anyMatch(p -> p.secret);
        t.addMethod(MethodSpec.methodBuilder("toString").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addJavadoc(secret ? "Returns the present properties; secret values show as {@code ***}.\n"
                        : "Returns the present properties by wire name.\n")
                .addStatement("return $T.toString($S, NAMES, $L)", MODELS, d.javaName,
                        secret ? shown.build() : CodeBlock.of("state()")).build());
    }

    private MethodSpec read(ObjectDef d, ClassName self, ClassName builder) {
        // package-private: the package's PackageCodecs calls it (Dispatch)
        MethodSpec.Builder m = MethodSpec.methodBuilder("read").addModifiers(Modifier.STATIC)
                .returns(self).addParameter(OBJECT_READER, "r").addException(IO_EXCEPTION)
                .addStatement("$T b = new $T()", builder, builder)
                .beginControlFlow("for ($T n = r.next(); n != null; n = r.next())", String.class)
                .beginControlFlow("switch (n)");
        for (Prop p : d.props) {
            m.addCode("case $S:\n", p.wire).addStatement("$>b.$N = r.read($L)", p.javaName, poet.codec(p.type))
                    .addStatement("break$<");
        }
        m.addCode("default:\n").addStatement("$>r.unknown()$<");
        m.endControlFlow().endControlFlow();
        return m.addStatement("b.additionalProperties = r.extras()").addStatement("return new $T(b)", self).build();
    }

    private MethodSpec write(ObjectDef d, ClassName self) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("write").addModifiers(Modifier.STATIC)
                .addParameter(JSON_GENERATOR, "g").addParameter(self, "v").addException(IO_EXCEPTION)
                .addStatement("g.writeStartObject()");
        for (Prop p : d.props) {
            m.addStatement("$T.write(g, $S, v.$N, $L)", MODELS, p.wire, p.javaName, poet.codec(p.type));
        }
        return m.addStatement("$T.writeExtras(g, v.additionalProperties)", MODELS)
                .addStatement("g.writeEndObject()").build();
    }
}
