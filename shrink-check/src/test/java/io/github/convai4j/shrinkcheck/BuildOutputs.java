package io.github.convai4j.shrinkcheck;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/** What the build hands the tests (system properties set in this module's pom), and where core's jar is. */
final class BuildOutputs {

    private BuildOutputs() {
    }

    /** The apps' run-time class path: core, the transport and their dependencies, as the build resolved them. */
    static List<Path> appClassPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : property("shrink.app.classpath").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Paths.get(entry));
            }
        }
        return entries;
    }

    /** This module's compiled apps. */
    static Path appClasses() {
        return Paths.get(property("shrink.app.classes"));
    }

    /** Where the tests write ProGuard's configuration, the shrunk jars and the logs. */
    static Path workDirectory() {
        return Paths.get(property("shrink.work.dir"));
    }

    /** The version the build gives the library, which the User-Agent must carry. */
    static String libraryVersion() {
        return property("convai4j.version");
    }

    /**
     * Core's jar on the apps' class path: the entry that carries core's consumer rules. Chosen by jar, not by
     * package, so that moving classes between packages changes nothing here.
     */
    static Path coreJar() {
        return entryWith(appClassPath(), "META-INF/proguard/convai4j-core.pro");
    }

    /** The class path entry (jar or directory) that contains {@code resource}. */
    static Path entryWith(List<Path> classPath, String resource) {
        for (Path entry : classPath) {
            if (contains(entry, resource)) {
                return entry;
            }
        }
        throw new IllegalStateException("No entry of the class path " + classPath + " contains " + resource);
    }

    static boolean contains(Path entry, String resource) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(resource));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(entry.toFile())) {
            return zip.getEntry(resource) != null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + entry, e);
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("System property " + name + " is not set: run this test through Maven"
                    + " (./mvnw -B -o -pl shrink-check -am verify), whose pom sets it");
        }
        return value;
    }
}
