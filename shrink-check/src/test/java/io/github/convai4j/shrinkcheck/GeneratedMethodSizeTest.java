package io.github.convai4j.shrinkcheck;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * No generated method is over {@value #LIMIT} bytes of bytecode (DESIGN.md decision 5): HotSpot compiles none over
 * 8,000 bytes and inlines big methods badly, and generated code must get hot fast. Reads core's jar; a class is
 * generated when its source file lies under {@code core/src/generated/java}.
 */
class GeneratedMethodSizeTest {

    static final int LIMIT = 2000;

    /**
     * Generated methods tolerated over the limit: none since the descriptor-driven models (issue 14; on 7ea44c3
     * eleven were, the largest SMBToolConfigParams.read at 12,676 bytes). The test fails on an offender not
     * listed here, and on a listed one that no longer offends, so that this list can only shrink.
     */
    static final Set<String> TOLERATED = Set.of();

    @Test
    void noGeneratedMethodIsOverTwoThousandBytesOfBytecode() {
        Path generatedSources = Paths.get(BuildOutputs.property("convai4j.generated.sources"));
        assertThat(generatedSources).as("core's generated sources").isDirectory();
        ClassFileSet core = ClassFileSet.read(BuildOutputs.coreJar());

        TreeMap<String, Integer> offenders = new TreeMap<>();
        int generatedClasses = 0;
        int generatedMethods = 0;
        List<String> largest = new ArrayList<>();
        int largestSize = 0;
        for (ClassFile c : core.classes()) {
            if (!isGenerated(c, generatedSources)) {
                continue;
            }
            generatedClasses++;
            for (ClassFile.Method m : c.methods()) {
                generatedMethods++;
                String name = c.name() + "." + m.name();
                if (m.codeLength() > LIMIT) {
                    offenders.merge(name, m.codeLength(), Math::max);
                }
                if (m.codeLength() > largestSize) {
                    largestSize = m.codeLength();
                    largest.clear();
                    largest.add(name);
                }
            }
        }
        System.out.printf("[method size] %,d generated classes, %,d methods; %d over %,d bytes; the largest: %s (%,d bytes)%n",
                generatedClasses, generatedMethods, offenders.size(), LIMIT, largest, largestSize);
        assertThat(generatedClasses).as("generated classes found in core's jar").isGreaterThan(0);

        Set<String> newOffenders = new TreeSet<>(offenders.keySet());
        newOffenders.removeAll(TOLERATED);
        Set<String> fixed = new TreeSet<>(TOLERATED);
        fixed.removeAll(offenders.keySet());
        StringBuilder message = new StringBuilder();
        if (!newOffenders.isEmpty()) {
            message.append("Generated methods over ").append(LIMIT).append(" bytes of bytecode (split them in the generator):");
            offenders.entrySet().stream()
                    .filter(e -> newOffenders.contains(e.getKey()))
                    .sorted(Comparator.comparing(e -> -e.getValue()))
                    .forEach(e -> message.append("\n  ").append(e.getKey()).append(": ").append(e.getValue()).append(" bytes"));
        }
        if (!fixed.isEmpty()) {
            message.append(message.length() > 0 ? "\n" : "")
                    .append("No longer over the limit: remove from GeneratedMethodSizeTest.TOLERATED: ").append(fixed);
        }
        if (message.length() > 0) {
            fail(message.toString());
        }
    }

    /** Whether the class's source file is one of the generated sources (its package's folder, its SourceFile). */
    private static boolean isGenerated(ClassFile c, Path generatedSources) {
        if (c.sourceFile() == null) {
            throw new AssertionError(c.name() + " has no SourceFile attribute: core must be compiled with source"
                    + " file names (-g:source) for this test to tell generated classes from hand-written ones");
        }
        Path folder = c.packageName().isEmpty() ? generatedSources
                : generatedSources.resolve(c.packageName().replace('.', '/'));
        return Files.isRegularFile(folder.resolve(c.sourceFile()));
    }
}
