package io.github.convai4j.benchmarks;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders the results of one run as the Markdown tables of BENCHMARKS.md, so that the file shows exactly what
 * the command measured. Ratios are of two results of the same run; a ratio's ± is the two relative errors
 * combined (root of the sum of squares), which is a fair approximation while they are small.
 */
final class Report {

    /** Said under every table where the JDK transport has one row: which of its two stacks that row is. */
    static final String JDK_STACK = "jdk is `convai4j-transport-jdk` on its default stack, `java.net.http`.";

    private final StringBuilder md = new StringBuilder();

    String render(Machine machine, String command, Settings settings, long suiteSeconds, boolean wholeCommand,
            List<Score> overhead,
            List<Score> codecs, List<StreamingHarness.Run> streaming, List<ColdStartHarness.Run> coldStarts,
            List<FootprintHarness.Jars> jars, List<FootprintHarness.Classes> classes, List<WarmupHarness.Run> warmups) {
        return render(machine, command, settings, suiteSeconds, wholeCommand, overhead, codecs, streaming, coldStarts, jars,
                classes, warmups, null);
    }

    /**
     * Renders the tables; benchmarks 2, 4 and 6 show this tree's results, and {@code beforeAfter}, unless null,
     * adds the table that sets them (and the sizes) beside the code before issue 14's.
     */
    String render(Machine machine, String command, Settings settings, long suiteSeconds, boolean wholeCommand,
            List<Score> overhead,
            List<Score> allCodecs, List<StreamingHarness.Run> streaming, List<ColdStartHarness.Run> allColdStarts,
            List<FootprintHarness.Jars> jars, List<FootprintHarness.Classes> classes, List<WarmupHarness.Run> allWarmups,
            BeforeAfter beforeAfter) {
        List<Score> codecs = allCodecs.stream().filter(s -> s.api() == null || s.api().equals(ConvaiApi.AFTER)).toList();
        List<ColdStartHarness.Run> coldStarts = allColdStarts.stream()
                .filter(r -> r.version().equals(ConvaiApi.AFTER)).toList();
        List<WarmupHarness.Run> warmups = allWarmups.stream()
                .filter(r -> r.library().equals("databind") || r.version().equals(ConvaiApi.AFTER)).toList();
        line("Measured " + machine.date() + " on " + machine.cores() + " cores (" + machine.cpu() + "), "
                + machine.memory() + " memory, " + machine.jdk() + ", " + machine.os() + "; load average "
                + machine.loadAverage() + " at the start. Command: `" + command + "` (" + settings.name()
                + " settings), which took " + suiteSeconds / 60 + " min " + suiteSeconds % 60 + " s"
                + (wholeCommand ? " from start to end, its build included." : " (the suite alone, without its build)."));
        line("");
        if (!overhead.isEmpty()) {
            overhead(overhead, settings);
        }
        if (!codecs.isEmpty()) {
            codecs(codecs, settings);
        }
        if (!streaming.isEmpty()) {
            streaming(streaming);
        }
        if (!coldStarts.isEmpty()) {
            coldStart(coldStarts);
        }
        if (!jars.isEmpty()) {
            footprint(jars, classes);
        }
        if (!warmups.isEmpty()) {
            warmup(warmups);
        }
        if (beforeAfter != null) {
            md.append(beforeAfter.render());
        }
        return md.toString();
    }

