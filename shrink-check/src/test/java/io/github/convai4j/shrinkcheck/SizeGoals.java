package io.github.convai4j.shrinkcheck;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The size goals of issue 14 (properties {@code convai4j.sizeGoals.*} in this module's pom), always checked: a number
 * above its goal fails the build, unless the goal has a ceiling ({@code convai4j.sizeGoals.<name>.ceiling}, a goal
 * still missed): then it is printed as missed and fails only above the ceiling, so that it cannot grow. A goal met
 * with room to spare may have a ceiling below it (the number when it was met): the number then cannot grow back
 * towards the goal unnoticed, and a change that adds to it raises the ceiling, saying why.
 */
final class SizeGoals {

    private SizeGoals() {
    }

    /** Prints {@code what} against goal {@code name}; fails above the goal, or above its ceiling if it has one. */
    static void check(String what, long actual, String name) {
        long goal = Long.parseLong(BuildOutputs.property("convai4j.sizeGoals." + name));
        String ceilingText = System.getProperty("convai4j.sizeGoals." + name + ".ceiling", "");
        Long ceiling = ceilingText.isEmpty() || ceilingText.startsWith("${") ? null : Long.parseLong(ceilingText);
        boolean met = actual <= goal;
        boolean held = ceiling != null && ceiling < goal; // a met goal's ceiling: the number when it was met
        System.out.printf("[size goal] %s: %,d, goal at most %,d: %s%n", what, actual, goal,
                met ? held ? String.format("met (held at most %,d)", ceiling) : "met"
                        : ceiling == null ? "MISSED" : String.format("MISSED (tolerated up to %,d)", ceiling));
        if (met) {
            if (ceiling != null && !held) {
                String property = "convai4j.sizeGoals." + name + ".ceiling";
                fail(what + " meets its goal now: remove " + property + " from shrink-check/pom.xml" + (actual < goal
                        ? ", or set it to " + String.format("%,d", actual) + " to hold the number there" : ""));
            }
            if (held && actual > ceiling) {
                fail(what + " is " + String.format("%,d", actual) + ", above the " + String.format("%,d", ceiling)
                        + " it is held at (goal " + String.format("%,d", goal) + "): find what grew, or raise"
                        + " convai4j.sizeGoals." + name + ".ceiling in shrink-check/pom.xml and say why there");
            }
        } else if (ceiling == null || actual > ceiling) {
            fail(what + " is " + String.format("%,d", actual) + ", above its goal of " + String.format("%,d", goal)
                    + (ceiling == null ? "" : " and its ceiling of " + String.format("%,d", ceiling))
                    + " (shrink-check/pom.xml)");
        }
    }

    /** {@code bytes} in decimal megabytes with two decimals, as the issue states sizes. */
    static String megabytes(long bytes) {
        return String.format("%.2f MB", bytes / 1_000_000.0);
    }
}
