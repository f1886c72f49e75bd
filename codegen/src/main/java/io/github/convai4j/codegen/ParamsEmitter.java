package io.github.convai4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.convai4j.codegen.Types.Kind;
import io.github.convai4j.codegen.Types.ListOf;
import io.github.convai4j.codegen.Types.ObjectDef;
import io.github.convai4j.codegen.Types.Prim;
import io.github.convai4j.codegen.Types.Prop;

import javax.lang.model.element.Modifier;
import java.util.List;
import java.util.Optional;

import static io.github.convai4j.codegen.Poet.MODELS;

/**
 * Emits an operation's query parameters as a small immutable class with a builder. Unlike a model it has no JSON
 * codec, no additional properties and no {@code validate()}: it is never JSON, and a query parameter is either
 * sent or not, so a plain field ({@code null}: not sent) replaces the three states of {@code Field}. That keeps the
 * 58 classes (and their builders) about a third of a model's size.
 */
final class ParamsEmitter {

    private static final ClassName OPTIONAL = ClassName.get(Optional.class);

    private final Poet poet;

    ParamsEmitter(Poet poet) {
        this.poet = poet;
    }

    TypeSpec emit(ObjectDef d) {
        ClassName self = poet.className(d);
        ClassName builder = self.nestedClass("Builder");
        List<Prop> required = d.props.stream().filter(p -> p.required).toList();
        String requiredDoc = required.isEmpty() ? "none is required"
                : "required: " + String.join(", ", required.stream().map(p -> Javadoc.code(p.wire)).toList());
        TypeSpec.Builder t = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Generator.SUPPRESS)
                .addJavadoc("$L\n\n<p>Immutable and thread-safe; build one with {@link #builder()}. A parameter left"
                        + " unset is not sent; {@link Builder#build()}\nchecks the required ones ($L).\n",
                        d.docSummary, requiredDoc);
        CodeBlock.Builder names = CodeBlock.builder().add("{");
        CodeBlock.Builder state = CodeBlock.builder().add("return new Object[] {");
        for (int i = 0; i < d.props.size(); i++) {
            names.add(i == 0 ? "$S" : ", $S", d.props.get(i).wire);
            state.add(i == 0 ? "$N" : ", $N", d.props.get(i).javaName);
        }
        t.addField(FieldSpec.builder(String[].class, "NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(names.add("}").build()).build());

        // package-private, like a model's: Java 8 has no nestmates, private members would need synthetic accessors
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addParameter(builder, "b");
        MethodSpec.Builder copy = MethodSpec.constructorBuilder().addParameter(self, "m");
        TypeSpec.Builder b = TypeSpec.classBuilder(builder).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Builds {@link $T}. Not thread-safe; every parameter starts unset (not sent).\n", self);
        for (Prop p : d.props) {
            TypeName vt = poet.type(p.type);
            t.addField(FieldSpec.builder(vt, p.javaName, Modifier.FINAL).build());
            b.addField(FieldSpec.builder(vt, p.javaName).build());
            if (p.type instanceof ListOf) {
                ctor.addStatement("this.$N = $T.immutableList(b.$N)", p.javaName, MODELS, p.javaName);
            } else {
                ctor.addStatement("this.$N = b.$N", p.javaName, p.javaName);
            }
            copy.addStatement("this.$N = m.$N", p.javaName, p.javaName);
            t.addMethod(accessor(p, vt));
            b.addMethod(setter(p, vt, builder, self));
        }
        t.addMethod(ctor.build());
        t.addMethod(MethodSpec.methodBuilder("builder").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(builder)
                .addJavadoc("Returns a new builder.\n\n@return the builder\n").addStatement("return new $T()", builder)
                .build());
        t.addMethod(MethodSpec.methodBuilder("toBuilder").addModifiers(Modifier.PUBLIC).returns(builder)
                .addJavadoc("Returns a builder holding these parameters.\n\n@return the builder\n")
                .addStatement("return new $T(this)", builder).build());
        t.addMethod(MethodSpec.methodBuilder("state").addModifiers(Modifier.PRIVATE).returns(Object[].class)
                .addStatement("$L", state.add("}").build()).build());
        t.addMethod(MethodSpec.methodBuilder("equals").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(boolean.class).addParameter(Object.class, "o")
                .addStatement("return o == this || o instanceof $T && $T.equals(state(), (($T) o).state())", self,
                        Poet.ARRAYS, self).build());
        t.addMethod(MethodSpec.methodBuilder("hashCode").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(int.class).addStatement("return $T.hashCode(state())", Poet.ARRAYS).build());
        t.addMethod(MethodSpec.methodBuilder("toString").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(String.class).addJavadoc("Returns the parameters that are set, by wire name.\n")
                .addStatement("return $T.paramsToString($S, NAMES, state())", MODELS, d.javaName).build());

        b.addMethod(MethodSpec.constructorBuilder().build());
        b.addMethod(copy.build());
        MethodSpec.Builder build = MethodSpec.methodBuilder("build").addModifiers(Modifier.PUBLIC).returns(self)
                .addJavadoc("Builds the parameters, checking that the required ones are set ($L).\n\n"
                        + "@return the parameters\n@throws IllegalStateException naming every required parameter left"
                        + " unset\n", requiredDoc);
        if (!required.isEmpty()) {
            CodeBlock.Builder wires = CodeBlock.builder().add("new $T[] {", String.class);
            CodeBlock.Builder values = CodeBlock.builder();
            for (int i = 0; i < required.size(); i++) {
                wires.add(i == 0 ? "$S" : ", $S", required.get(i).wire);
                values.add(i == 0 ? "$N" : ", $N", required.get(i).javaName);
            }
            build.addStatement("$T.requireParams($S, $L, $L)", MODELS, d.javaName + ".Builder.build()",
                    wires.add("}").build(), values.build());
        }
        b.addMethod(build.addStatement("return new $T(this)", self).build());
        t.addType(b.build());
        return t.build();
    }