    private void overhead(List<Score> scores, Settings settings) {
        line("### 1. Client overhead: client ÷ bare transport, requests per second");
        line("");
        line("JMH throughput, " + settings.jmhDescription() + ". One caller: one request at a time. 16 async: one"
                + " caller with 16 requests in flight (`client.async()` / `Transport.executeAsync`), joined;"
                + " req/s = ops/s × 16. " + JDK_STACK);
        line("");
        line("| Transport | Operation | Callers | Client req/s | Bare req/s | Client ÷ bare |");
        line("|---|---|---|---:|---:|---:|");
        for (String transport : Transports.NAMES) {
            for (String op : List.of("Get", "Update")) {
                for (String callers : List.of("", "16")) {
                    Score client = Score.find(scores, "client" + op + callers, transport);
                    Score bare = Score.find(scores, "bare" + op + callers, transport);
                    int perOp = callers.isEmpty() ? 1 : ClientOverheadBenchmark.IN_FLIGHT;
                    line("| " + Transports.label(transport) + " | " + (op.equals("Get") ? "`agents().get(id)`" : "`agents().update(id, …)`")
                            + " | " + (callers.isEmpty() ? "1" : "16 async") + " | "
                            + withError(client.score() * perOp, client.error() * perOp, "%,.0f") + " | "
                            + withError(bare.score() * perOp, bare.error() * perOp, "%,.0f") + " | "
                            + ratio(client, bare) + " |");
                }
            }
        }
        line("");
    }

    private void codecs(List<Score> scores, Settings settings) {
        line("### 2. Codecs: generated ÷ jackson-databind tree, 45 KB agent");
        line("");
        line("JMH average time with `-prof gc`, " + settings.jmhDescription() + ". Allocation is `gc.alloc.rate.norm`.");
        line("");
        line("| Operation | Generated µs/op | databind tree µs/op | Time ratio | Generated B/op | databind B/op | Allocation ratio |");
        line("|---|---:|---:|---:|---:|---:|---:|");
        for (String op : List.of("decode", "encode")) {
            Score generated = Score.findFor(scores, op + "Generated", ConvaiApi.AFTER);
            Score databind = Score.findFor(scores, op + "DatabindTree", ConvaiApi.AFTER);
            line("| " + op + " | " + withError(generated.score(), generated.error(), "%,.1f") + " | "
                    + withError(databind.score(), databind.error(), "%,.1f") + " | " + ratio(generated, databind)
                    + " | " + format("%,.0f", generated.allocBytesPerOp()) + " | "
                    + format("%,.0f", databind.allocBytesPerOp()) + " | "
                    + format("%.2f", generated.allocBytesPerOp() / databind.allocBytesPerOp()) + " |");
        }
        line("");
    }

    private void streaming(List<StreamingHarness.Run> runs) {
        long size = runs.isEmpty() ? 0 : runs.get(0).bytes();
        int rounds = (int) runs.stream().filter(r -> r.tool().equals("curl") && r.direction().equals("upload")).count();
        String jvm = String.join(" ", StreamingHarness.CHILD_OPTIONS);
        line("### 3. Streaming: " + size / (1024 * 1024) + " MiB through each transport (JVM with `-Xmx64m"
                + (jvm.isEmpty() ? "" : " " + jvm) + "`) ÷ curl");
        line("");
        DoubleSummaryStatistics load = runs.stream().mapToDouble(StreamingHarness.Run::loadAverage)
                .filter(l -> !Double.isNaN(l)).summaryStatistics();
        line("Median of " + rounds + " runs each, interleaved. Throughput from the client call's own time (curl: its"
                + " `time_total`); peak RSS is VmHWM of the process (the JVM's own at its end, curl's polled"
                + " every 10 ms). The JDK transport runs on each of its stacks: `java.net.http`, its default from"
                + " Java 11, and `HttpURLConnection`, what it runs on Android and Java 8."
                + (StreamingHarness.WARMUPS > 0 ? " Each client JVM made "
                + StreamingHarness.WARMUPS + " untimed transfer(s) of the same kind before the timed one." : "")
                + (load.getCount() > 0 ? " Load average " + format("%.1f", load.getMin()) + "–"
                + format("%.1f", load.getMax()) + " at the starts of the runs." : ""));
        line("");
        line("| Direction | Client | MiB/s | ÷ curl | Peak RSS MiB | Runs (MiB/s) |");
        line("|---|---|---:|---:|---:|---|");
        for (String direction : List.of("upload", "download")) {
            double curl = median(runs, direction, "curl", StreamingHarness.Run::mibPerSecond);
            List<String> tools = new ArrayList<>(Transports.STREAMING);
            tools.add("curl");
            for (String tool : tools) {
                double mibs = median(runs, direction, tool, StreamingHarness.Run::mibPerSecond);
                double rss = median(runs, direction, tool, r -> r.peakRssKb() / 1024.0);
                StringBuilder each = new StringBuilder();
                for (StreamingHarness.Run r : runs) {
                    if (r.direction().equals(direction) && r.tool().equals(tool)) {
                        each.append(each.length() == 0 ? "" : ", ").append(format("%.0f", r.mibPerSecond()));
                    }
                }
                line("| " + direction + " | " + (tool.equals("curl") ? "curl" : "convai4j on " + Transports.label(tool)) + " | "
                        + format("%,.0f", mibs) + " | " + format("%.2f", mibs / curl) + " | " + format("%.0f", rss)
                        + " | " + each + " |");
            }
        }
        line("");
    }

