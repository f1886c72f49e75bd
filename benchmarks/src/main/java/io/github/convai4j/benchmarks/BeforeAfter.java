package io.github.convai4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The "Before and after (issue 14)" table: the rows of issue 14's points 3 to 5, each measured on the code before
 * the issue (the baseline commit, built by the suite) and on this tree in the same run, with the goal. Every
 * figure comes from the parts' results; a row whose part did not run says so.
 *
 * @param baseline the baseline commit as the table names it, e.g. {@code 7ea44c3}
 * @param codecs benchmark 2's scores of both versions ({@link Score#api()})
 * @param warmups benchmark 6's JVMs of both versions and databind's
 * @param coldStarts benchmark 4's launches of both versions
 * @param sizes core's jar of each version
 * @param shrinks the agents app of each version, shrunk
 */
record BeforeAfter(String baseline, List<Score> codecs, List<WarmupHarness.Run> warmups,
        List<ColdStartHarness.Run> coldStarts, List<CoreSize> sizes, List<ShrinkHarness.Run> shrinks) {

    /** Core's jar of one version. */
    record CoreSize(String version, ClassFiles jar) {
    }

    private static final String NOT_RUN = "not run";

    /** One row: what is measured, the two figures, the goal and whether this tree meets it. */
    record Row(String point, String measure, String before, String after, String goal, String met) {
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        codecRow(rows, "decode", "Decoding the 45 KB agent: time ÷ databind `readTree`", false, 0.7, "at most 0.7 (stretch: 0.5)");
        codecRow(rows, "decode", "Decoding: allocation ÷ databind", true, 0.8, "at most 0.8");
        codecRow(rows, "encode", "Encoding the agent: time ÷ databind `writeValueAsBytes`", false, 0.8, "at most 0.8");
        codecRow(rows, "encode", "Encoding: allocation ÷ databind", true, 1.0, "at most 1.0");
        warmupRow(rows, "Fresh JVM, decodes 1 to " + format("%,d", WarmupChild.FIRST) + ": mean ÷ databind's",
                WarmupHarness.Run::firstNanos);
        warmupRow(rows, "Fresh JVM, decodes " + format("%,d", WarmupChild.FIRST + 1) + " to "
                + format("%,d", WarmupChild.DECODES) + ": mean ÷ databind's", WarmupHarness.Run::restNanos);
        for (String transport : Baseline.TRANSPORTS) {
            coldStartRow(rows, transport);
        }
        sizeRow(rows, "Core jar, bytes", ClassFiles::jarBytes, 2_500_000);
        sizeRow(rows, "Core jar, classes", c -> c.classes(), -1);
        sizeRow(rows, "Core jar, methods", ClassFiles::methods, 20_000);
        shrinkRow(rows, "Agents app shrunk by ProGuard: core's classes kept", ClassFiles::classes, 450);
        shrinkRow(rows, "Agents app shrunk: core's methods kept", ClassFiles::methods, -1);
        shrinkRow(rows, "Agents app shrunk: core's class files kept, deflated bytes", ClassFiles::deflatedBytes, 500_000);
        return rows;
    }

    /** The section of the report, in Markdown. */
    String render() {
        StringBuilder md = new StringBuilder();
        md.append("### 7. Before and after (issue 14)\n\n");
        md.append("Issue 14's rows of points 3 to 5, measured in this run on the code before the issue (commit `")
                .append(baseline).append("`, built from git by the command into `benchmarks/target/`) and on this tree,")
                .append(" by the same harness code through a small adapter per version (`ConvaiApi`), with each child JVM")
                .append(" given one version's jars. Speed: benchmark 2 (a JMH run per method and version, the versions'")
                .append(" runs of each method one after the other; each version's ratios are of its own databind runs), benchmark 6 (both versions' JVMs and databind's, interleaved; the same databind JVMs")
                .append(" divide both) and benchmark 4 (both versions' launches interleaved; the baseline had the HttpClient")
                .append(" 5 and Netty transports). Size: core's jar (methods as the class files list them). Shrink: the")
                .append(" shrink check's agents app, compiled against each version, shrunk by ProGuard with names kept and the")
                .append(" optimizer off (as the issue measured) and the consumer rules in the jars (the baseline's have none:")
                .append(" it gets this tree's core and HttpClient 5 rule files), then run against the")
                .append(" loopback server; bytes are core's class files deflated one by one. Warm-up and cold-start figures")
                .append(" are medians over the JVMs, as in tables 4 and 6. \"After meets it\" compares the central value with")
                .append(" the goal: read a time ratio with its ± (JMH's error, both results' combined).\n\n");
        md.append("| Point | Measure | Before (").append(baseline).append(") | After | Goal | After meets it |\n");
        md.append("|---|---|---:|---:|---|---|\n");
        for (Row row : rows()) {
            md.append("| ").append(row.point()).append(" | ").append(row.measure()).append(" | ").append(row.before())
                    .append(" | ").append(row.after()).append(" | ").append(row.goal()).append(" | ").append(row.met())
                    .append(" |\n");
        }
        md.append('\n');
        return md.toString();
    }

    private void codecRow(List<Row> rows, String op, String measure, boolean allocation, double goal, String goalText) {
        double[] before = codecRatio(op, ConvaiApi.BEFORE, allocation);
        double[] after = codecRatio(op, ConvaiApi.AFTER, allocation);
        rows.add(new Row("5", measure, ratioText(before), ratioText(after), goalText, met(after, goal)));
    }

    /** {ratio, error} of a version's generated ÷ databind, or null if it was not measured. */
    private double[] codecRatio(String op, String api, boolean allocation) {
        Score generated;
        Score databind;
        try {
            generated = Score.findFor(codecs, op + "Generated", api);
            databind = Score.findFor(codecs, op + "DatabindTree", api);
        } catch (IllegalStateException notMeasured) {
            return null;
        }
        if (allocation) {
            return new double[] {generated.allocBytesPerOp() / databind.allocBytesPerOp(), 0};
        }
        double r = generated.score() / databind.score();
        return new double[] {r, r * Math.sqrt(Math.pow(generated.relativeError(), 2) + Math.pow(databind.relativeError(), 2))};
    }

    private void warmupRow(List<Row> rows, String measure, ToDoubleFunction<WarmupHarness.Run> nanos) {
        double databind = medianMicros(warmups, "databind", "", nanos);
        String[] text = new String[2];
        double after = Double.NaN;
        int i = 0;
        for (String version : List.of(ConvaiApi.BEFORE, ConvaiApi.AFTER)) {
            double generated = medianMicros(warmups, "convai4j", version, nanos);
            double ratio = generated / databind;
            text[i++] = Double.isNaN(ratio) ? NOT_RUN
                    : format("%.2f", ratio) + " (" + format("%,.0f", generated) + " ÷ " + format("%,.0f", databind) + " µs)";
            after = ratio;
        }
        rows.add(new Row("5", measure, text[0], text[1], "at most 1.0", met(Double.isNaN(after) ? null
                : new double[] {after, 0}, 1.0)));
    }

    private void coldStartRow(List<Row> rows, String transport) {
        String[] text = new String[2];
        double after = Double.NaN;
        int i = 0;
        for (String version : List.of(ConvaiApi.BEFORE, ConvaiApi.AFTER)) {
            double client = medianMillis(transport, "client", version);
            double bare = medianMillis(transport, "bare", version);
            double ratio = client / bare;
            text[i++] = Double.isNaN(ratio) ? NOT_RUN
                    : format("%.2f", ratio) + " (" + format("%,.0f", client) + " ÷ " + format("%,.0f", bare) + " ms)";
            after = ratio;
        }
        rows.add(new Row("5", "Cold start, client ÷ bare, " + transport, text[0], text[1], "at most 1.3",
                met(Double.isNaN(after) ? null : new double[] {after, 0}, 1.3)));
    }

    private void sizeRow(List<Row> rows, String measure, ToDoubleFunction<ClassFiles> value, long goal) {
        Double before = null;
        Double after = null;
        for (CoreSize size : sizes) {
            if (size.version().equals(ConvaiApi.BEFORE)) {
                before = value.applyAsDouble(size.jar());
            } else {
                after = value.applyAsDouble(size.jar());
            }
        }
        rows.add(countRow("4", measure, before, after, goal));
    }

    private void shrinkRow(List<Row> rows, String measure, ToDoubleFunction<ClassFiles> value, long goal) {
        Double before = null;
        Double after = null;
        for (ShrinkHarness.Run run : shrinks) {
            double kept = value.applyAsDouble(run.kept());
            if (run.version().equals(ConvaiApi.BEFORE)) {
                before = kept;
            } else {
                after = kept;
            }
        }
        rows.add(countRow("3", measure, before, after, goal));
    }

    private static Row countRow(String point, String measure, Double before, Double after, long goal) {
        return new Row(point, measure, before == null ? NOT_RUN : format("%,.0f", before),
                after == null ? NOT_RUN : format("%,.0f", after), goal < 0 ? "none stated" : "at most " + format("%,d", goal),
                goal < 0 || after == null ? "" : after <= goal ? "yes" : "no");
    }

    private double medianMillis(String transport, String mode, String version) {
        return Report.median(coldStarts.stream().filter(r -> r.transport().equals(transport) && r.mode().equals(mode)
                && r.version().equals(version)).mapToDouble(r -> r.nanos() / 1e6).toArray());
    }

    private static double medianMicros(List<WarmupHarness.Run> runs, String library, String version,
            ToDoubleFunction<WarmupHarness.Run> nanos) {
        return Report.median(runs.stream().filter(r -> r.library().equals(library) && r.version().equals(version))
                .mapToDouble(r -> nanos.applyAsDouble(r) / 1e3).toArray());
    }

    private static String ratioText(double[] ratio) {
        if (ratio == null) {
            return NOT_RUN;
        }
        return ratio[1] > 0 ? format("%.2f", ratio[0]) + " ± " + format("%.2f", ratio[1]) : format("%.2f", ratio[0]);
    }

    /** Against the central value; a ratio's ± says how far to trust that. */
    private static String met(double[] after, double goal) {
        return after == null ? "" : after[0] <= goal ? "yes" : "no";
    }

    private static String format(String pattern, Object value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
