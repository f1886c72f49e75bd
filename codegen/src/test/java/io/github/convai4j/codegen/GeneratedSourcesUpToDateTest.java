package io.github.convai4j.codegen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regenerates into a temporary directory and fails if anything differs from the checked-in sources, so that
 * CI fails when the spec or the generator changed without regenerating.
 */
@NeedsApiDocument
class GeneratedSourcesUpToDateTest {

    @Test
    void checkedInSourcesMatchTheGenerator(@TempDir Path tmp) throws IOException {
        Path spec = ApiDocument.dir();
        Path checkedIn = Paths.get(System.getProperty("convai4j.generated.dir", "../core/src/generated"));

        Generator.Result result = Generator.generate(spec, tmp);

        Map<String, byte[]> expected = files(tmp);
        Map<String, byte[]> actual = files(checkedIn);
        List<String> drift = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            byte[] have = actual.get(e.getKey());
            if (have == null) {
                drift.add("missing " + e.getKey());
            } else if (!java.util.Arrays.equals(have, e.getValue())) {
                drift.add("differs " + e.getKey());
            }
        }
        for (String name : actual.keySet()) {
            if (!expected.containsKey(name)) {
                drift.add("not generated (stale) " + name);
            }
        }
        assertThat(drift).as("The generated sources in %s are out of date (%d files). Run: %s",
                checkedIn, drift.size(), Generator.COMMAND).isEmpty();
        assertThat(result.models() + result.enums() + result.unions()).isGreaterThan(800);
        // the live conversation's messages are part of the checked-in output (core/.../conversation/messages)
        assertThat(result.messages().server()).isEqualTo(27);
        assertThat(result.messages().client()).isEqualTo(10);
        assertThat(expected.keySet()).contains("java/" + AsyncApi.PACKAGE.replace('.', '/') + "/ServerMessage.java");
    }

    @Test
    void generatingTwiceGivesTheSameBytes(@TempDir Path tmp) throws IOException {
        Path spec = ApiDocument.dir();
        Generator.generate(spec, tmp.resolve("a"));
        Generator.generate(spec, tmp.resolve("b"));
        Map<String, byte[]> a = files(tmp.resolve("a"));
        Map<String, byte[]> b = files(tmp.resolve("b"));
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((k, v) -> assertThat(b.get(k)).as(k).isEqualTo(v));
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