    private void coldStart(List<ColdStartHarness.Run> runs) {
        int rounds = (int) runs.stream().filter(r -> r.mode().equals("bare")
                && r.transport().equals(Transports.NAMES.get(0))).count();
        line("### 4. Cold start: fresh JVM to the first completed `GET` of the agent, client ÷ bare");
        line("");
        line("Median of " + rounds + " launches each, interleaved; wall time from starting the process to its"
                + " `DONE` line. For scale: a JVM that builds the transport and the client and makes no request, and"
                + " one on the same class path that only prints `DONE`. " + JDK_STACK);
        line("");
        double jvm = medianOf(runs, "none", "jvm");
        line("| Transport | Client ms | Bare ms | Client ÷ bare | Client − bare ms | Client built, no request, ms"
                + " | JVM that only starts, ms |");
        line("|---|---:|---:|---:|---:|---:|---:|");
        for (String transport : Transports.NAMES) {
            double client = medianOf(runs, transport, "client");
            double bare = medianOf(runs, transport, "bare");
            line("| " + Transports.label(transport) + " | " + format("%.0f", client) + " | " + format("%.0f", bare) + " | "
                    + format("%.2f", client / bare) + " | " + format("%+.0f", client - bare) + " | "
                    + format("%.0f", medianOf(runs, transport, "build")) + " | " + format("%.0f", jvm) + " |");
        }
        line("");
    }

    private void footprint(List<FootprintHarness.Jars> jars, List<FootprintHarness.Classes> classes) {
        line("### 5. Footprint");
        line("");
        line("Jar bytes of each set as a user's runtime class path has it (no testkit, no SLF4J provider):");
        line("");
        line("| Set | Bytes | KiB | Added to core, KiB | Jars |");
        line("|---|---:|---:|---:|---|");
        long core = jars.get(0).total();
        for (FootprintHarness.Jars set : jars) {
            StringBuilder list = new StringBuilder();
            for (Map.Entry<String, Long> jar : set.sizes().entrySet()) {
                list.append(list.length() == 0 ? "" : ", ").append(jar.getKey()).append(' ')
                        .append(format("%,d", jar.getValue()));
            }
            line("| " + set.set() + " | " + format("%,d", set.total()) + " | " + format("%,.0f", set.total() / 1024.0)
                    + " | " + format("%,.0f", (set.total() - core) / 1024.0) + " | " + list + " |");
        }
        line("");
        line("Classes loaded by a fresh JVM to make one request (`-Xlog:class+load`, up to the halt right after"
                + " the response), by origin; \"harness\" is the benchmark's own main class, not counted in the total."
                + " " + JDK_STACK + " Its \"HTTP library\" is the JDK's `java.net.http` module (`java.net.http.*`,"
                + " `jdk.internal.net.http.*`), counted there rather than under JDK:");
        line("");
        StringBuilder header = new StringBuilder("| Transport | Path |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String origin : FootprintHarness.ORIGINS) {
            if (!origin.equals("harness")) {
                header.append(' ').append(origin).append(" |");
                rule.append("---:|");
            }
        }
        line(header + " Total |");
        line(rule + "---:|");
        for (FootprintHarness.Classes c : classes) {
            StringBuilder row = new StringBuilder("| " + Transports.label(c.transport()) + " | " + c.mode() + " |");
            int total = 0;
            for (String origin : FootprintHarness.ORIGINS) {
                if (!origin.equals("harness")) {
                    int n = c.byOrigin().get(origin);
                    total += n;
                    row.append(' ').append(format("%,d", n)).append(" |");
                }
            }
            line(row + " " + format("%,d", total) + " |");
        }
        line("");
    }

