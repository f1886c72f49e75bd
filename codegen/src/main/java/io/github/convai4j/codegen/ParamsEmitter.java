package io.github.convai4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.convai4j.codegen.Types.Kind;
import io.github.convai4j.codegen.Types.ObjectDef;
import io.github.convai4j.codegen.Types.Prim;
import io.github.convai4j.codegen.Types.Prop;

import javax.lang.model.element.Modifier;
import java.util.List;
import java.util.Optional;

/**
 * Emits an operation's query parameters as a small immutable class with a builder, on the runtime's
 * {@code GeneratedParams}, {@code ParamsBuilder} and {@code ParamsType} (which write equality, {@code toString} and
 * the required check once). Unlike a model it has no JSON codec, no additional properties and no
 * {@code validate()}: it is never JSON, and a query parameter is either sent or not ({@code null}: not sent),
 * so there are no three states of {@code Field}.
 */
final class ParamsEmitter {

    private static final ClassName OPTIONAL = ClassName.get(Optional.class);
    private static final ClassName GENERATED_PARAMS = ClassName.get(Poet.INTERNAL, "GeneratedParams");
    private static final ClassName PARAMS_BUILDER = ClassName.get(Poet.INTERNAL, "ParamsBuilder");
    private static final ClassName PARAMS_TYPE = ClassName.get(Poet.INTERNAL, "ParamsType");

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
                .superclass(ParameterizedTypeName.get(GENERATED_PARAMS, self))
                .addAnnotation(Generator.SUPPRESS)
                .addJavadoc("$L\n\n<p>Immutable and thread-safe; build one with {@link #builder()}. A parameter left"
                        + " unset is not sent; {@link Builder#build()}\nchecks the required ones ($L).\n",
                        d.docSummary, requiredDoc);
        StringBuilder flags = new StringBuilder();
        for (Prop p : d.props) {
            ModelEmitter.checkPackable(d.javaName, p.wire);
            flags.append(p.required ? '1' : '0');
        }
        // package-private: the builder reads it, and a private field would need a synthetic accessor (Java 8)
        t.addField(FieldSpec.builder(ParameterizedTypeName.get(PARAMS_TYPE, self), "TYPE", Modifier.STATIC,
                Modifier.FINAL).initializer("new $T<>(new $T(null), $S, $S, $S)", PARAMS_TYPE, self, d.javaName,
                String.join(",", d.props.stream().map(p -> p.wire).toList()), flags.toString()).build());
        t.addMethod(MethodSpec.constructorBuilder().addParameter(Object[].class, "values")
                .addStatement("super(TYPE, values)").build());
        TypeSpec.Builder b = TypeSpec.classBuilder(builder).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(PARAMS_BUILDER, self, builder))
                .addJavadoc("Builds {@link $T}. Not thread-safe; every parameter starts unset (not sent). {@code build()}"
                        + " checks the\nrequired ones ($L).\n", self, requiredDoc)
                .addMethod(MethodSpec.constructorBuilder().addStatement("super(TYPE)").build());
        for (int i = 0; i < d.props.size(); i++) {
            Prop p = d.props.get(i);
            TypeName vt = poet.type(p.type);
            t.addMethod(accessor(p, vt, i));
            b.addMethod(setter(p, vt, i, builder, self));
        }
        t.addMethod(MethodSpec.methodBuilder("builder").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(builder)
                .addJavadoc("Returns a new builder.\n\n@return the builder\n").addStatement("return new $T()", builder)
                .build());
        t.addMethod(MethodSpec.methodBuilder("toBuilder").addModifiers(Modifier.PUBLIC).returns(builder)
                .addJavadoc("Returns a builder holding these parameters.\n\n@return the builder\n")
                .addStatement("return toBuilder(new $T())", builder).build());
        t.addMethod(MethodSpec.methodBuilder("newInstance").addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED).returns(ParameterizedTypeName.get(GENERATED_PARAMS, self))
                .addParameter(Object[].class, "values").addStatement("return new $T(values)", self).build());
        t.addType(b.build());
        return t.build();
    }

    private MethodSpec accessor(Prop p, TypeName vt, int i) {
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
            m.returns(vt).addStatement("return ($T) value($L)", vt, i);
        } else {
            m.returns(ParameterizedTypeName.get(OPTIONAL, vt)).addStatement("return optional($L)", i);
        }
        if (p.deprecated) {
            doc.append("@deprecated The API marks this parameter deprecated.\n");
            m.addAnnotation(ModelEmitter.DEPRECATED);
        }
        return m.addJavadoc("$L", doc.toString()).build();
    }

    private MethodSpec setter(Prop p, TypeName vt, int i, ClassName builder, ClassName self) {
        boolean primitive = p.type instanceof Prim prim && prim.kind() != Kind.STRING && prim.kind() != Kind.JSON;
        MethodSpec.Builder m = MethodSpec.methodBuilder(p.javaName).addModifiers(Modifier.PUBLIC).returns(builder)
                .addParameter(primitive ? vt.unbox() : vt, "value")
                .addJavadoc("Sets {@code $L}; see {@link $T#$L()}.\n\n@param value the value$L\n@return this builder\n$L",
                        Javadoc.escape(p.wire), self, p.javaName, primitive ? "" : ", or {@code null} to leave it unset",
                        p.deprecated ? "@deprecated The API marks this parameter deprecated.\n" : "")
                .addStatement("return set($L, value)", i);
        if (p.deprecated) {
            m.addAnnotation(ModelEmitter.DEPRECATED);
        }
        return m.build();
    }
}
