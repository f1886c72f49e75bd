package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's peak resident set size (VmHWM) from {@code /proc/<pid>/status}; Linux only. */
final class ProcStatus {

    private ProcStatus() {
    }

    /**
     * Returns the peak RSS so far.
     *
     * @param pid the process
     * @return VmHWM in kB, or -1 if the process has ended or there is no /proc
     */
    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process ended between two polls (or this is not Linux): no reading.
        }
        return -1;
    }
}