    private void warmup(List<WarmupHarness.Run> runs) {
        int rounds = (int) runs.stream().filter(r -> r.library().equals("convai4j")).count();
        line("### 6. Warm-up: decoding the 45 KB agent in a fresh JVM, generated ÷ jackson-databind tree");
        line("");
        line("Each JVM (`-Xmx256m`) decodes the agent " + format("%,d", WarmupChild.DECODES) + " times in a row with"
                + " one library (the generated codec as the client calls it, or `ObjectMapper.readTree`), timing each"
                + " decode. " + rounds + (rounds == 1 ? " JVM" : " JVMs") + " per library, interleaved (the order rotates every round); the table shows the"
                + " median over the JVMs of each JVM's mean, the ratio of those medians, and each JVM's mean.");
        line("");
        line("| Decodes | Generated µs | databind tree µs | Generated ÷ databind | Generated, each JVM (µs) | databind, each JVM (µs) |");
        line("|---|---:|---:|---:|---|---|");
        warmupRow(runs, "1 to " + format("%,d", WarmupChild.FIRST), WarmupHarness.Run::firstNanos);
        warmupRow(runs, format("%,d", WarmupChild.FIRST + 1) + " to " + format("%,d", WarmupChild.DECODES),
                WarmupHarness.Run::restNanos);
        line("");
    }

    private void warmupRow(List<WarmupHarness.Run> runs, String decodes, ToDoubleFunction<WarmupHarness.Run> nanos) {
        double generated = medianOf(runs, "convai4j", nanos);
        double databind = medianOf(runs, "databind", nanos);
        line("| " + decodes + " | " + format("%,.0f", generated) + " | " + format("%,.0f", databind) + " | "
                + format("%.2f", generated / databind) + " | " + each(runs, "convai4j", nanos) + " | "
                + each(runs, "databind", nanos) + " |");
    }

    private static double medianOf(List<WarmupHarness.Run> runs, String library, ToDoubleFunction<WarmupHarness.Run> nanos) {
        return median(runs.stream().filter(r -> r.library().equals(library)).mapToDouble(r -> nanos.applyAsDouble(r) / 1e3)
                .toArray());
    }

    private static String each(List<WarmupHarness.Run> runs, String library, ToDoubleFunction<WarmupHarness.Run> nanos) {
        StringBuilder sb = new StringBuilder();
        for (WarmupHarness.Run r : runs) {
            if (r.library().equals(library)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(format("%,.0f", nanos.applyAsDouble(r) / 1e3));
            }
        }
        return sb.toString();
    }

    private static double median(List<StreamingHarness.Run> runs, String direction, String tool,
            ToDoubleFunction<StreamingHarness.Run> value) {
        return median(runs.stream().filter(r -> r.direction().equals(direction) && r.tool().equals(tool))
                .mapToDouble(value).toArray());
    }

    private static double medianOf(List<ColdStartHarness.Run> runs, String transport, String mode) {
        return median(runs.stream().filter(r -> r.transport().equals(transport) && r.mode().equals(mode))
                .mapToDouble(r -> r.nanos() / 1e6).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String ratio(Score a, Score b) {
        double r = a.score() / b.score();
        double e = r * Math.sqrt(Math.pow(a.relativeError(), 2) + Math.pow(b.relativeError(), 2));
        return e > 0 ? format("%.2f", r) + " ± " + format("%.2f", e) : format("%.2f", r);
    }

    private static String withError(double score, double error, String pattern) {
        return Double.isNaN(error) ? format(pattern, score) : format(pattern, score) + " ± " + format(pattern, error);
    }

    private static String format(String pattern, Object value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
