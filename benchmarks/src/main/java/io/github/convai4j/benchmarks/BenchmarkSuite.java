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
    static final List<String> PARTS = List.of("overhead", "codecs", "streaming", "coldstart", "footprint", "warmup");

    private BenchmarkSuite() {
    }

    /**
     * Runs the set.
     *
     * @param args {@code full} (default) or {@code smoke}, then optionally the parts to run (any of
     *     {@code overhead codecs streaming coldstart footprint warmup}); a partial run writes only tables.md
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

        List<Score> overhead = List.of();
        if (parts.contains("overhead")) {
            step("1/6 client overhead (JMH)");
            overhead = Score.of(jmh(settings, ClientOverheadBenchmark.class, false, results.resolve("overhead-jmh.json")));
        }
        List<Score> codecs = List.of();
        if (parts.contains("codecs")) {
            step("2/6 codecs (JMH, -prof gc)");
            codecs = Score.of(jmh(settings, CodecBenchmark.class, true, results.resolve("codecs-jmh.json")));
        }
        List<StreamingHarness.Run> streaming = List.of();
        if (parts.contains("streaming")) {
            step("3/6 streaming");
            streaming = new StreamingHarness(results.resolve("streaming"), settings.transferRounds(),
                    settings.transferBytes()).run();
            streaming.forEach(r -> System.out.println("  " + StreamingHarness.describe(r)));
            json.writeValue(results.resolve("streaming.json").toFile(), streaming);
        }
        List<ColdStartHarness.Run> coldStarts = List.of();
        if (parts.contains("coldstart")) {
            step("4/6 cold start");
            coldStarts = new ColdStartHarness(settings.coldStartRounds()).run();
            json.writeValue(results.resolve("cold-start.json").toFile(), coldStarts);
        }
        List<FootprintHarness.Jars> jars = List.of();
        List<FootprintHarness.Classes> classes = List.of();
        if (parts.contains("footprint")) {
            step("5/6 footprint");
            FootprintHarness footprint = new FootprintHarness(results.resolve("footprint"));
            jars = footprint.jars();
            classes = footprint.classes();
            Map<String, Object> footprintJson = new LinkedHashMap<>();
            footprintJson.put("jars", jars);
            footprintJson.put("classes", classes);
            json.writeValue(results.resolve("footprint.json").toFile(), footprintJson);
        }
        List<WarmupHarness.Run> warmups = List.of();
        if (parts.contains("warmup")) {
            step("6/6 warm-up");
            warmups = new WarmupHarness(settings.warmupRounds()).run();
            json.writeValue(results.resolve("warmup.json").toFile(), warmups);
        }

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        long started = Long.getLong("benchmarks.started", 0);
        if (started > 0) {
            seconds = System.currentTimeMillis() / 1000 - started; // the whole command, its build included
        }
        String tables = new Report().render(machine, COMMAND, settings, seconds, started > 0, overhead, codecs, streaming,
                coldStarts, jars, classes, warmups);
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
