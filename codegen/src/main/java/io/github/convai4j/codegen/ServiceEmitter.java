package io.github.convai4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.convai4j.codegen.Operations.BodyKind;
import io.github.convai4j.codegen.Operations.Operation;
import io.github.convai4j.codegen.Operations.Param;
import io.github.convai4j.codegen.Operations.ResponseKind;
import io.github.convai4j.codegen.Types.ListOf;
import io.github.convai4j.codegen.Types.Prim;
import io.github.convai4j.codegen.Types.Prop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Emits the services: per SDK group a sync and an async interface (short overloads as default methods)
 * and their implementations, plus the root {@code ConvaiServices} and {@code ConvaiAsyncServices} with the
 * top-level groups and the root-level operations. Every operation becomes an {@code ApiRequest} built by one
 * static method of the sync implementation, executed through the {@code ClientContext}.
 *
 * <p>Every service (and the root) also has {@code withRawResponse()}: a view, the nested interface
 * {@code WithRawResponse}, with the same operations and sub-groups, whose methods return
 * {@code RawResponse<T>} (async: {@code CompletableFuture<RawResponse<T>>}); a paginated operation's raw
 * method returns the first page's {@code RawResponse} holding the page. The view's implementation is an
 * inner class of the service's implementation that shares the same static request builders, so a raw
 * method costs one short method, not a second copy of the request building.
 */
final class ServiceEmitter {

    static final String SERVICES = "io.github.convai4j.services";
    /** The service implementations: package-private, made through {@link #FACTORY}. */
    static final String IMPLEMENTATIONS = "io.github.convai4j.internal.services";
    static final ClassName FACTORY = ClassName.get(IMPLEMENTATIONS, "Services");
    static final ClassName CLIENT_CONTEXT = ClassName.get(Poet.INTERNAL, "ClientContext");
    static final ClassName API_REQUEST = ClassName.get(Poet.INTERNAL, "ApiRequest");
    static final ClassName RESPONSE_HANDLERS = ClassName.get(Poet.INTERNAL, "ResponseHandlers");
    static final ClassName PAGE = ClassName.get(Poet.CORE, "Page");
    static final ClassName ASYNC_PAGE = ClassName.get(Poet.CORE, "AsyncPage");
    static final ClassName BINARY_RESPONSE = ClassName.get(Poet.CORE, "BinaryResponse");
    /** What happens to a streamed response the caller forgets to close (issue 18, item 8). */
    static final String LEFT_OPEN = "One left open holds a pooled connection until it is garbage-collected; the client"
            + " then closes it and logs a WARN naming where it was opened (see {@code BinaryResponse}).";
    static final ClassName RAW_RESPONSE = ClassName.get(Poet.CORE, "RawResponse");
    /** The nested raw view interface of every service interface and root class. */
    static final String RAW_VIEW = "WithRawResponse";
    /** Its implementation: an inner class of the service's implementation. */
    static final String RAW_VIEW_IMPL = "WithRawResponseImpl";
    static final ClassName REQUEST_OPTIONS = ClassName.get(Poet.CORE, "RequestOptions");
    static final ClassName HTTP_METHOD = ClassName.get("io.github.convai4j.http", "HttpMethod");
    static final ClassName MULTIPART_BODY = ClassName.get("io.github.convai4j.http", "MultipartBody");
    static final ClassName FILE_PART = ClassName.get(Poet.CORE, "FilePart");
    static final ClassName FORM_FIELDS = ClassName.get(Poet.INTERNAL, "FormFields");
    static final ClassName FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
    static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

    private final Poet poet;

    ServiceEmitter(Poet poet) {
        this.poet = poet;
    }

    /** One generated file. */
    record Out(String packageName, TypeSpec type) {
    }

    List<Out> emit(List<Operation> operations) {
        Map<List<String>, List<Operation>> groups = Operations.byGroup(operations);
        // every intermediate group exists, even without operations of its own
        for (List<String> g : new ArrayList<>(groups.keySet())) {
            for (int i = 1; i < g.size(); i++) {
                groups.putIfAbsent(g.subList(0, i), new ArrayList<>());
            }
        }
        List<Out> out = new ArrayList<>();
        out.add(new Out(IMPLEMENTATIONS, factory(groups.keySet())));
        for (Map.Entry<List<String>, List<Operation>> e : groups.entrySet()) {
            List<String> g = e.getKey();
            List<List<String>> children = new ArrayList<>();
            for (List<String> other : groups.keySet()) {
                if (other.size() == g.size() + 1 && other.subList(0, g.size()).equals(g)) {
                    children.add(other);
                }
            }
            if (g.isEmpty()) {
                out.add(new Out(SERVICES, root(false, e.getValue(), children)));
                out.add(new Out(SERVICES, root(true, e.getValue(), children)));
                continue;
            }
            String pkg = packageOf(g);
            out.add(new Out(pkg, iface(g, false, e.getValue(), children)));
            out.add(new Out(pkg, iface(g, true, e.getValue(), children)));
            out.add(new Out(IMPLEMENTATIONS, impl(g, false, e.getValue(), children)));
            out.add(new Out(IMPLEMENTATIONS, impl(g, true, e.getValue(), children)));
        }
        return out;
    }

