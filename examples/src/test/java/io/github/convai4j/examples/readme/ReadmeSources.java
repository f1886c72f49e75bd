package io.github.convai4j.examples.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source files whose text, without the package line, are README.md's Java blocks: the README shows
 * them as a user would write them, the build compiles them, and the tests of this package run them.
 */
public final class ReadmeSources {

    /** The files, relative to the examples module. */
    public static final List<Path> FILES = List.of(
            source("AgentsQuickstart"), source("TalkToAnAgent"), source("AgentSetupTest"));

    private ReadmeSources() {
    }

    /**
     * Returns each file's text from the line after its package line and the blank line that follows it.
     *
     * @return the texts by file
     * @throws IOException if a file cannot be read
     */
    public static Map<Path, String> texts() throws IOException {
        Map<Path, String> texts = new LinkedHashMap<>();
        String header = "package " + ReadmeSources.class.getPackage().getName() + ";\n\n";
        for (Path file : FILES) {
            String text = Files.readString(file);
            if (!text.startsWith(header)) {
                throw new IllegalStateException(file + " must start with \"" + header.trim() + "\" and a blank line");
            }
            texts.put(file, text.substring(header.length()));
        }
        return texts;
    }

    private static Path source(String className) {
        return Paths.get("src/test/java/io/github/convai4j/examples/readme", className + ".java");
    }
}
