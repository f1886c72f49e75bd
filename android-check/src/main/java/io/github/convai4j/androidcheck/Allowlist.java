package io.github.convai4j.androidcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reviewed exceptions of one transport, read from a text file. One entry per line:
 *
 * <pre>
 * jar | referencing.Class#member | referenced.prefix | guard: why Android never runs it
 * </pre>
 *
 * <p>{@code member} is a method name, {@code field NAME}, or {@code *} for a class that is never loaded (the
 * reason then names what keeps it from loading). Blank lines and lines starting with {@code #} are comments.
 * An entry names one class, or one package of the project's own whose only way in is the guard the reason names
 * ({@code a.b.*}); there are no wildcards over jars or over what is referenced.
 */
public final class Allowlist {
    private final List<AllowlistEntry> entries;

    private Allowlist(List<AllowlistEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Allowlist empty() {
        return new Allowlist(List.of());
    }

    public static Allowlist read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static Allowlist parse(List<String> lines, String source) {
        List<AllowlistEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s*\\|\\s*", 4);
            if (parts.length != 4 || parts[3].length() < 20) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": an entry is 'jar | Class#member |"
                        + " referenced.prefix | guard and why it holds' (the reason at least a sentence); got: " + line);
            }
            int hash = parts[1].indexOf('#');
            if (hash <= 0 || hash == parts[1].length() - 1) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": name the class and the member, as"
                        + " Class#method, Class#field NAME or Class#*; got: " + parts[1]);
            }
            if (parts[2].isEmpty() || parts[2].equals("*")) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": name what is referenced (a package,"
                        + " class or member prefix); a blanket '*' is not allowed");
            }
            entries.add(new AllowlistEntry(parts[0], parts[1].substring(0, hash), parts[1].substring(hash + 1),
                    parts[2], parts[3], i + 1));
        }
        return new Allowlist(entries);
    }

    public List<AllowlistEntry> entries() {
        return entries;
    }

    /** The first entry that allows {@code finding}, or {@code null}. */
    AllowlistEntry match(Finding finding) {
        for (AllowlistEntry e : entries) {
            if (e.matches(finding)) {
                return e;
            }
        }
        return null;
    }
}