    /**
     * The one public class of the implementations' package: a method per top-level group and flavour, so that
     * the implementations stay package-private and a shrinker keeps only the groups an application reaches.
     */
    private TypeSpec factory(java.util.Collection<List<String>> groups) {
        TypeSpec.Builder t = TypeSpec.classBuilder(FACTORY).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Generator.SUPPRESS)
                .addJavadoc("Makes the implementations of the top-level service groups, for {@code ConvaiServices} and\n"
                        + "{@code ConvaiAsyncServices}. Internal: no compatibility promise.\n")
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (List<String> g : groups) {
            if (g.size() != 1) {
                continue;
            }
            for (boolean async : new boolean[] {false, true}) {
                t.addMethod(MethodSpec.methodBuilder(factoryMethod(g, async)).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(iface(g, async)).addParameter(CLIENT_CONTEXT, "context")
                        .addJavadoc("Returns a new implementation of {@link $T}.\n\n@param context the runtime it calls\n"
                                + "@return the service\n", iface(g, async))
                        .addStatement("return new $T(context)", implName(g, async)).build());
            }
        }
        return t.build();
    }

    static String packageOf(List<String> group) {
        return SERVICES + "." + Naming.packageSegment(group.get(0));
    }

    static String baseName(List<String> group) {
        StringBuilder s = new StringBuilder();
        group.forEach(seg -> s.append(Naming.pascal(seg)));
        return s.toString();
    }

    static ClassName iface(List<String> group, boolean async) {
        return ClassName.get(packageOf(group), baseName(group) + (async ? "AsyncService" : "Service"));
    }

    static ClassName implName(List<String> group, boolean async) {
        return ClassName.get(IMPLEMENTATIONS, baseName(group) + (async ? "AsyncServiceImpl" : "ServiceImpl"));
    }

    /** The factory's method for a top-level group's implementation: {@code agents}, {@code agentsAsync}. */
    static String factoryMethod(List<String> group, boolean async) {
        return accessor(group.get(0)) + (async ? "Async" : "");
    }

    static String accessor(String segment) {
        return Naming.propertyName(segment);
    }

    private static String groupLabel(List<String> g) {
        return String.join(".", g);
    }

    // ------------------------------------------------------------------ types and signatures

    TypeName itemType(Operation o) {
        return o.pageItems != null ? poet.type(((ListOf) o.pageItems.type).element()) : Poet.JSON_VALUE;
    }

    TypeName result(Operation o, boolean async) {
        TypeName t;
        if (o.paginated) {
            TypeName page = poet.className(o.page);
            return async ? ParameterizedTypeName.get(FUTURE, ParameterizedTypeName.get(ASYNC_PAGE, itemType(o), page))
                    : ParameterizedTypeName.get(PAGE, itemType(o), page);
        }
        switch (o.responseKind) {
            case EMPTY -> t = async ? ClassName.get(Void.class) : TypeName.VOID;
            case JSON -> t = poet.type(o.responseType);
            case JSON_UNTYPED -> t = Poet.JSON_VALUE;
            case TEXT -> t = Poet.STRING;
            default -> t = BINARY_RESPONSE;
        }
        return async ? ParameterizedTypeName.get(FUTURE, t.isPrimitive() ? t.box() : t) : t;
    }

    /** The raw view's return type: {@code RawResponse} of what the plain method returns (boxed). */
    TypeName rawResult(Operation o, boolean async) {
        TypeName value;
        if (o.paginated) {
            value = ParameterizedTypeName.get(async ? ASYNC_PAGE : PAGE, itemType(o), poet.className(o.page));
        } else {
            TypeName plain = result(o, false);
            value = plain.equals(TypeName.VOID) ? ClassName.get(Void.class) : plain;
        }
        TypeName raw = ParameterizedTypeName.get(RAW_RESPONSE, value);
        return async ? ParameterizedTypeName.get(FUTURE, raw) : raw;
    }

    /** The type a raw view lives in: the nested {@code WithRawResponse} of a group's interface or of the root. */
    static ClassName rawView(List<String> group, boolean async) {
        return (group.isEmpty() ? rootName(async) : iface(group, async)).nestedClass(RAW_VIEW);
    }

    static ClassName rootName(boolean async) {
        return ClassName.get(SERVICES, async ? "ConvaiAsyncServices" : "ConvaiServices");
    }

    CodeBlock handler(Operation o) {
        return switch (o.responseKind) {
            case EMPTY -> CodeBlock.of("$T.empty()", RESPONSE_HANDLERS);
            case JSON -> CodeBlock.of("$T.json($L)", RESPONSE_HANDLERS, poet.codec(o.responseType));
            case JSON_UNTYPED -> CodeBlock.of("$T.jsonValue()", RESPONSE_HANDLERS);
            case TEXT -> CodeBlock.of("$T.text()", RESPONSE_HANDLERS);
            case BINARY -> CodeBlock.of("$T.binary()", RESPONSE_HANDLERS);
        };
    }

    /** The parameters of the full method, in order, without options; name → (type, javadoc). */
    Map<String, ParameterSpec> params(Operation o) {
        Map<String, ParameterSpec> out = new LinkedHashMap<>();
        for (Param p : o.pathParams) {
            out.put(p.javaName, ParameterSpec.builder(poet.type(p.type), p.javaName).build());
        }
        if (o.bodyKind == BodyKind.JSON) {
            out.put("body", ParameterSpec.builder(poet.type(o.bodyType), "body").build());
        } else if (o.bodyKind == BodyKind.MULTIPART) {
            for (Prop f : o.form.files) {
                out.put(f.javaName, ParameterSpec.builder(FILE_PART, f.javaName).build());
            }
            if (!o.form.props.isEmpty()) {
                out.put("form", ParameterSpec.builder(poet.className(o.form), "form").build());
            }
        }
        if (o.params != null) {
            out.put("params", ParameterSpec.builder(poet.className(o.params), "params").build());
        }
        return out;
    }

    private String paramDoc(Operation o, String name) {
        for (Param p : o.pathParams) {
            if (p.javaName.equals(name)) {
                String d = Javadoc.paragraphs(p.description);
                return (d != null ? d : "the {@code " + Javadoc.escape(p.wire) + "} path parameter")
                        + " (sent as one path segment, percent-encoded)";
            }
        }
        if (name.equals("body")) {
            return o.bodyRequired ? "the request body" : "the request body, or {@code null} to send none";
        }
        if (name.equals("form")) {
            return "the form's other fields, or {@code null} for none";
        }
        if (name.equals("params")) {
            List<String> required = o.queryParams.stream().filter(q -> q.required).map(q -> Javadoc.code(q.wire)).toList();
            return "the query parameters" + (required.isEmpty() ? ", or {@code null} for none"
                    : ", not {@code null}: " + String.join(", ", required) + (required.size() > 1 ? " are" : " is")
                    + " required (else {@link IllegalArgumentException}, before anything is sent)");
        }
        for (Prop f : o.form.files) {
            if (f.javaName.equals(name)) {
                String d = Javadoc.paragraphs(f.description);
                return "the {@code " + Javadoc.escape(f.wire) + "} file part" + (f.required ? "" : ", or {@code null}")
                        + (d != null ? ": " + d : "");
            }
        }
        return name;
    }

    private String methodDoc(Operation o, boolean async, Map<String, ParameterSpec> params, boolean withOptions) {
        StringBuilder d = new StringBuilder();
        String summary = o.summary != null ? Javadoc.escape(o.summary) : o.operationId;
        d.append(Javadoc.sentence(summary)).append('\n');
        String desc = Javadoc.paragraphs(o.description);
        if (desc != null && !desc.equals(summary)) {
            d.append("\n<p>").append(desc).append('\n');
        }
        d.append("\n<p>{@code ").append(o.httpMethod).append(' ').append(Javadoc.escape(o.path))
                .append("} (operationId {@code ").append(o.operationId).append("}).");
        if (o.paginated) {
            d.append(" Cursor-paginated: the page fetches the following pages on demand.");
        }
        if (o.responseKind == ResponseKind.BINARY) {
            d.append(" The response streams (").append(o.responseMediaType != null
                            ? "{@code " + Javadoc.escape(o.responseMediaType) + "}" : "a body the spec does not declare")
                    .append("): the caller closes it (or calls one of its {@code writeTo} methods, which do). ")
                    .append(LEFT_OPEN);
        }
        d.append(async ? " Never blocks; the future completes on the client's executor.\n" : "\n");
        d.append('\n');
        for (String name : params.keySet()) {
            d.append("@param ").append(name).append(' ').append(paramDoc(o, name)).append('\n');
        }
        if (withOptions) {
            d.append("@param options per-call options, or {@code null} for the client's defaults\n");
        }
        TypeName r = result(o, async);
        if (!r.equals(TypeName.VOID)) {
            d.append("@return ").append(async ? "a future of " : "").append(returnDoc(o)).append('\n');
        }
        d.append(async ? "" : "@throws io.github.convai4j.errors.ConvaiException if the call fails (an API"
                + " error status, I/O, timeout or an undecodable response)\n");
        if (o.deprecated) {
            d.append("@deprecated The API marks this operation deprecated.\n");
        }
        return d.toString();
    }

    /**
     * A raw view method's Javadoc: the summary, HTTP method, path and operationId, and a link to the plain
     * method it mirrors (which has the full description).
     */
    private CodeBlock rawMethodDoc(Operation o, boolean async, Map<String, ParameterSpec> params, boolean withOptions) {
        CodeBlock.Builder d = CodeBlock.builder();
        String summary = o.summary != null ? Javadoc.escape(o.summary) : o.operationId;
        d.add("$L\n\n", Javadoc.sentence(summary));
        d.add("<p>{@code $L $L} (operationId {@code $L}).", o.httpMethod, Javadoc.escape(o.path), o.operationId);
        List<CodeBlock> types = new ArrayList<>();
        for (ParameterSpec p : params(o).values()) {
            types.add(CodeBlock.of("$T", erasure(p.type())));
        }
        types.add(CodeBlock.of("$T", REQUEST_OPTIONS));
        ClassName plain = o.group.isEmpty() ? rootName(async) : iface(o.group, async);
        d.add("\nAs {@link $T#$L($L)}, with the response's status, headers and request id.",
                plain, o.methodName, CodeBlock.join(types, ", "));
        if (o.paginated) {
            d.add(" The value is the first page, which fetches the following pages on demand.");
        }
        if (o.responseKind == ResponseKind.BINARY) {
            d.add(" The value streams: the caller closes it (or calls one of its {@code writeTo} methods, which do). $L",
                    LEFT_OPEN);
        }
        d.add(async ? " Never blocks; the future completes on the client's executor.\n\n" : "\n\n");
        for (String name : params.keySet()) {
            d.add("@param $L $L\n", name, paramDoc(o, name));
        }
        if (withOptions) {
            d.add("@param options per-call options, or {@code null} for the client's defaults\n");
        }
        d.add("@return $Lthe $L with the response's status, headers and request id\n", async ? "a future of " : "",
                o.paginated ? "first page" : o.responseKind == ResponseKind.EMPTY ? "{@code null} value" : "value");
        if (!async) {
            d.add("@throws io.github.convai4j.errors.ConvaiException if the call fails (an API error status, I/O,"
                    + " timeout or an undecodable response)\n");
        }
        if (o.deprecated) {
            d.add("@deprecated The API marks this operation deprecated.\n");
        }
        return d.build();
    }

    private static TypeName erasure(TypeName t) {
        return t instanceof ParameterizedTypeName p ? p.rawType() : t;
    }

    private String returnDoc(Operation o) {
        if (o.paginated) {
            return "the first page";
        }
        return switch (o.responseKind) {
            case EMPTY -> "{@code null} once the call succeeded";
            case JSON -> "the response";
            case JSON_UNTYPED -> "the response JSON (the spec does not type it)";
            case TEXT -> "the response text";
            case BINARY -> "the streaming response, which the caller closes";
        };
    }

    // ------------------------------------------------------------------ interfaces and implementations

    private TypeSpec iface(List<String> g, boolean async, List<Operation> ops, List<List<String>> children) {
        TypeSpec.Builder t = TypeSpec.interfaceBuilder(iface(g, async)).addModifiers(Modifier.PUBLIC)
                .addAnnotation(Generator.SUPPRESS)
                .addJavadoc("The {@code $L} operations$L.\n\n<p>Reached as {@code client.$L}. Implementations are"
                                + " thread-safe.\n\n<p>The operations are default methods over {@link #withRawResponse()},"
                                + " which gives the same calls with each response's status, headers and request id: an"
                                + " implementation (a test double, say) provides the sub-groups and that view.\n",
                        groupLabel(g), async ? ", asynchronous: every method returns a"
                                + " {@link java.util.concurrent.CompletableFuture}" : "",
                        async ? "async()." + chain(g) : chain(g));
        for (List<String> c : children) {
            String seg = c.get(c.size() - 1);
            t.addMethod(MethodSpec.methodBuilder(accessor(seg)).addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .returns(iface(c, async)).addJavadoc("Returns the {@code $L} operations.\n\n@return the service\n",
                            groupLabel(c)).build());
        }
        for (Operation o : ops) {
            addMethods(t, o, async, false, viaRawView(o, async), false, true);
        }
        addRawView(t, g, async, ops, children);
        return t.build();
    }

    /**
     * Adds {@code withRawResponse()} and the nested {@code WithRawResponse} interface: the sub-groups'
     * raw views and every operation returning {@code RawResponse}.
     */
    private void addRawView(TypeSpec.Builder t, List<String> g, boolean async, List<Operation> ops,
            List<List<String>> children) {
        ClassName view = rawView(g, async);
        String reached = g.isEmpty() ? "client." + (async ? "async()." : "") + "withRawResponse()"
                : "client." + (async ? "async()." : "") + chain(g) + ".withRawResponse()";
        MethodSpec.Builder accessor = MethodSpec.methodBuilder("withRawResponse").addModifiers(Modifier.PUBLIC)
                .returns(view)
                .addJavadoc("Returns these operations$L in a flavour that also gives each response's status,"
                        + " headers and request id: the methods of {@code $L} take the same parameters and return a"
                        + " {@link $T} holding the value.\n\n@return the raw-response view; thread-safe\n",
                        children.isEmpty() ? "" : " and sub-groups", reached, RAW_RESPONSE);
        if (g.isEmpty()) {
            // The root's view is made on first use, as the groups are (see addChildren): every client builds a
            // root, and an app that never asks for raw responses then keeps neither the view nor its class.
            accessor.addStatement("$T r = raw", view)
                    .beginControlFlow("if (r == null)")
                    .addStatement("raw = r = new $L()", RAW_VIEW_IMPL)
                    .endControlFlow()
                    .addStatement("return r");
        } else {
            accessor.addModifiers(Modifier.ABSTRACT);
        }
        t.addMethod(accessor.build());
        TypeSpec.Builder v = TypeSpec.interfaceBuilder(view).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("The operations of {@link $T}$L, each returning its value together with the response's"
                                + " HTTP status, headers and request id ({@link $T}).\n\n<p>Reached as {@code $L}."
                                + " A paginated operation returns the first page's raw response, whose value is the"
                                + " page (it pages on as usual). A {@link $T} value still streams: the caller closes"
                                + " it. Implementations are thread-safe.\n",
                        g.isEmpty() ? rootName(async) : iface(g, async), async ? ", as futures" : "", RAW_RESPONSE,
                        reached, BINARY_RESPONSE);
        for (List<String> c : children) {
            String seg = c.get(c.size() - 1);
            v.addMethod(MethodSpec.methodBuilder(accessor(seg)).addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .returns(rawView(c, async))
                    .addJavadoc("Returns the raw-response view of the {@code $L} operations.\n\n@return the view\n",
                            groupLabel(c)).build());
        }
        for (Operation o : ops) {
            addMethods(v, o, async, true, null, false, true);
        }
        t.addType(v.build());
    }

    /**
     * The raw view's implementation: an inner class of the service's implementation (or of the root), so it
     * shares the context and the children; its methods call the same static request builders with
     * {@code executeRaw}.
     */
    private TypeSpec rawViewImpl(ClassName outer, List<String> g, boolean async, List<Operation> ops,
            List<List<String>> children, String context) {
        TypeSpec.Builder v = TypeSpec.classBuilder(RAW_VIEW_IMPL).addModifiers(Modifier.FINAL)
                .addSuperinterface(rawView(g, async));
        for (List<String> c : children) {
            String name = accessor(c.get(c.size() - 1));
            v.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).addAnnotation(Override.class)
                    .returns(rawView(c, async)).addStatement("return $T.this.$N().withRawResponse()", outer, name).build());
        }
        for (Operation o : ops) {
            addMethods(v, o, async, true, rawBody(o, async, context), true, false);
        }
        return v.build();
    }

    private static String chain(List<String> g) {
        StringBuilder s = new StringBuilder();
        for (String seg : g) {
            s.append(accessor(seg)).append("().");
        }
        return s.substring(0, s.length() - 1);
    }

    /**
     * Adds an operation's methods: the full one and the short overloads (default methods in an interface,
     * plain methods in the root classes). {@code raw}: the raw view's flavour (returning {@code RawResponse});
     * {@code impl}: the full method's body, or {@code null} for an abstract one; {@code override}: an
     * implementation of an interface method (no Javadoc, no short overloads).
     */
    private void addMethods(TypeSpec.Builder t, Operation o, boolean async, boolean raw, CodeBlock impl,
            boolean override, boolean inInterface) {
        Map<String, ParameterSpec> params = params(o);
        TypeName r = raw ? rawResult(o, async) : result(o, async);
        MethodSpec.Builder full = MethodSpec.methodBuilder(o.methodName).addModifiers(Modifier.PUBLIC).returns(r)
                .addParameters(params.values()).addParameter(REQUEST_OPTIONS, "options");
        if (override) {
            full.addAnnotation(Override.class);
        } else {
            full.addJavadoc(doc(o, async, raw, params, true));
        }
        if (o.deprecated) {
            full.addAnnotation(ModelEmitter.DEPRECATED);
        }
        if (impl == null) {
            full.addModifiers(Modifier.ABSTRACT);
        } else {
            full.addModifiers(inInterface ? List.of(Modifier.DEFAULT) : List.of()).addCode(impl);
        }
        t.addMethod(full.build());
        if (override) {
            return;
        }
        // short overloads: without options; and without params when none is required
        List<Map<String, ParameterSpec>> shorter = new ArrayList<>();
        shorter.add(params);
        boolean paramsOptional = o.params != null && o.queryParams.stream().noneMatch(q -> q.required);
        if (paramsOptional) {
            Map<String, ParameterSpec> without = new LinkedHashMap<>(params);
            without.remove("params");
            shorter.add(without);
        }
        for (Map<String, ParameterSpec> ps : shorter) {
            MethodSpec.Builder m = MethodSpec.methodBuilder(o.methodName).addModifiers(Modifier.PUBLIC).returns(r)
                    .addParameters(ps.values()).addJavadoc(doc(o, async, raw, ps, false));
            if (inInterface) {
                m.addModifiers(Modifier.DEFAULT);
            }
            if (o.deprecated) {
                m.addAnnotation(ModelEmitter.DEPRECATED);
            }
            List<String> args = new ArrayList<>();
            for (String name : params.keySet()) {
                args.add(ps.containsKey(name) ? name : "null");
            }
            args.add("null");
            String call = o.methodName + "(" + String.join(", ", args) + ")";
            if (r.equals(TypeName.VOID)) {
                m.addStatement("$L", call);
            } else {
                m.addStatement("return $L", call);
            }
            t.addMethod(m.build());
        }
    }

    private CodeBlock doc(Operation o, boolean async, boolean raw, Map<String, ParameterSpec> params,
            boolean withOptions) {
        return raw ? rawMethodDoc(o, async, params, withOptions)
                : CodeBlock.of("$L", methodDoc(o, async, params, withOptions));
    }

    private TypeSpec impl(List<String> g, boolean async, List<Operation> ops, List<List<String>> children) {
        ClassName self = implName(g, async);
        // fields package-private: the inner raw view reads them without synthetic accessors (Java 8 bytecode)
        TypeSpec.Builder t = TypeSpec.classBuilder(self).addModifiers(Modifier.FINAL).addSuperinterface(iface(g, async))
                .addAnnotation(Generator.SUPPRESS)
                .addField(CLIENT_CONTEXT, "context", Modifier.FINAL)
                .addField(rawView(g, async), "raw", Modifier.FINAL);
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder()
                .addParameter(CLIENT_CONTEXT, "context")
                .addStatement("this.context = $T.requireNonNull(context, $S)", OBJECTS, "context");
        addChildren(t, children, async, "context");
        ctor.addStatement("this.raw = new $L()", RAW_VIEW_IMPL);
        t.addMethod(ctor.build());
        t.addMethod(MethodSpec.methodBuilder("withRawResponse").addModifiers(Modifier.PUBLIC)
                .addAnnotation(Override.class).returns(rawView(g, async)).addStatement("return raw").build());
        t.addJavadoc("The implementation of {@link $T}; package-private, made by {@link $T} (a top-level group) or\n"
                + "by its parent group.\n", iface(g, async), FACTORY);
        for (Operation o : ops) {
            if (!async) {
                t.addMethod(requestBuilder(o));
            }
        }
        t.addType(rawViewImpl(self, g, async, ops, children, "context"));
        return t.build();
    }

    private void addChildren(TypeSpec.Builder t, List<List<String>> children, boolean async,
            String context) {
        // Created on first use, not in the constructor: a client that calls one group then loads that group's
        // classes only (eagerly, building a client loaded every group of the API, sync and async, 500+ classes).
        // Racy single check on a volatile: two threads may both create a group, equal in all but identity (a
        // group holds only the context and its own lazily created children); both work, the last one written stays.
        for (List<String> c : children) {
            String name = accessor(c.get(c.size() - 1));
            t.addField(iface(c, async), name, Modifier.PRIVATE, Modifier.VOLATILE);
            MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(iface(c, async))
                    .addStatement("$T s = $N", iface(c, async), name)
                    .beginControlFlow("if (s == null)")
                    .addStatement("$N = s = $L", name, c.size() == 1
                            ? CodeBlock.of("$T.$L($L)", FACTORY, factoryMethod(c, async), context)
                            : CodeBlock.of("new $T($L)", implName(c, async), context))
                    .endControlFlow()
                    .addStatement("return s");
            if (t.build().superinterfaces().isEmpty()) {
                m.addJavadoc("Returns the {@code $L} operations.\n\n@return the service\n", groupLabel(c));
            } else {
                m.addAnnotation(Override.class);
            }
            t.addMethod(m.build());
        }
    }

    /**
     * A plain method's body: the raw view's method, unwrapped. The operation's call is generated once, in the
     * raw view's implementation; the plain flavour costs one short default method.
     */
    private CodeBlock viaRawView(Operation o, boolean async) {
        List<String> args = new ArrayList<>(params(o).keySet());
        args.add("options");
        CodeBlock call = CodeBlock.of("withRawResponse().$L($L)", o.methodName, String.join(", ", args));
        if (async) {
            return CodeBlock.builder().addStatement("return $T.valueOf($L)", ClassName.get(Poet.INTERNAL, "Futures"),
                    call).build();
        }
        if (!o.paginated && o.responseKind == ResponseKind.EMPTY) {
            return CodeBlock.builder().addStatement("$L", call).build();
        }
        return CodeBlock.builder().addStatement("return $L.value()", call).build();
    }

    /** A raw view method's body: the same request builder, executed with {@code executeRaw}. */
    private CodeBlock rawBody(Operation o, boolean async, String context) {
        ClassName requests = o.group.isEmpty() ? rootName(false) : implName(o.group, false);
        List<String> args = new ArrayList<>(params(o).keySet());
        if (o.paginated) {
            args.add("cursor");
            CodeBlock call = CodeBlock.of("$T.$LRequest($L)", requests, o.methodName, String.join(", ", args));
            return CodeBlock.builder().addStatement("return $L.$L(cursor -> $L, $T.codec(), $L, options)", context,
                    async ? "executePageRawAsync" : "executePageRaw", call, poet.className(o.page),
                    pageAccessors(o)).build();
        }
        CodeBlock request = CodeBlock.of("$T.$LRequest($L)", requests, o.methodName, String.join(", ", args));
        return CodeBlock.builder().addStatement("return $L.$L($L, $L, options)", context,
                async ? "executeRawAsync" : "executeRaw", request, handler(o)).build();
    }

    /**
     * A page's accessors by the wire names of its items, next cursor and has-more properties: the runtime reads
     * them from the page model's property array (a name the model does not declare from its additional
     * properties), with no lambda per operation. Made where the list operation runs, not in a static field: a
     * class's static initializer is kept whole by a shrinker, so an app that never lists would keep the paging
     * runtime. A list call makes them anew (four small objects, next to the request, the page and its items).
     */
    private CodeBlock pageAccessors(Operation o) {
        ClassName page = poet.className(o.page);
        String items = o.pageItems != null ? o.pageItems.wire : "dependencies";
        Prop next = o.page.props.stream().filter(p -> p.wire.equals("next_cursor")).findFirst().orElseThrow();
        Prop more = o.page.props.stream().filter(p -> p.wire.equals("has_more")).findFirst().orElse(null);
        return CodeBlock.of("$T.<$T, $T>pages($S, $S, $S)", Poet.MODEL_TYPE, page, itemType(o), items, next.wire,
                more == null ? null : more.wire);
    }

    /** {@code static ApiRequest xRequest(...)}: the one place an operation's request is built. */
    private MethodSpec requestBuilder(Operation o) {
        Map<String, ParameterSpec> params = params(o);
        MethodSpec.Builder m = MethodSpec.methodBuilder(o.methodName + "Request").addModifiers(Modifier.STATIC)
                .returns(API_REQUEST).addParameters(params.values());
        if (o.paginated) {
            m.addParameter(Poet.STRING, "cursor");
        }
        m.addStatement("$T.Builder b = $T.builder($T.$L, $S).operationId($S)", API_REQUEST, API_REQUEST, HTTP_METHOD,
                o.httpMethod, o.path, o.operationId);
        for (Param p : o.pathParams) {
            if (p.type instanceof Prim) {
                m.addStatement("b.pathParam($S, $N)", p.wire, p.javaName);
            } else {
                m.addStatement("b.pathParam($S, $N == null ? null : $N.toString())", p.wire, p.javaName, p.javaName);
            }
        }
        List<Param> requiredQuery = o.queryParams.stream().filter(q -> q.required).toList();
        if (!requiredQuery.isEmpty()) {
            // without this check a null params would send the request without them: a 422 instead of a clear error
            m.beginControlFlow("if (params == null)")
                    .addStatement("throw new $T($S)", IllegalArgumentException.class, missingParamsMessage(o, requiredQuery))
                    .endControlFlow();
        }
        if (o.params != null) {
            if (requiredQuery.isEmpty()) {
                m.beginControlFlow("if (params != null)");
            }
            for (Prop q : o.params.props) {
                if (q.wire.equals("cursor") && o.paginated) {
                    continue;
                }
                String value = q.required && !q.nullable ? "params." + q.javaName + "()"
                        : "params." + q.javaName + "().orElse(null)";
                if (q.type instanceof ListOf) {
                    m.beginControlFlow("if ($L != null)", value).addStatement("b.queryParams($S, $L)", q.wire, value)
                            .endControlFlow();
                } else {
                    m.addStatement("b.queryParam($S, $L)", q.wire, value);
                }
            }
            if (requiredQuery.isEmpty()) {
                m.endControlFlow();
            }
        }
        if (o.paginated) {
            boolean cursorParam = o.params != null && o.params.props.stream().anyMatch(q -> q.wire.equals("cursor"));
            m.addStatement(cursorParam
                    ? "b.queryParam(\"cursor\", cursor != null ? cursor : params == null ? null : params.cursor().orElse(null))"
                    : "b.queryParam(\"cursor\", cursor)");
        }
        if (o.bodyKind == BodyKind.JSON) {
            // a model body is written by its own type: sending one needs none of the types it could hold
            CodeBlock codec = poet.def(o.bodyType) instanceof Types.ObjectDef
                    ? CodeBlock.of("$T.typeOf(body)", Poet.MODEL_TYPE) : poet.codec(o.bodyType);
            m.beginControlFlow("if (body != null)")
                    .addStatement("b.jsonBody(body, $L)", codec).endControlFlow();
        } else if (o.bodyKind == BodyKind.MULTIPART) {
            m.addStatement("$T.Builder form$$ = $T.builder()", MULTIPART_BODY, MULTIPART_BODY);
            if (!o.form.props.isEmpty()) {
                m.addStatement("$T.add(form$$, $T.typeOf(form), form)", FORM_FIELDS, Poet.MODEL_TYPE);
            }
            for (Prop f : o.form.files) {
                if (f.required) {
                    m.addStatement("$T.requireNonNull($N, $S).addTo(form$$, $S)", OBJECTS, f.javaName,
                            f.javaName + " (the " + f.wire + " file part is required)", f.wire);
                } else {
                    m.beginControlFlow("if ($N != null)", f.javaName).addStatement("$N.addTo(form$$, $S)", f.javaName, f.wire)
                            .endControlFlow();
                }
            }
            m.addStatement("b.multipartBody(form$$.build())");
        }
        if (Naming.SENSITIVE_OPERATIONS.contains(o.operationId)) {
            m.addStatement("b.sensitive(true)");
        }
        return m.addStatement("return b.build()").build();
    }

    /** The message for required query parameters left out with {@code params == null}: what to pass instead. */
    private String missingParamsMessage(Operation o, List<Param> required) {
        StringBuilder setters = new StringBuilder();
        List<String> wires = new ArrayList<>();
        for (Param q : required) {
            setters.append('.').append(q.javaName).append("(...)");
            wires.add(q.wire);
        }
        return o.methodName + " (" + o.operationId + ") needs the query parameter" + (required.size() > 1 ? "s " : " ")
                + String.join(", ", wires) + ": pass " + poet.className(o.params).simpleName() + ".builder()" + setters
                + ".build() as params, not null";
    }

    // ------------------------------------------------------------------ the root classes

    private TypeSpec root(boolean async, List<Operation> ops, List<List<String>> children) {
        ClassName self = ClassName.get(SERVICES, async ? "ConvaiAsyncServices" : "ConvaiServices");
        TypeSpec.Builder t = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .addAnnotation(Generator.SUPPRESS)
                .addJavadoc("The API's operation groups ($L), $L flavour. {@code $L} extends it, so the groups"
                                + " appear on the client.\n\n<p>Thread-safe: every service can be shared.\n",
                        "{@code agents()}, {@code conversations()}, ...", async ? "async" : "sync",
                        async ? "ConvaiAsyncClient" : "ConvaiClient")
                .addField(CLIENT_CONTEXT, "context", Modifier.FINAL)
                .addField(rawView(List.of(), async), "raw", Modifier.PRIVATE, Modifier.VOLATILE);
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addModifiers(Modifier.PROTECTED)
                .addJavadoc("Creates the group accessors over a runtime context.\n\n@param context the runtime the"
                        + " services call\n")
                .addParameter(CLIENT_CONTEXT, "context")
                .addStatement("this.context = $T.requireNonNull(context, $S)", OBJECTS, "context");
        addChildren(t, children, async, "context");
        t.addMethod(ctor.build());
        t.addMethod(MethodSpec.methodBuilder("clientContext").addModifiers(Modifier.PROTECTED, Modifier.FINAL)
                .returns(CLIENT_CONTEXT).addJavadoc("Returns the runtime the services call.\n\n@return the context\n")
                .addStatement("return context").build());
        for (Operation o : ops) {
            addMethods(t, o, async, false, viaRawView(o, async), false, false);
            if (!async) {
                t.addMethod(requestBuilder(o));
            }
        }
        addRawView(t, List.of(), async, ops, children);
        t.addType(rawViewImpl(self, List.of(), async, ops, children, "context"));
        return t.build();
    }
}
