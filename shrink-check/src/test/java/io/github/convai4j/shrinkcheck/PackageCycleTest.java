package io.github.convai4j.shrinkcheck;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * No package cycles in core (DESIGN.md decision 5, API tiers): the class-level dependences that the JDK's
 * {@code jdeps} finds in core's jar, folded into a package graph, must have no cycle.
 */
class PackageCycleTest {

    /**
     * Pairs of packages tolerated to depend on each other: none since the API tiers of issue 14 (on 7ea44c3 there
     * were eight). Their edges would be left out of the graph before it is checked for cycles; the test fails on
     * any other cycle, and on a listed pair that no longer forms one, so that this list can only shrink.
     */
    static final Set<String> TOLERATED = Set.of();

    private static final Pattern DEPENDENCE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+.*$");

    @Test
    void coreHasNoPackageCycles() {
        Path core = BuildOutputs.coreJar();
        Set<String> coreClasses = ClassFileSet.read(core).classes().stream().map(ClassFile::name)
                .collect(Collectors.toSet());
        // package -> package -> one class-level dependence that makes the edge (for the message)
        Map<String, Map<String, String>> graph = new TreeMap<>();
        for (String line : jdeps(core).split("\\R")) {
            Matcher m = DEPENDENCE.matcher(line);
            if (!m.matches() || !coreClasses.contains(m.group(2))) {
                continue;
            }
            String from = packageOf(m.group(1));
            String to = packageOf(m.group(2));
            if (!from.equals(to)) {
                graph.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, m.group(1) + " -> " + m.group(2));
            }
        }
        assertThat(graph).as("package dependences found by jdeps in " + core).isNotEmpty();

        Set<String> mutual = new TreeSet<>();
        graph.forEach((from, targets) -> targets.keySet().forEach(to -> {
            if (graph.getOrDefault(to, Map.of()).containsKey(from)) {
                mutual.add(pair(from, to));
            }
        }));
        System.out.printf("[package cycles] %d packages of core depend on each other pairwise: %s%n", mutual.size(), mutual);

        StringBuilder message = new StringBuilder();
        Set<String> fixed = new TreeSet<>(TOLERATED);
        fixed.removeAll(mutual);
        if (!fixed.isEmpty()) {
            message.append("No longer a cycle: remove from PackageCycleTest.TOLERATED: ").append(fixed).append('\n');
        }
        Map<String, Map<String, String>> checked = new TreeMap<>();
        graph.forEach((from, targets) -> targets.forEach((to, why) -> {
            if (!TOLERATED.contains(pair(from, to))) {
                checked.computeIfAbsent(from, k -> new TreeMap<>()).put(to, why);
            }
        }));
        for (List<String> cycle : cycles(checked)) {
            message.append("Package cycle in core: ").append(String.join(" -> ", cycle)).append('\n');
            for (int i = 0; i + 1 < cycle.size(); i++) {
                message.append("    ").append(checked.get(cycle.get(i)).get(cycle.get(i + 1))).append('\n');
            }
        }
        if (message.length() > 0) {
            fail(message.toString().trim());
        }
    }

    private static String jdeps(Path jar) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("This JDK has no jdeps tool (module jdk.jdeps)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", jar.toString());
        assertThat(status).as("jdeps exit status; its errors: " + err).isZero();
        return out.toString();
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + " <-> " + b : b + " <-> " + a;
    }

    /** One cycle (first package repeated at the end) per strongly connected component of more than one package. */
    private static List<List<String>> cycles(Map<String, Map<String, String>> graph) {
        List<List<String>> cycles = new ArrayList<>();
        for (Set<String> component : components(graph)) {
            String start = component.iterator().next();
            cycles.add(cycleThrough(start, component, graph));
        }
        return cycles;
    }

    /** Tarjan's strongly connected components, those of more than one package. */
    private static List<Set<String>> components(Map<String, Map<String, String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> result = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                strongConnect(node, graph, index, low, stack, onStack, result, counter);
            }
        }
        return result;
    }

    private static void strongConnect(String v, Map<String, Map<String, String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> result, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, result, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                result.add(component);
            }
        }
    }

    /** A shortest path from {@code start} back to itself inside its component (breadth-first). */
    private static List<String> cycleThrough(String start, Set<String> component, Map<String, Map<String, String>> graph) {
        Map<String, String> previous = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String node = queue.poll();
            for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
                if (!component.contains(next)) {
                    continue;
                }
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String at = node; at != null; at = previous.get(at)) {
                        path.add(0, at);
                    }
                    path.add(start);
                    return path;
                }
                if (!previous.containsKey(next)) {
                    previous.put(next, node);
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException("No cycle through " + start + " in " + component);
    }
}
