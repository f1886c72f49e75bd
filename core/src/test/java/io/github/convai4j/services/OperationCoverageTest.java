package io.github.convai4j.services;

import io.github.convai4j.core.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, test 1: every operationId of the spec maps to exactly one generated method, in the sync and in
 * the async services (176/176). The spec is read from {@code convai4j.spec.dir}; the methods are found by
 * the {@code (operationId {@code ...})} line their Javadoc must carry, then checked by reflection to be
 * public methods of the generated interface (or root class) of that file.
 */
class OperationCoverageTest {

    private static final Pattern DOC = Pattern.compile("\\(operationId \\{@code ([A-Za-z0-9_]+)}\\)");
    private static final Pattern DECL = Pattern.compile("^\\s*(?:public |default |abstract )*[\\w<>, .?]+ (\\w+)\\(");

    record Found(String file, String className, String method) {
    }

    @Test
    void everyOperationIdMapsToExactlyOneSyncAndOneAsyncMethod() throws Exception {
        Path spec = Paths.get(System.getProperty("convai4j.spec.dir", "../shared/spec"), "elevenlabs-convai-openapi.json");
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : JsonValue.parse(Files.readString(spec)).get("paths").asObject().entrySet()) {
            for (JsonValue op : path.getValue().asObject().values()) {
                if (op.isObject() && op.get("operationId") != null) {
                    ids.add(op.get("operationId").asString());
                }
            }
        }
        assertThat(ids).hasSize(176).doesNotHaveDuplicates();

        Map<String, List<Found>> sync = new TreeMap<>();
        Map<String, List<Found>> async = new TreeMap<>();
        Path root = Paths.get("src/generated/java/io/github/convai4j/services");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString().replace(".java", "");
                boolean isInterfaceOrRoot = name.endsWith("Service") || name.endsWith("Services");
                if (!isInterfaceOrRoot) {
                    continue;
                }
                String pkg = "io.github.convai4j.services" + (f.getParent().equals(root) ? "" : "." + f.getParent().getFileName());
                scan(f, pkg + "." + name, name.contains("Async") ? async : sync);
            }
        }
        for (Map<String, List<Found>> flavour : List.of(sync, async)) {
            assertThat(flavour.keySet()).as("operationIds with a generated method").containsExactlyInAnyOrderElementsOf(ids);
            for (Map.Entry<String, List<Found>> e : flavour.entrySet()) {
                assertThat(e.getValue().stream().map(x -> x.className() + "#" + x.method()).distinct())
                        .as("methods for %s", e.getKey()).hasSize(1);
                Found found = e.getValue().get(0);
                Class<?> type = Class.forName(found.className());
                assertThat(Stream.of(type.getMethods()).map(Method::getName)).as(found.toString()).contains(found.method());
            }
        }
        System.out.printf("operation coverage: %d/%d operationIds have one sync and one async method%n",
                sync.size(), ids.size());
    }

    private static void scan(Path file, String className, Map<String, List<Found>> out) throws IOException {
        String pending = null;
        for (String line : Files.readAllLines(file)) {
            Matcher doc = DOC.matcher(line);
            if (doc.find()) {
                pending = doc.group(1);
                continue;
            }
            if (pending != null && !line.trim().startsWith("*") && !line.trim().startsWith("/**")
                    && !line.trim().startsWith("@")) {
                Matcher decl = DECL.matcher(line);
                if (decl.find()) {
                    out.computeIfAbsent(pending, k -> new ArrayList<>()).add(new Found(file.toString(), className, decl.group(1)));
                }
                pending = null;
            }
        }
    }
}
