package io.github.convai4j.codegen;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the generated sources must not contain, read from the checked-in tree (which
 * {@link GeneratedSourcesUpToDateTest} keeps equal to the generator's output): Javadoc markup that was escaped
 * into text ({@code {&#64;code x}}), sentences ending in {@code ..}, and classes nothing uses.
 */
class GeneratedJavadocTest {

    private static final Path JAVA = Paths.get(System.getProperty("convai4j.generated.dir", "../core/src/generated"))
            .resolve("java");
    private static final Pattern ESCAPED_TAG = Pattern.compile("\\{&#64;(code|link)");
    private static final Pattern DOUBLE_STOP = Pattern.compile("[^.]\\.\\.$");

    @Test
    void javadocHasNoEscapedTagsAndNoDoubleFullStops() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.startsWith("*") && (ESCAPED_TAG.matcher(line).find() || DOUBLE_STOP.matcher(line).find())) {
                    found.add(JAVA.relativize(file) + ":" + (i + 1) + ": " + line);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everyModelWithoutPropertiesIsUsedSomewhere() throws IOException {
        // multipart forms with only file parts were generated as such models, though the services take the files
        List<Path> files = javaFiles();
        List<String> sources = new ArrayList<>();
        for (Path f : files) {
            sources.add(Files.readString(f));
        }
        List<String> unused = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (sources.get(i).contains("NAMES = {};")) {
                String name = files.get(i).getFileName().toString().replace(".java", "");
                Pattern use = Pattern.compile("\\b" + name + "\\b");
                boolean used = false;
                for (int j = 0; j < files.size() && !used; j++) {
                    used = j != i && use.matcher(sources.get(j)).find();
                }
                if (!used) {
                    unused.add(name);
                }
            }
        }
        assertThat(unused).isEmpty();
        assertThat(files).extracting(p -> p.getFileName().toString()).doesNotContain("CreateAgentAvatarRequest.java",
                "UploadConversationFileRequest.java", "UpdateFileDocumentRequest.java");
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(JAVA)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
