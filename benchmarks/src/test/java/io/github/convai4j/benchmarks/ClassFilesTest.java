package io.github.convai4j.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Core's size as issue 14 counts it, read from a real jar of real class files. */
class ClassFilesTest {

    @Test
    void countsTheClassesAndTheMethodsTheirClassFilesListLeavingOutVersionedEntriesAndModuleInfo(@TempDir Path dir)
            throws IOException {
        Path jar = dir.resolve("some.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            add(zip, "io/github/convai4j/benchmarks/ClassFiles.class", bytesOf(ClassFiles.class));
            add(zip, "io/github/convai4j/benchmarks/Score.class", bytesOf(Score.class));
            add(zip, "META-INF/versions/11/io/github/convai4j/benchmarks/Score.class", bytesOf(Score.class));
            add(zip, "module-info.class", bytesOf(Score.class));
            add(zip, "io/github/convai4j/benchmarks/agent.json", "{}".getBytes());
        }

        ClassFiles files = ClassFiles.of(jar);

        // A class file lists its declared methods and constructors, and <clinit> when it has a static initialiser.
        long expected = 0;
        for (Class<?> c : List.of(ClassFiles.class, Score.class)) {
            expected += c.getDeclaredMethods().length + c.getDeclaredConstructors().length;
        }
        assertThat(files.classes()).isEqualTo(2);
        assertThat(files.methods()).isEqualTo(expected);
        assertThat(files.jarBytes()).isEqualTo(Files.size(jar));
        assertThat(files.deflatedBytes()).isPositive()
                .isLessThan(bytesOf(ClassFiles.class).length + bytesOf(Score.class).length);
    }

    private static byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static void add(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
