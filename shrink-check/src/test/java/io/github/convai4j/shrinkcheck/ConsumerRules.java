package io.github.convai4j.shrinkcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The consumer rules a jar carries, read where the Android Gradle plugin reads them for ProGuard: the files in
 * {@code META-INF/com.android.tools/proguard/} when the jar has a {@code META-INF/com.android.tools/} folder,
 * else those in {@code META-INF/proguard/} (R8 reads {@code .../r8/} first the same way).
 */
final class ConsumerRules {

    static final String LEGACY = "META-INF/proguard/";
    static final String ANDROID_TOOLS = "META-INF/com.android.tools/";
    static final String FOR_PROGUARD = ANDROID_TOOLS + "proguard/";
    static final String FOR_R8 = ANDROID_TOOLS + "r8/";

    private ConsumerRules() {
    }

    /** The rules ProGuard gets from {@code entry}: file name to text, in name order; empty if none. */
    static Map<String, String> forProGuard(Path entry) {
        Map<String, String> all = rulesFiles(entry);
        boolean androidTools = all.keySet().stream().anyMatch(name -> name.startsWith(ANDROID_TOOLS));
        String folder = androidTools ? FOR_PROGUARD : LEGACY;
        Map<String, String> chosen = new LinkedHashMap<>();
        all.forEach((name, text) -> {
            if (name.startsWith(folder) && name.indexOf('/', folder.length()) < 0) {
                chosen.put(name, text);
            }
        });
        return chosen;
    }

    /** Every rules file under {@code META-INF/proguard/} and {@code META-INF/com.android.tools/}: path to text. */
    static Map<String, String> rulesFiles(Path entry) {
        Map<String, String> files = new TreeMap<>();
        try {
            if (Files.isDirectory(entry)) {
                for (String root : List.of(LEGACY, ANDROID_TOOLS)) {
                    Path dir = entry.resolve(root);
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> walk = Files.walk(dir)) {
                            for (Path file : (Iterable<Path>) walk::iterator) {
                                if (Files.isRegularFile(file)) {
                                    String name = entry.relativize(file).toString().replace('\\', '/');
                                    files.put(name, Files.readString(file, StandardCharsets.UTF_8));
                                }
                            }
                        }
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                try (ZipFile zip = new ZipFile(entry.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                        ZipEntry zipEntry = e.nextElement();
                        String name = zipEntry.getName();
                        if (!zipEntry.isDirectory() && (name.startsWith(LEGACY) || name.startsWith(ANDROID_TOOLS))) {
                            try (InputStream in = zip.getInputStream(zipEntry)) {
                                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the consumer rules of " + entry, e);
        }
        return Collections.unmodifiableMap(files);
    }

    /** The rule lines of a file: comments and blank lines dropped, each option joined onto one line. */
    static List<String> options(String text) {
        List<String> options = new ArrayList<>();
        StringBuilder current = null;
        for (String raw : text.split("\n")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("-")) {
                if (current != null) {
                    options.add(current.toString());
                }
                current = new StringBuilder(line);
            } else if (current != null) {
                current.append(' ').append(line);
            }
        }
        if (current != null) {
            options.add(current.toString());
        }
        return options;
    }
}
