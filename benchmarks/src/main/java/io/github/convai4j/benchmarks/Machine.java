package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The machine a run was on, as the report states it.
 *
 * @param cores available processors
 * @param memory total memory, e.g. {@code 23.5 GiB}
 * @param cpu the CPU model
 * @param jdk the JDK running the suite (and every forked JVM)
 * @param os the operating system
 * @param date when the run started, UTC
 * @param loadAverage the 1-minute load average when the run started
 */
record Machine(int cores, String memory, String cpu, String jdk, String os, String date, String loadAverage) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemory(), readCpu(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                currentLoadAverage());
    }

    static String currentLoadAverage() {
        List<String> lines = read("/proc/loadavg");
        return lines.isEmpty() ? "unknown" : lines.get(0).split(" ")[0];
    }

    private static String readMemory() {
        for (String line : read("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    private static String readCpu() {
        for (String line : read("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static List<String> read(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
