package io.github.convai4j.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The before/after table: each row of issue 14's points 3 to 5 from the parts' results of both versions, with its goal. */
class BeforeAfterTest {

    private static final String BEFORE = ConvaiApi.BEFORE;
    private static final String AFTER = ConvaiApi.AFTER;

    @Test
    void everyRowSetsTheBaselinesFigureBesideThisTreesAndSaysWhetherItMeetsTheGoal() {
        List<Score> codecs = List.of(
                new Score("decodeGenerated", null, BEFORE, 200, 20, "us/op", 300_000),
                new Score("decodeDatabindTree", null, BEFORE, 100, 0, "us/op", 250_000),
                new Score("encodeGenerated", null, BEFORE, 90, 0, "us/op", 150_000),
                new Score("encodeDatabindTree", null, BEFORE, 75, 0, "us/op", 100_000),
                new Score("decodeGenerated", null, AFTER, 60, 0, "us/op", 150_000),
                new Score("decodeDatabindTree", null, AFTER, 100, 0, "us/op", 200_000),
                new Score("encodeGenerated", null, AFTER, 70, 0, "us/op", 90_000),
                new Score("encodeDatabindTree", null, AFTER, 80, 0, "us/op", 100_000));
        List<WarmupHarness.Run> warmups = List.of(
                new WarmupHarness.Run("convai4j", BEFORE, 1, 2_000_000, 600_000),
                new WarmupHarness.Run("convai4j", AFTER, 1, 900_000, 150_000),
                new WarmupHarness.Run("databind", "", 1, 1_000_000, 120_000));
        List<ColdStartHarness.Run> coldStarts = new ArrayList<>();
        for (String version : List.of(BEFORE, AFTER)) {
            for (String transport : Baseline.TRANSPORTS) {
                coldStarts.add(new ColdStartHarness.Run(transport, "client", version,
                        version.equals(BEFORE) ? 750_000_000L : 600_000_000L));
                coldStarts.add(new ColdStartHarness.Run(transport, "bare", version, 500_000_000L));
            }
        }
        List<BeforeAfter.CoreSize> sizes = List.of(
                new BeforeAfter.CoreSize(BEFORE, new ClassFiles(4_200_000, 2_599, 30_669, 3_630_000)),
                new BeforeAfter.CoreSize(AFTER, new ClassFiles(2_800_000, 2_600, 20_100, 2_100_000)));
        List<ShrinkHarness.Run> shrinks = List.of(
                new ShrinkHarness.Run(BEFORE, sizes.get(0).jar(), new ClassFiles(0, 1_286, 6_503, 1_490_000)),
                new ShrinkHarness.Run(AFTER, sizes.get(1).jar(), new ClassFiles(0, 440, 3_000, 450_000)));

        String md = new BeforeAfter("7ea44c3", codecs, warmups, coldStarts, sizes, shrinks).render();

        assertThat(md).contains("| Point | Measure | Before (7ea44c3) | After | Goal | After meets it |")
                // 200 ± 10% over 100: 2.00 ± 0.20; this tree 0.60 against at most 0.7.
                .contains("| 5 | Decoding the 45 KB agent: time ÷ databind `readTree` | 2.00 ± 0.20 | 0.60 | at most 0.7 (stretch: 0.5) | yes |")
                .contains("| 5 | Decoding: allocation ÷ databind | 1.20 | 0.75 | at most 0.8 | yes |")
                .contains("| 5 | Encoding the agent: time ÷ databind `writeValueAsBytes` | 1.20 | 0.88 | at most 0.8 | no |")
                .contains("| 5 | Encoding: allocation ÷ databind | 1.50 | 0.90 | at most 1.0 | yes |")
                // Both versions divided by the same databind JVMs.
                .contains("| 5 | Fresh JVM, decodes 1 to 1,000: mean ÷ databind's | 2.00 (2,000 ÷ 1,000 µs) | 0.90 (900 ÷ 1,000 µs) | at most 1.0 | yes |")
                .contains("| 5 | Fresh JVM, decodes 1,001 to 5,000: mean ÷ databind's | 5.00 (600 ÷ 120 µs) | 1.25 (150 ÷ 120 µs) | at most 1.0 | no |")
                .contains("| 5 | Cold start, client ÷ bare, httpclient5 | 1.50 (750 ÷ 500 ms) | 1.20 (600 ÷ 500 ms) | at most 1.3 | yes |")
                .contains("| 5 | Cold start, client ÷ bare, netty | 1.50 (750 ÷ 500 ms) | 1.20 (600 ÷ 500 ms) | at most 1.3 | yes |")
                .contains("| 4 | Core jar, bytes | 4,200,000 | 2,800,000 | at most 2,500,000 | no |")
                .contains("| 4 | Core jar, classes | 2,599 | 2,600 | none stated |  |")
                .contains("| 4 | Core jar, methods | 30,669 | 20,100 | at most 20,000 | no |")
                .contains("| 3 | Agents app shrunk by ProGuard: core's classes kept | 1,286 | 440 | at most 450 | yes |")
                .contains("| 3 | Agents app shrunk: core's methods kept | 6,503 | 3,000 | none stated |  |")
                .contains("| 3 | Agents app shrunk: core's class files kept, deflated bytes | 1,490,000 | 450,000 | at most 500,000 | yes |");
        assertThat(md.lines().filter(l -> l.startsWith("| 3 ") || l.startsWith("| 4 ") || l.startsWith("| 5 "))).hasSize(14);
    }

    @Test
    void aPartThatDidNotRunLeavesItsRowsSayingSoInsteadOfANumber() {
        List<WarmupHarness.Run> afterOnly = List.of(
                new WarmupHarness.Run("convai4j", AFTER, 1, 900_000, 150_000),
                new WarmupHarness.Run("databind", "", 1, 1_000_000, 120_000));

        List<BeforeAfter.Row> rows = new BeforeAfter("none", List.of(), afterOnly, List.of(), List.of(), List.of()).rows();

        assertThat(rows).filteredOn(r -> r.measure().startsWith("Fresh JVM, decodes 1 to"))
                .singleElement().satisfies(r -> {
                    assertThat(r.before()).isEqualTo("not run");
                    assertThat(r.after()).isEqualTo("0.90 (900 ÷ 1,000 µs)");
                });
        assertThat(rows).filteredOn(r -> r.measure().startsWith("Decoding the 45 KB"))
                .singleElement().satisfies(r -> {
                    assertThat(r.before()).isEqualTo("not run");
                    assertThat(r.after()).isEqualTo("not run");
                    assertThat(r.met()).isEmpty();
                });
    }

    @Test
    void theReportKeepsBenchmarksTwoFourAndSixToThisTreesResults() {
        List<WarmupHarness.Run> warmups = List.of(
                new WarmupHarness.Run("convai4j", BEFORE, 1, 2_000_000, 600_000),
                new WarmupHarness.Run("convai4j", AFTER, 1, 900_000, 150_000),
                new WarmupHarness.Run("databind", "", 1, 1_000_000, 120_000));
        Machine machine = new Machine(2, "1 GiB", "test CPU", "test JDK", "test OS", "2026-01-01 00:00 UTC", "0.00");

        String md = new Report().render(machine, BenchmarkSuite.COMMAND, Settings.named("smoke"), 60, true, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), warmups,
                new BeforeAfter("7ea44c3", List.of(), warmups, List.of(), List.of(), List.of()));

        assertThat(md).contains("| 1 to 1,000 | 900 | 1,000 | 0.90 | 900 | 1,000 |")
                .contains("### 7. Before and after (issue 14)");
    }
}
