package io.github.convai4j.shrinkcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files of one jar (or of a classes directory, when a build stopped before packaging), with the numbers
 * the size checks report: classes, methods and the deflated size of the class files. Versioned entries of a
 * multi-release jar and {@code module-info.class} are not counted: they are not what runs on Java 8 or Android.
 */
final class ClassFileSet {

    private final Path location;
    private final List<ClassFile> classes;
    private final long deflatedBytes;

    private ClassFileSet(Path location, List<ClassFile> classes, long deflatedBytes) {
        this.location = location;
        this.classes = classes;
        this.deflatedBytes = deflatedBytes;
    }

    static ClassFileSet read(Path location) {
        List<ClassFile> classes = new ArrayList<>();
        long deflated = 0;
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        String entry = location.relativize(file).toString().replace('\\', '/');
                        if (Files.isRegularFile(file) && counts(entry)) {
                            byte[] bytes = Files.readAllBytes(file);
                            classes.add(ClassFile.parse(bytes));
                            deflated += deflatedSize(bytes);
                        }
                    }
                }
            } else {
                try (ZipFile zip = new ZipFile(location.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                        ZipEntry entry = e.nextElement();
                        if (!entry.isDirectory() && counts(entry.getName())) {
                            byte[] bytes;
                            try (InputStream in = zip.getInputStream(entry)) {
                                bytes = in.readAllBytes();
                            }
                            classes.add(ClassFile.parse(bytes));
                            deflated += deflatedSize(bytes);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class files of " + location, e);
        }
        return new ClassFileSet(location, Collections.unmodifiableList(classes), deflated);
    }

    private static boolean counts(String entry) {
        return entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class");
    }

    /**
     * The class file's size deflated as a jar stores it (default level): the same measure for the jar a build
     * wrote and for the one ProGuard wrote, whatever level each used.
     */
    private static long deflatedSize(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            byte[] buffer = new byte[8192];
            long size = 0;
            while (!deflater.finished()) {
                size += deflater.deflate(buffer);
            }
            return size;
        } finally {
            deflater.end();
        }
    }

    Path location() {
        return location;
    }

    List<ClassFile> classes() {
        return classes;
    }

    int classCount() {
        return classes.size();
    }

    long methodCount() {
        return classes.stream().mapToLong(c -> c.methods().size()).sum();
    }

    long deflatedBytes() {
        return deflatedBytes;
    }
}
