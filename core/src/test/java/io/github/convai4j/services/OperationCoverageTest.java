package io.github.convai4j.services;

import io.github.convai4j.testing.ApiDocument;
import io.github.convai4j.testing.NeedsApiDocument;

import io.github.convai4j.json.JsonValue;
import io.github.convai4j.core.RawResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, test 1: every operationId of the spec maps to exactly one generated method, in the sync and in
 * the async services (176/176), and again in their raw-response views ({@code withRawResponse()}). The spec
 * is read from {@code convai4j.spec.dir}; the methods are found by the {@code (operationId {@code ...})} line
 * their Javadoc must carry, then checked by reflection to be public methods of the generated interface (or
 * root class) of that file, or of its nested {@code WithRawResponse} interface. And every method has the name and
 * the place the SDK extensions of the spec give it (the same as in the official SDKs).
 */
class OperationCoverageTest {

    private static final Pattern DOC = Pattern.compile("\\(operationId \\{@code ([A-Za-z0-9_]+)}\\)");
    private static final Pattern DECL = Pattern.compile("^\\s*(?:public |default |abstract )*[\\w<>, .?]+ (\\w+)\\(");
    private static final Pattern RAW_VIEW = Pattern.compile("^\\s*(?:public )?interface WithRawResponse \\{");
    private static final Path ROOT = Paths.get("src/generated/java/io/github/convai4j/services");

    record Found(String file, String className, String method) {
    }

    /** operationId → where its methods were found, for one flavour. */
    private final Map<String, Map<String, List<Found>>> flavours = new LinkedHashMap<>();

    @Test
    @NeedsApiDocument
    void everyOperationIdMapsToExactlyOneMethodInEachFlavour() throws Exception {
        List<String> ids = specOperationIds();
        assertThat(ids).hasSize(176).doesNotHaveDuplicates();
        scanGeneratedServices();
        assertThat(flavours).containsOnlyKeys("sync", "async", "sync raw", "async raw");

        for (Map.Entry<String, Map<String, List<Found>>> flavour : flavours.entrySet()) {
            assertThat(flavour.getValue().keySet()).as("%s: operationIds with a generated method", flavour.getKey())
                    .containsExactlyInAnyOrderElementsOf(ids);
            for (Map.Entry<String, List<Found>> e : flavour.getValue().entrySet()) {
                assertThat(e.getValue().stream().map(x -> x.className() + "#" + x.method()).distinct())
                        .as("%s methods for %s", flavour.getKey(), e.getKey()).hasSize(1);
                Found found = e.getValue().get(0);
                Class<?> type = Class.forName(found.className());
                assertThat(Stream.of(type.getMethods()).map(Method::getName)).as(found.toString()).contains(found.method());
            }
        }
        System.out.printf("operation coverage: %d/%d operationIds have one sync, one async, one sync raw and one"
                + " async raw method%n", flavours.get("sync raw").size(), ids.size());
    }