    private MethodSpec accessor(Prop p, TypeName vt) {
        StringBuilder doc = new StringBuilder();
        String desc = Javadoc.paragraphs(p.description);
        doc.append(desc != null ? desc : "The {@code " + Javadoc.escape(p.wire) + "} query parameter.");
        doc.append("\n\n<p>Query parameter {@code ").append(Javadoc.escape(p.wire)).append("}; ")
                .append(poet.describe(p.type)).append(p.required ? "; required" : "; optional");
        if (p.defaultValue != null && !p.defaultValue.isNull() && p.defaultValue.toString().length() <= 120) {
            doc.append("; the server's default is ").append(Javadoc.code(p.defaultValue.toString()));
        }
        doc.append(".\n\n").append(p.required ? "@return the value (set: {@code build()} checks it)\n"
                : "@return the value, or empty if it is not set (and not sent)\n");
        MethodSpec.Builder m = MethodSpec.methodBuilder(p.javaName).addModifiers(Modifier.PUBLIC);
        if (p.required) {
            m.returns(vt).addStatement("return $N", p.javaName);
        } else {
            m.returns(ParameterizedTypeName.get(OPTIONAL, vt)).addStatement("return $T.ofNullable($N)", OPTIONAL,
                    p.javaName);
        }
        if (p.deprecated) {
            doc.append("@deprecated The API marks this parameter deprecated.\n");
            m.addAnnotation(ModelEmitter.DEPRECATED);
        }
        return m.addJavadoc("$L", doc.toString()).build();
    }

    private MethodSpec setter(Prop p, TypeName vt, ClassName builder, ClassName self) {
        boolean primitive = p.type instanceof Prim prim && prim.kind() != Kind.STRING && prim.kind() != Kind.JSON;
        MethodSpec.Builder m = MethodSpec.methodBuilder(p.javaName).addModifiers(Modifier.PUBLIC).returns(builder)
                .addParameter(primitive ? vt.unbox() : vt, "value")
                .addJavadoc("Sets {@code $L}; see {@link $T#$L()}.\n\n@param value the value$L\n@return this builder\n$L",
                        Javadoc.escape(p.wire), self, p.javaName, primitive ? "" : ", or {@code null} to leave it unset",
                        p.deprecated ? "@deprecated The API marks this parameter deprecated.\n" : "")
                .addStatement("this.$N = value", p.javaName).addStatement("return this");
        if (p.deprecated) {
            m.addAnnotation(ModelEmitter.DEPRECATED);
        }
        return m.build();
    }
}
