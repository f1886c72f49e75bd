package io.github.convai4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.convai4j.codegen.Types.EnumDef;

import javax.lang.model.element.Modifier;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.github.convai4j.codegen.Poet.CODECS;
import static io.github.convai4j.codegen.Poet.JSON_CODEC;
import static io.github.convai4j.codegen.Poet.MAP;
import static io.github.convai4j.codegen.Poet.OPEN_ENUM;
import static io.github.convai4j.codegen.Poet.STRING;

/**
 * Emits an open enum: a final class extending {@code OpenEnum} with one constant per known value, a nested
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
        Set<String> used = new HashSet<>(Set.of("UNRECOGNIZED", "CODEC", "VALUES"));
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
                .superclass(ParameterizedTypeName.get(OPEN_ENUM, known)).addAnnotation(Generator.SUPPRESS)
                .addJavadoc("$L", doc.toString());
        if (d.deprecated) {
            t.addAnnotation(ModelEmitter.DEPRECATED);
        }
        TypeSpec.Builder k = TypeSpec.enumBuilder(known).addModifiers(Modifier.PUBLIC)
                .addJavadoc("The values of {@link $T} this version knows, for {@code switch}.\n", self);
        CodeBlock.Builder index = CodeBlock.builder().add("index(");
        boolean first = true;
        for (Map.Entry<String, String> e : constants.entrySet()) {
            String wire = Javadoc.code(e.getKey());
            k.addEnumConstant(e.getValue(), TypeSpec.anonymousClassBuilder("")
                    .addJavadoc("The value $L.\n", wire).build());
            t.addField(FieldSpec.builder(self, e.getValue(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The value $L.\n", wire)
                    .initializer("new $T($S, $T.$L)", self, e.getKey(), known, e.getValue()).build());
            index.add(first ? "$L" : ", $L", e.getValue());
            first = false;
        }
        k.addEnumConstant("UNRECOGNIZED", TypeSpec.anonymousClassBuilder("")
                .addJavadoc("A value this version does not know; see {@link $T#value()}.\n", self).build());
        t.addType(k.build());
        t.addField(FieldSpec.builder(ParameterizedTypeName.get(MAP, STRING, self), "VALUES", Modifier.PRIVATE,
                Modifier.STATIC, Modifier.FINAL).initializer(index.add(")").build()).build());
        t.addField(FieldSpec.builder(ParameterizedTypeName.get(JSON_CODEC, self), "CODEC", Modifier.PRIVATE,
                Modifier.STATIC, Modifier.FINAL).initializer(poet.dispatch.codec(d)).build());
        t.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(STRING, "value").addParameter(known, "known")
                .addStatement("super(value, known)").build());
        if (d.integer) {
            // no of(String): every instance must hold a number, or writing it as a JSON number would fail
            t.addMethod(MethodSpec.methodBuilder("of").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(self)
                    .addParameter(long.class, "value")
                    .addJavadoc("Returns the value for a wire value: the constant if known, else a new unrecognized"
                            + " value.\n\n@param value the wire value\n@return the value\n")
                    .addStatement("$T known = VALUES.get($T.toString(value))", self, Long.class)
                    .addStatement("return known != null ? known : new $T($T.toString(value), $T.UNRECOGNIZED)", self,
                            Long.class, known).build());
            t.addMethod(MethodSpec.methodBuilder("longValue").addModifiers(Modifier.PUBLIC).returns(long.class)
                    .addJavadoc("Returns the value as a number.\n\n@return the wire value\n")
                    .addStatement("return $T.parseLong(value())", Long.class).build());
        } else {
            t.addMethod(MethodSpec.methodBuilder("of").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(self)
                    .addParameter(STRING, "value")
                    .addJavadoc("Returns the value for a wire value: the constant if known, else a new unrecognized"
                            + " value.\n\n@param value the wire value\n@return the value\n"
                            + "@throws NullPointerException if {@code value} is {@code null}\n")
                    .addStatement("$T known = VALUES.get(value)", self)
                    .addStatement("return known != null ? known : new $T(value, $T.UNRECOGNIZED)", self, known).build());
        }
        t.addMethod(MethodSpec.methodBuilder("codec").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(JSON_CODEC, self))
                .addJavadoc("Returns the JSON codec: a JSON $L.\n\n@return the codec\n", d.integer ? "integer" : "string")
                .addStatement("return CODEC").build());
        return t.build();
    }
}