    @Test
    void rawViewMethodsTakeThePlainParametersAndReturnRawResponses() throws Exception {
        scanGeneratedServices();
        int checked = 0;
        for (String async : List.of("sync", "async")) {
            Map<String, List<Found>> plain = flavours.get(async);
            Map<String, List<Found>> raw = flavours.get(async + " raw");
            for (Map.Entry<String, List<Found>> e : plain.entrySet()) {
                Found p = e.getValue().get(0);
                Found r = raw.get(e.getKey()).get(0);
                Class<?> plainType = Class.forName(p.className());
                Class<?> rawType = Class.forName(r.className());
                assertThat(rawType.getEnclosingClass()).as(r.toString()).isEqualTo(plainType);
                assertThat(r.method()).isEqualTo(p.method());
                assertThat(signatures(rawType, r.method())).as("overloads of %s", r)
                        .isEqualTo(signatures(plainType, p.method()));
                for (Method m : methods(rawType, r.method())) {
                    Type returned = m.getGenericReturnType();
                    if (async.equals("async")) {
                        assertThat(rawOf(returned)).as(m.toString()).isEqualTo(CompletableFuture.class);
                        returned = ((ParameterizedType) returned).getActualTypeArguments()[0];
                    }
                    assertThat(rawOf(returned)).as(m.toString()).isEqualTo(RawResponse.class);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(2 * 176);
    }

    @Test
    void everyServiceReachesItsRawViewAndTheRawViewReachesTheSubGroups() throws Exception {
        List<Class<?>> services = new ArrayList<>();
        for (Found f : serviceFiles()) {
            services.add(Class.forName(f.className()));
        }
        assertThat(services).hasSizeGreaterThan(2);
        for (Class<?> service : services) {
            Class<?> view = Class.forName(service.getName() + "$WithRawResponse");
            assertThat(service.getMethod("withRawResponse").getReturnType()).as(service.getName()).isEqualTo(view);
            for (Method accessor : service.getMethods()) {
                Class<?> child = accessor.getReturnType();
                boolean isGroup = accessor.getParameterCount() == 0 && child.getName().startsWith("io.github.convai4j.services.")
                        && (child.getSimpleName().endsWith("Service"));
                if (isGroup) {
                    assertThat(view.getMethod(accessor.getName()).getReturnType())
                            .as("%s.withRawResponse().%s()", service.getSimpleName(), accessor.getName())
                            .isEqualTo(Class.forName(child.getName() + "$WithRawResponse"));
                }
            }
        }
    }

    /**
     * DESIGN decision 5 and {@code codegen/README.md}: an operation's method is reached by its SDK group path
     * ({@code x-fern-sdk-group-name} without {@code conversational_ai}; without one, the path's first segment) and
     * named by {@code x-fern-sdk-method-name} camelCased (without one, the operationId minus {@code _route}). The
     * group path is walked by reflection from {@code ConvaiServices}, accessor by accessor.
     */
    @Test
    @NeedsApiDocument
    void everyMethodIsReachedByItsSdkGroupPathAndNamedBySdkMethodName() throws Exception {
        scanGeneratedServices();
        int named = 0;
        int grouped = 0;
        List<String> wrong = new ArrayList<>();
        List<String> derived = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : spec().get("paths").asObject().entrySet()) {
            for (JsonValue op : path.getValue().asObject().values()) {
                if (!op.isObject() || op.get("operationId") == null) {
                    continue;
                }
                String id = op.get("operationId").asString();
                JsonValue sdkName = op.get("x-fern-sdk-method-name");
                JsonValue sdkGroup = op.get("x-fern-sdk-group-name");
                String method = camel(sdkName != null ? sdkName.asString() : id.replaceFirst("_route$", ""));
                List<String> group = new ArrayList<>();
                if (sdkGroup != null) {
                    for (JsonValue g : sdkGroup.isArray() ? sdkGroup.asArray() : List.of(sdkGroup)) {
                        if (!g.asString().equals("conversational_ai")) {
                            group.add(g.asString());
                        }
                    }
                } else {
                    String first = path.getKey().replaceFirst("^/v1/convai/?", "").split("/")[0].replace('-', '_');
                    group.add(first.equals("conversation") ? "conversations" : first.equals("agent") ? "agents" : first);
                }
                named += sdkName != null ? 1 : 0;
                grouped += sdkGroup != null ? 1 : 0;
                if (sdkName == null || sdkGroup == null) {
                    derived.add(id + " -> " + chain(group) + method);
                }
                for (Class<?> root : List.of(ConvaiServices.class, ConvaiAsyncServices.class)) {
                    Class<?> service = root;
                    for (String segment : group) {
                        service = service.getMethod(camel(segment)).getReturnType();
                    }
                    Found found = flavours.get(root == ConvaiServices.class ? "sync" : "async").get(id).get(0);
                    if (!found.className().equals(service.getName()) || !found.method().equals(method)) {
                        wrong.add(id + ": expected " + chain(group) + method + " in " + service.getSimpleName()
                                + ", found " + found.className() + "#" + found.method());
                    }
                    assertThat(methods(service, method)).as("%s reached as %s%s", id, chain(group), method).isNotEmpty();
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(named).as("operations with x-fern-sdk-method-name").isEqualTo(166);
        assertThat(grouped).as("operations with x-fern-sdk-group-name").isEqualTo(165);
        System.out.printf("operation names: %d of 176 named by x-fern-sdk-method-name, %d grouped by"
                + " x-fern-sdk-group-name; derived from the path or operationId: %s%n", named, grouped, derived);
    }

    /** {@code get_signed_url} → {@code getSignedUrl}; already camelCased names stay as they are. */
    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String chain(List<String> group) {
        StringBuilder s = new StringBuilder("client.");
        group.forEach(g -> s.append(camel(g)).append("()."));
        return s.toString();
    }

    private static JsonValue spec() throws IOException {
        Path spec = ApiDocument.dir().resolve("elevenlabs-convai-openapi.json");
        return JsonValue.parse(Files.readString(spec));
    }

    private static List<String> specOperationIds() throws IOException {
        Path spec = ApiDocument.dir().resolve("elevenlabs-convai-openapi.json");
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : JsonValue.parse(Files.readString(spec)).get("paths").asObject().entrySet()) {
            for (JsonValue op : path.getValue().asObject().values()) {
                if (op.isObject() && op.get("operationId") != null) {
                    ids.add(op.get("operationId").asString());
                }
            }
        }
        return ids;
    }

    /** The generated service interfaces and root classes, as {@link Found}s without a method. */
    private static List<Found> serviceFiles() throws IOException {
        List<Found> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".java", "");
                if (name.endsWith("Service") || name.endsWith("Services")) {
                    String pkg = "io.github.convai4j.services" + (f.getParent().equals(ROOT) ? "" : "." + f.getParent().getFileName());
                    out.add(new Found(f.toString(), pkg + "." + name, null));
                }
            }
        }
        return out;
    }

    private void scanGeneratedServices() throws IOException {
        flavours.clear();
        for (String flavour : List.of("sync", "async", "sync raw", "async raw")) {
            flavours.put(flavour, new TreeMap<>());
        }
        for (Found file : serviceFiles()) {
            scan(Paths.get(file.file()), file.className(), file.className().contains("Async") ? "async" : "sync");
        }
    }

    /**
     * Reads one file. JavaPoet writes nested types after the methods, so every operation documented after
     * the line opening {@code interface WithRawResponse} belongs to the raw view.
     */
    private void scan(Path file, String className, String flavour) throws IOException {
        String pending = null;
        String owner = className;
        String current = flavour;
        for (String line : Files.readAllLines(file)) {
            if (RAW_VIEW.matcher(line).find()) {
                owner = className + "$WithRawResponse";
                current = flavour + " raw";
                pending = null;
                continue;
            }
            Matcher doc = DOC.matcher(line);
            if (doc.find()) {
                pending = doc.group(1);
                continue;
            }
            if (pending != null && !line.trim().startsWith("*") && !line.trim().startsWith("/**")
                    && !line.trim().startsWith("@")) {
                Matcher decl = DECL.matcher(line);
                if (decl.find()) {
                    flavours.get(current).computeIfAbsent(pending, k -> new ArrayList<>())
                            .add(new Found(file.toString(), owner, decl.group(1)));
                }
                pending = null;
            }
        }
    }

    private static List<Method> methods(Class<?> type, String name) {
        return Stream.of(type.getMethods()).filter(m -> m.getName().equals(name) && !Modifier.isStatic(m.getModifiers()))
                .toList();
    }

    private static Set<String> signatures(Class<?> type, String name) {
        return methods(type, name).stream().map(m -> Arrays.toString(m.getGenericParameterTypes()))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static Class<?> rawOf(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }
}
