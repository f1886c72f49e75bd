package io.github.convai4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.convai4j.codegen.Types.EnumDef;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.convai4j.codegen.Poet.ENUM_TYPE;
import static io.github.convai4j.codegen.Poet.GENERATED_ENUM;
import static io.github.convai4j.codegen.Poet.STRING;

/**
 * Emits an open enum: a final class extending {@code GeneratedEnum} (an {@code OpenEnum}) with one constant per known
 * value, made by its {@code EnumType} from one packed string of wire values, a nested
 * {@code Known} Java enum for {@code switch}, and {@code of(String)} that keeps unknown values. An integer
 * enum has {@code of(long)} and {@code longValue()} instead, and its codec reads and writes JSON numbers.
 */
final class EnumEmitter {

    private final Poet poet;

    EnumEmitter(Poet poet) {
        this.poet = poet;
    }

    /** Wire value → constant name, unique, never {@code UNRECOGNIZED} or a private field's name. */
    static Map<String, String> constants(EnumDef d) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>(Set.of("UNRECOGNIZED", "CODEC", "VALUES", "TYPE"));
        for (String v : d.values) {
            String name = Naming.constantName(v);
            String candidate = name;
            for (int i = 2; !used.add(candidate); i++) {
                candidate = name + "_" + i;
            }
            out.put(v, candidate);
        }
        return out;
    }

    TypeSpec emit(EnumDef d) {
        ClassName self = poet.className(d);
        ClassName known = self.nestedClass("Known");
        Map<String, String> constants = constants(d);
        StringBuilder doc = new StringBuilder();
        String desc = Javadoc.paragraphs(d.description);
        doc.append(desc != null ? desc : "The {@code " + d.javaName + "} values of the API.");
        doc.append("\n\n<p>").append(ModelEmitter.schemaLine(d.schemaNames, d.key));
        if (d.integer) {
            doc.append(" An open enum of JSON integers: {@link #of(long)} accepts any value, so a value the server"
                    + " adds later is\nkept (with {@link #known()} returning {@link Known#UNRECOGNIZED}) instead of"
                    + " failing. {@link #value()} is the number in\ndecimal, {@link #longValue()} the number."
                    + " Switch on {@link #known()}.\nImmutable and thread-safe; compare with {@code equals}.\n");
        } else {
            doc.append(" An open enum: {@link #of(String)} accepts any value, so a value the server adds later is"
                    + " kept (with\n{@link #known()} returning {@link Known#UNRECOGNIZED}) instead of failing."
                    + " Switch on {@link #known()}.\nImmutable and thread-safe; compare with {@code equals}.\n");
        }
        if (d.deprecated) {
            doc.append("\n@deprecated The API marks this schema deprecated.\n");
        }
        TypeSpec.Builder t = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(GENERATED_ENUM, known)).addAnnotation(Generator.SUPPRESS)
                .addJavadoc("$L", doc.toString());
        if (d.deprecated) {
            t.addAnnotation(ModelEmitter.DEPRECATED);
        }
        List<String> wire = new ArrayList<>(constants.keySet());
        for (String v : wire) {
            ModelEmitter.checkPackable(d.javaName, v);
        }
        // declared first: the constants below are made by it, in order
        t.addField(FieldSpec.builder(ParameterizedTypeName.get(ENUM_TYPE, self), "TYPE", Modifier.PRIVATE,
                Modifier.STATIC, Modifier.FINAL).initializer("new $T<>(new $T(null, -1), $S, $L)", ENUM_TYPE, self,
                String.join(",", wire), d.integer).build());
        TypeSpec.Builder k = TypeSpec.enumBuilder(known).addModifiers(Modifier.PUBLIC)
                .addJavadoc("The values of {@link $T} this version knows, for {@code switch}.\n", self);
        int ordinal = 0;
        for (Map.Entry<String, String> e : constants.entrySet()) {
            String code = Javadoc.code(e.getKey());
            k.addEnumConstant(e.getValue(), TypeSpec.anonymousClassBuilder("")
                    .addJavadoc("The value $L.\n", code).build());
            t.addField(FieldSpec.builder(self, e.getValue(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The value $L.\n", code)
                    .initializer("TYPE.constant($L)", ordinal++).build());
        }
        k.addEnumConstant("UNRECOGNIZED", TypeSpec.anonymousClassBuilder("")
                .addJavadoc("A value this version does not know; see {@link $T#value()}.\n", self).build());
        t.addType(k.build());
        t.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(STRING, "value").addParameter(int.class, "ordinal")
                .addStatement("super(value, ordinal < 0 ? $T.UNRECOGNIZED : $T.values()[ordinal], $L)", known, known,
                        d.integer).build());
        // returns the base type as the base declares it: a covariant return would cost a bridge method
        t.addMethod(MethodSpec.methodBuilder("create").addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
                .returns(ParameterizedTypeName.get(GENERATED_ENUM, known)).addParameter(STRING, "value")
                .addParameter(int.class, "ordinal")
                .addStatement("return new $T(value, ordinal)", self).build());
        if (d.integer) {
            // no of(String): every instance must hold a number, or writing it as a JSON number would fail
            t.addMethod(MethodSpec.methodBuilder("of").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(self)
                    .addParameter(long.class, "value")
                    .addJavadoc("Returns the value for a wire value: the constant if known, else a new unrecognized"
                            + " value.\n\n@param value the wire value\n@return the value\n")
                    .addStatement("return TYPE.of($T.toString(value))", Long.class).build());
            t.addMethod(MethodSpec.methodBuilder("longValue").addModifiers(Modifier.PUBLIC).returns(long.class)
                    .addJavadoc("Returns the value as a number.\n\n@return the wire value\n")
                    .addStatement("return $T.parseLong(value())", Long.class).build());
        } else {
            t.addMethod(MethodSpec.methodBuilder("of").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(self)
                    .addParameter(STRING, "value")
                    .addJavadoc("Returns the value for a wire value: the constant if known, else a new unrecognized"
                            + " value.\n\n@param value the wire value\n@return the value\n"
                            + "@throws NullPointerException if {@code value} is {@code null}\n")
                    .addStatement("return TYPE.of(value)").build());
        }
        t.addMethod(MethodSpec.methodBuilder("codec").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(ENUM_TYPE, self))
                .addJavadoc("Returns the JSON codec: a JSON $L.\n\n@return the codec\n", d.integer ? "integer" : "string")
                .addStatement("return TYPE").build());
        return t.build();
    }
}
