package io.github.convai4j.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole benchmark set (see BENCHMARKS.md) and reports it: raw results (JMH JSON, the harnesses' runs)
 * and the Markdown tables go to {@code benchmarks/target/benchmark-results/}, and the tables replace the
 * generated block of {@code BENCHMARKS.md} at the root. Started by {@code benchmarks/run.sh}.
 */
public final class BenchmarkSuite {

    /** The one command that reruns the set, as the report names it. */
    static final String COMMAND = "benchmarks/run.sh";
    static final String BEGIN = "<!-- BEGIN GENERATED RESULTS (benchmarks/run.sh) -->";
    static final String END = "<!-- END GENERATED RESULTS -->";
    static final List<String> PARTS = List.of("overhead", "codecs", "streaming", "coldstart", "footprint", "warmup",
            "shrink");
    /** The parts that measure the code before issue 14 beside this tree's (the rest measure this tree only). */
    static final List<String> BEFORE_AND_AFTER = List.of("codecs", "coldstart", "footprint", "warmup", "shrink");

    private BenchmarkSuite() {
    }

    /**
     * Runs the set.
     *
     * @param args {@code full} (default) or {@code smoke}, then optionally the parts to run (any of
     *     {@code overhead codecs streaming coldstart footprint warmup shrink}); a partial run writes only tables.md
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] arguments) throws Exception {
        long start = System.nanoTime();
        // Maven hands run.sh's arguments over as one, space-separated.
        String[] args = String.join(" ", arguments).trim().split("\\s+");
        Settings settings = Settings.named(args.length > 0 ? args[0] : "full");
        List<String> parts = args.length > 1 ? List.of(args).subList(1, args.length) : PARTS;
        Machine machine = Machine.current();
        Path root = Path.of(System.getProperty("benchmarks.root", ".")).toAbsolutePath().normalize();
        Path results = root.resolve("benchmarks/target/benchmark-results");
        Files.createDirectories(results);
        System.out.println("convai4j benchmarks (" + settings.name() + "), results in " + results);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(results.resolve("machine.json").toFile(), machine);
        // For running one benchmark by hand: java -cp "$(cat classpath.txt)" org.openjdk.jmh.Main ...
        Files.writeString(results.resolve("classpath.txt"), System.getProperty("java.class.path"));

        // The code before issue 14, for the parts that compare it with this tree: built first, so that a missing
        // commit or a failing build stops the run before it measures anything.
        List<ApiVersion> versions = List.of(ApiVersion.after());
        String baselineLabel = null;
        String requested = Baseline.requestedCommit();
        if (parts.stream().anyMatch(BEFORE_AND_AFTER::contains) && !requested.equals("none")) {
            step("0/7 the code before issue 14 (" + requested + ")");
            Baseline baseline = Baseline.prepare(root, requested);
            baselineLabel = baseline.commit().substring(0, 7);
            // Before first: the order the harnesses interleave from.
            versions = List.of(ApiVersion.before(baseline), ApiVersion.after());
        }

        List<Score> overhead = List.of();
        if (parts.contains("overhead")) {
            step("1/7 client overhead (JMH)");
            overhead = Score.of(jmh(settings, ClientOverheadBenchmark.class, false, results.resolve("overhead-jmh.json")));
        }
        List<Score> codecs = List.of();
        if (parts.contains("codecs")) {
            step("2/7 codecs (JMH, -prof gc), " + versions.size() + " version(s)");
            codecs = new CodecsHarness(settings, results).run(versions);
        }
        List<StreamingHarness.Run> streaming = List.of();
        if (parts.contains("streaming")) {
            step("3/7 streaming");
            streaming = new StreamingHarness(results.resolve("streaming"), settings.transferRounds(),
                    settings.transferBytes()).run();
            streaming.forEach(r -> System.out.println("  " + StreamingHarness.describe(r)));
            json.writeValue(results.resolve("streaming.json").toFile(), streaming);
        }
        List<ColdStartHarness.Run> coldStarts = List.of();
        if (parts.contains("coldstart")) {
            step("4/7 cold start");
            coldStarts = new ColdStartHarness(settings.coldStartRounds(), versions).run();
            json.writeValue(results.resolve("cold-start.json").toFile(), coldStarts);
        }
        List<FootprintHarness.Jars> jars = List.of();
        List<FootprintHarness.Classes> classes = List.of();
        List<BeforeAfter.CoreSize> sizes = new ArrayList<>();
        if (parts.contains("footprint")) {
            step("5/7 footprint");
            for (ApiVersion version : versions) {
                sizes.add(new BeforeAfter.CoreSize(version.name(), ClassFiles.of(version.coreJar())));
            }
            FootprintHarness footprint = new FootprintHarness(results.resolve("footprint"));
            jars = footprint.jars();
            classes = footprint.classes();
            Map<String, Object> footprintJson = new LinkedHashMap<>();
            footprintJson.put("jars", jars);
            footprintJson.put("classes", classes);
            footprintJson.put("coreJars", sizes);
            json.writeValue(results.resolve("footprint.json").toFile(), footprintJson);
        }
        List<WarmupHarness.Run> warmups = List.of();
        if (parts.contains("warmup")) {
            step("6/7 warm-up");
            warmups = new WarmupHarness(settings.warmupRounds(), versions).run();
            json.writeValue(results.resolve("warmup.json").toFile(), warmups);
        }
        List<ShrinkHarness.Run> shrinks = List.of();
        if (parts.contains("shrink")) {
            step("7/7 shrink (ProGuard, the agents app)");
            shrinks = new ShrinkHarness(root, results.resolve("shrink")).run(versions);
            json.writeValue(results.resolve("shrink.json").toFile(), shrinks);
        }
        BeforeAfter beforeAfter = parts.stream().anyMatch(BEFORE_AND_AFTER::contains)
                ? new BeforeAfter(baselineLabel == null ? "none" : baselineLabel, codecs, warmups, coldStarts, sizes, shrinks)
                : null;

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        long started = Long.getLong("benchmarks.started", 0);
        if (started > 0) {
            seconds = System.currentTimeMillis() / 1000 - started; // the whole command, its build included
        }
        String tables = new Report().render(machine, COMMAND, settings, seconds, started > 0, overhead, codecs, streaming,
                coldStarts, jars, classes, warmups, beforeAfter);
        Files.writeString(results.resolve("tables.md"), tables, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(tables);
        if (settings.name().equals("full") && parts.equals(PARTS)) {
            updateReport(root.resolve("BENCHMARKS.md"), tables);
        }
    }

    private static Collection<RunResult> jmh(Settings settings, Class<?> benchmark, boolean gcProfiler, Path out)
            throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        options.include(benchmark.getName() + ".")
                .resultFormat(ResultFormatType.JSON)
                .result(out.toString());
        if (gcProfiler) {
            options.addProfiler(GCProfiler.class);
        }
        return new Runner(settings.apply(options).build()).run();
    }

    /** Puts the tables between the markers of BENCHMARKS.md, leaving the text around them as it is. */
    private static void updateReport(Path file, String tables) throws IOException {
        if (!Files.exists(file)) {
            System.out.println(file + " does not exist; the tables are in tables.md only");
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            System.out.println(file + " has no generated block; the tables are in tables.md only");
            return;
        }
        String updated = text.substring(0, begin + BEGIN.length()) + "\n" + tables + text.substring(end);
        Files.writeString(file, updated, StandardCharsets.UTF_8);
        System.out.println("Updated the results in " + file);
    }

    private static void step(String name) {
        System.out.println();
        System.out.println("== " + name + " (load average " + Machine.currentLoadAverage() + ")");
    }
}
