package io.github.convai4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.github.convai4j.codegen.Types.Def;
import io.github.convai4j.codegen.Types.EnumDef;
import io.github.convai4j.codegen.Types.ObjectDef;
import io.github.convai4j.codegen.Types.UnionDef;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.convai4j.codegen.Poet.CODECS;
import static io.github.convai4j.codegen.Poet.IO_EXCEPTION;
import static io.github.convai4j.codegen.Poet.JSON_CODEC;
import static io.github.convai4j.codegen.Poet.JSON_GENERATOR;
import static io.github.convai4j.codegen.Poet.JSON_PARSER;
import static io.github.convai4j.codegen.Poet.MODEL_CODEC;
import static io.github.convai4j.codegen.Poet.OBJECT_READER;
import static io.github.convai4j.codegen.Poet.OPEN_ENUM;
import static io.github.convai4j.codegen.Poet.STRING;

/**
 * The codecs' read and write methods without a lambda each. A codec made of method references
 * ({@code Codecs.of(X::read, X::write)}) costs two lambda classes per type, spun up by {@code LambdaMetafactory}
 * when the type is first used: about a quarter of a millisecond apiece in a fresh JVM, and reading one agent
 * uses some 400 of them. Instead, each package gets a {@code PackageCodecs} class whose instances hold a type's
 * number and dispatch on it to the type's static {@code read} / {@code write} (or an enum's {@code of}); the
 * types' codecs are made of those instances. At most {@value #CHUNK} types per class ({@code PackageCodecs2},
 * ... after that) keep each dispatch method well under HotSpot's 8,000-byte limit for compiling a method.
 */
final class Dispatch {

    static final int CHUNK = 200;
    private static final String NAME = "PackageCodecs";

    private record Slot(ClassName dispatcher, int id) {
    }

    private final Poet poet;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Map<ClassName, List<Def>> members = new LinkedHashMap<>();

