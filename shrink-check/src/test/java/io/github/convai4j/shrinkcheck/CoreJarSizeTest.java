package io.github.convai4j.shrinkcheck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Prints the size of core's jar, its classes and methods, against issue 14's goals (checked when switched on). */
class CoreJarSizeTest {

    @Test
    void coreJarSizeClassesAndMethodsAreWithinTheGoals() throws IOException {
        Path core = BuildOutputs.coreJar();
        assumeTrue(Files.isRegularFile(core), "core is not packaged yet (" + core + "): run ./mvnw verify, not test");
        ClassFileSet classes = ClassFileSet.read(core);
        long jarBytes = Files.size(core);
        System.out.printf("[core jar] %s: %s (%,d bytes), %,d classes, %,d methods, %s of deflated class files%n",
                core.getFileName(), SizeGoals.megabytes(jarBytes), jarBytes, classes.classCount(),
                classes.methodCount(), SizeGoals.megabytes(classes.deflatedBytes()));
        SizeGoals.check("bytes of core's jar", jarBytes, "jarBytes");
        SizeGoals.check("methods in core's jar", classes.methodCount(), "jarMethods");
    }
}
