package io.github.convai4j.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tables have one row per transport (and, for streaming, per JDK stack), each labelled with what it ran. */
class ReportTest {

    private static final Machine MACHINE = new Machine(2, "1 GiB", "test CPU", "test JDK", "test OS",
            "2026-01-01 00:00 UTC", "0.00");
    private static final long MIB = 1L << 20;

    @Test
    void streamingHasARowForEachStackOfTheJdkTransportAgainstCurl() {
        List<StreamingHarness.Run> runs = new ArrayList<>();
        long second = 1_000_000_000L;
        for (String direction : List.of("upload", "download")) {
            runs.add(new StreamingHarness.Run(direction, "httpclient5", 64 * MIB, second, 70 * 1024, 0.5));
            runs.add(new StreamingHarness.Run(direction, "netty", 64 * MIB, 2 * second, 90 * 1024, 0.5));
            runs.add(new StreamingHarness.Run(direction, "jdk", 64 * MIB, second / 2, 60 * 1024, 0.5));
            runs.add(new StreamingHarness.Run(direction, Transports.JDK_URL_CONNECTION, 64 * MIB, second / 4,
                    50 * 1024, 0.5));
            runs.add(new StreamingHarness.Run(direction, "curl", 64 * MIB, second / 4, 11 * 1024, 0.5));
        }

        String md = render(List.of(), runs, List.of(), List.of(), List.of());

        assertThat(md).contains("| upload | convai4j on jdk (java.net.http) | 128 | 0.50 | 60 | 128 |")
                .contains("| upload | convai4j on jdk (HttpURLConnection) | 256 | 1.00 | 50 | 256 |")
                .contains("| download | convai4j on netty | 32 | 0.13 | 90 | 32 |")
                .contains("| download | curl | 256 | 1.00 | 11 | 256 |");
        assertThat(md.lines().filter(l -> l.startsWith("| upload |"))).hasSize(5);
    }

    @Test
    void coldStartAndFootprintHaveAJdkRowOnItsDefaultStack() {
        List<ColdStartHarness.Run> coldStarts = new ArrayList<>();
        coldStarts.add(new ColdStartHarness.Run("none", "jvm", 50_000_000L));
        List<FootprintHarness.Jars> jars = new ArrayList<>();
        jars.add(new FootprintHarness.Jars("core", Map.of("convai4j-core.jar", 4096L)));
        List<FootprintHarness.Classes> classes = new ArrayList<>();
        for (String transport : Transports.NAMES) {
            coldStarts.add(new ColdStartHarness.Run(transport, "client", 400_000_000L));
            coldStarts.add(new ColdStartHarness.Run(transport, "bare", 200_000_000L));
            coldStarts.add(new ColdStartHarness.Run(transport, "build", 300_000_000L));
            jars.add(new FootprintHarness.Jars("core + " + transport,
                    Map.of("convai4j-core.jar", 4096L, "convai4j-transport-" + transport + ".jar", 1024L)));
            for (String mode : List.of("client", "bare")) {
                Map<String, Integer> byOrigin = new java.util.LinkedHashMap<>();
                FootprintHarness.ORIGINS.forEach(origin -> byOrigin.put(origin, 1));
                classes.add(new FootprintHarness.Classes(transport, mode, byOrigin));
            }
        }

        String md = render(List.of(), List.of(), coldStarts, jars, classes);

        assertThat(md).contains("| jdk (java.net.http) | 400 | 200 | 2.00 | +200 | 300 | 50 |")
                .contains("| core + jdk | 5,120 | 5 | 1 |")
                .contains("| jdk (java.net.http) | bare | 1 | 1 | 1 | 1 | 1 | 1 | 6 |")
                .contains(Report.JDK_STACK);
    }

    private static String render(List<Score> overhead, List<StreamingHarness.Run> streaming,
            List<ColdStartHarness.Run> coldStarts, List<FootprintHarness.Jars> jars,
            List<FootprintHarness.Classes> classes) {
        return new Report().render(MACHINE, BenchmarkSuite.COMMAND, Settings.named("smoke"), 60, true, overhead,
                List.of(), streaming, coldStarts, jars, classes, List.of());
    }
}
