package io.github.convai4j.shrinkcheck;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The size goals of issue 14 and the switch that enforces them ({@code convai4j.sizeGoals.enforce} in this module's
 * pom). Switched off, a check prints its number against the goal and passes; switched on, a number above its goal
 * fails the build.
 */
final class SizeGoals {

    static final String SWITCH = "convai4j.sizeGoals.enforce";

    private SizeGoals() {
    }

    static boolean enforced() {
        return Boolean.parseBoolean(System.getProperty(SWITCH, "false"));
    }

    static long goal(String name) {
        return Long.parseLong(BuildOutputs.property("convai4j.sizeGoals." + name));
    }

    /** Prints {@code what} against its goal; fails if the goals are enforced and it is above. */
    static void check(String what, long actual, long goal) {
        boolean met = actual <= goal;
        System.out.printf("[size goal] %s: %,d, goal at most %,d: %s%n", what, actual, goal,
                met ? "met" : enforced() ? "MISSED" : "missed (not enforced: " + SWITCH + "=false)");
        if (!met && enforced()) {
            fail(what + " is " + String.format("%,d", actual) + ", above its goal of " + String.format("%,d", goal)
                    + " (" + SWITCH + "=true in shrink-check/pom.xml)");
        }
    }

    /** {@code bytes} in decimal megabytes with two decimals, as the issue states sizes. */
    static String megabytes(long bytes) {
        return String.format("%.2f MB", bytes / 1_000_000.0);
    }
}