    Dispatch(Poet poet, Iterable<Def> defs) {
        this.poet = poet;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Def d : defs) {
            if (d instanceof ObjectDef o && (o.emptyForm || o.queryParams)) {
                continue;
            }
            int n = counts.merge(d.packageName, 1, Integer::sum) - 1;
            int chunk = n / CHUNK;
            ClassName dispatcher = ClassName.get(d.packageName, chunk == 0 ? NAME : NAME + (chunk + 1));
            slots.put(d.key, new Slot(dispatcher, n % CHUNK));
            members.computeIfAbsent(dispatcher, k -> new ArrayList<>()).add(d);
        }
    }

    /** The initializer of a type's {@code CODEC} field. */
    CodeBlock codec(Def d) {
        Slot s = slots.get(d.key);
        if (d instanceof ObjectDef) {
            return CodeBlock.of("$T.model($L, $S)", s.dispatcher(), s.id(), d.javaName);
        } else if (d instanceof UnionDef) {
            return CodeBlock.of("$T.union($L)", s.dispatcher(), s.id());
        }
        return CodeBlock.of("$T.$L($L)", s.dispatcher(), ((EnumDef) d).integer ? "openIntegerEnum" : "openEnum", s.id());
    }

    /** The dispatcher classes, one per package and chunk, with their package. */
    List<Map.Entry<String, TypeSpec>> emit() {
        List<Map.Entry<String, TypeSpec>> out = new ArrayList<>();
        members.forEach((name, defs) -> out.add(Map.entry(name.packageName(), dispatcher(name, defs))));
        return out;
    }

    private TypeSpec dispatcher(ClassName self, List<Def> defs) {
        List<Def> models = defs.stream().filter(d -> d instanceof ObjectDef).toList();
        List<Def> unions = defs.stream().filter(d -> d instanceof UnionDef).toList();
        List<Def> textEnums = defs.stream().filter(d -> d instanceof EnumDef e && !e.integer).toList();
        List<Def> intEnums = defs.stream().filter(d -> d instanceof EnumDef e && e.integer).toList();
        ClassName propertiesReader = MODEL_CODEC.nestedClass("PropertiesReader");
        ClassName reader = CODECS.nestedClass("Reader");
        ClassName writer = CODECS.nestedClass("Writer");
        TypeName object = ClassName.OBJECT;
        TypeSpec.Builder t = TypeSpec.classBuilder(self).addModifiers(Modifier.FINAL)
                .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "{$S, $S, $S}", "deprecation", "unchecked", "rawtypes").build())
                .addJavadoc("The read and write methods of this package's models, unions and enums behind their codecs:"
                        + " one class\nwhose instances dispatch on a type's number, instead of a lambda class per"
                        + " method (see the\ngenerator's {@code Dispatch}). For generated code.\n")
                .addField(int.class, "id", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).addParameter(int.class, "id")
                        .addStatement("this.id = id").build());
        TypeVariableName tv = TypeVariableName.get("T");
        TypeVariableName ev = TypeVariableName.get("T", ParameterizedTypeName.get(OPEN_ENUM,
                com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class)));
        if (!models.isEmpty() || !unions.isEmpty()) {
            t.addSuperinterface(ParameterizedTypeName.get(writer, object));
        }
        if (!models.isEmpty()) {
            t.addSuperinterface(ParameterizedTypeName.get(propertiesReader, object));
            t.addMethod(MethodSpec.methodBuilder("model").addModifiers(Modifier.STATIC).addTypeVariable(tv)
                    .returns(ParameterizedTypeName.get(MODEL_CODEC, tv)).addParameter(int.class, "id")
                    .addParameter(STRING, "name")
                    .addStatement("$T c = new $T(id)", self, self)
                    .addStatement("return $T.of(name, ($T) c, ($T) c)", MODEL_CODEC, propertiesReader, writer).build());
            MethodSpec.Builder read = MethodSpec.methodBuilder("read").addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC).returns(object).addParameter(OBJECT_READER, "r")
                    .addException(IO_EXCEPTION);
            t.addMethod(returning(read, models, "read(r)").build());
        }
        if (!unions.isEmpty()) {
            t.addSuperinterface(ParameterizedTypeName.get(reader, object));
            t.addMethod(MethodSpec.methodBuilder("union").addModifiers(Modifier.STATIC).addTypeVariable(tv)
                    .returns(ParameterizedTypeName.get(JSON_CODEC, tv)).addParameter(int.class, "id")
                    .addStatement("$T c = new $T(id)", self, self)
                    .addStatement("return $T.of(($T) c, ($T) c)", CODECS, reader, writer).build());
            MethodSpec.Builder read = MethodSpec.methodBuilder("read").addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC).returns(object).addParameter(JSON_PARSER, "p")
                    .addException(IO_EXCEPTION);
            t.addMethod(returning(read, unions, "read(p)").build());
        }
        if (!models.isEmpty() || !unions.isEmpty()) {
            MethodSpec.Builder write = MethodSpec.methodBuilder("write").addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC).addParameter(JSON_GENERATOR, "g").addParameter(object, "v")
                    .addException(IO_EXCEPTION).beginControlFlow("switch (id)");
            for (Def d : defs) {
                if (d instanceof EnumDef) {
                    continue;
                }
                ClassName c = poet.className(d);
                write.addCode("case $L:\n", slots.get(d.key).id()).addStatement("$>$T.write(g, ($T) v)", c, c)
                        .addStatement("return$<");
            }
            t.addMethod(fail(write).build());
        }
        if (!textEnums.isEmpty()) {
            t.addSuperinterface(ParameterizedTypeName.get(ClassName.get(java.util.function.Function.class), STRING, object));
            t.addMethod(MethodSpec.methodBuilder("openEnum").addModifiers(Modifier.STATIC).addTypeVariable(ev)
                    .returns(ParameterizedTypeName.get(JSON_CODEC, ev)).addParameter(int.class, "id")
                    .addStatement("return $T.openEnum(($T) new $T(id))", CODECS,
                            ClassName.get(java.util.function.Function.class), self).build());
            MethodSpec.Builder apply = MethodSpec.methodBuilder("apply").addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC).returns(object).addParameter(STRING, "value");
            t.addMethod(returning(apply, textEnums, "of(value)").build());
        }
        if (!intEnums.isEmpty()) {
            t.addSuperinterface(ParameterizedTypeName.get(ClassName.get(java.util.function.LongFunction.class), object));
            t.addMethod(MethodSpec.methodBuilder("openIntegerEnum").addModifiers(Modifier.STATIC).addTypeVariable(ev)
                    .returns(ParameterizedTypeName.get(JSON_CODEC, ev)).addParameter(int.class, "id")
                    .addStatement("return $T.openIntegerEnum(($T) new $T(id))", CODECS,
                            ClassName.get(java.util.function.LongFunction.class), self).build());
            MethodSpec.Builder apply = MethodSpec.methodBuilder("apply").addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC).returns(object).addParameter(long.class, "value");
            t.addMethod(returning(apply, intEnums, "of(value)").build());
        }
        return t.build();
    }

    /** A switch on the type's number whose cases return {@code Type.call}. */
    private MethodSpec.Builder returning(MethodSpec.Builder m, List<Def> defs, String call) {
        m.beginControlFlow("switch (id)");
        for (Def d : defs) {
            m.addCode("case $L:\n", slots.get(d.key).id()).addStatement("$>return $T.$L$<", poet.className(d), call);
        }
        return fail(m);
    }

    private static MethodSpec.Builder fail(MethodSpec.Builder m) {
        return m.addCode("default:\n").addStatement("$>throw new $T($S + id)$<", IllegalStateException.class,
                "no type with number ").endControlFlow();
    }
}
