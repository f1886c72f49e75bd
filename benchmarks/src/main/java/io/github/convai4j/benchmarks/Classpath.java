package io.github.convai4j.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Class paths for child JVMs cut from this JVM's own (the benchmarks module's, as Maven resolved it):
 * what a user's application has with core and one transport, plus the harness classes and a NOP SLF4J
 * provider. Entries are recognised by their artifact names (or module directory for reactor classes).
 */
final class Classpath {

    /** Core's runtime: the library and its two dependencies. */
    static final List<String> CORE = List.of("convai4j-core", "core", "jackson-core", "slf4j-api");
    /** What each transport adds. */
    static final List<String> HTTPCLIENT = List.of("convai4j-transport-httpclient", "transport-httpclient",
            "httpclient5", "httpcore5", "httpcore5-h2");
    static final List<String> NETTY = List.of("convai4j-transport-netty", "transport-netty", "netty-");
    /** The JDK transport brings no library: its HTTP clients are the JDK's. */
    static final List<String> JDK = List.of("convai4j-transport-jdk", "transport-jdk");
    /** The child mains and a logging provider: present in every child, not counted in the footprint. */
    private static final List<String> HARNESS = List.of("benchmarks", "slf4j-nop");

    private Classpath() {
    }

    static List<Path> entries() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath());
            }
        }
        return entries;
    }

    /** The artifacts of a transport, or of the transport a variant runs on (see {@link Transports#STREAMING}). */
    static List<String> transportArtifacts(String transport) {
        return switch (Transports.transportOf(transport)) {
            case "httpclient5" -> HTTPCLIENT;
            case "netty" -> NETTY;
            case "jdk" -> JDK;
            default -> throw new IllegalArgumentException(transport);
        };
    }

    /** The entries of core's runtime and, unless {@code transport} is null, of that transport. */
    static List<Path> library(String transport) {
        List<String> wanted = new ArrayList<>(CORE);
        if (transport != null) {
            wanted.addAll(transportArtifacts(transport));
        }
        return select(wanted);
    }

    /** The class path of a child JVM that runs the harness with core and {@code transport}. */
    static String forChild(String transport) {
        List<Path> all = new ArrayList<>(library(transport));
        all.addAll(select(HARNESS));
        StringBuilder sb = new StringBuilder();
        for (Path p : all) {
            sb.append(sb.length() == 0 ? "" : File.pathSeparator).append(p);
        }
        return sb.toString();
    }

    static List<Path> select(List<String> names) {
        List<Path> out = new ArrayList<>();
        for (Path entry : entries()) {
            String name = artifactName(entry);
            for (String wanted : names) {
                if (wanted.endsWith("-") ? name.startsWith(wanted) : matches(name, wanted)) {
                    out.add(entry);
                    break;
                }
            }
        }
        return out;
    }

    /** {@code jackson-core-2.22.4.jar} is {@code jackson-core}; {@code core/target/classes} is {@code core}. */
    static String artifactName(Path entry) {
        if (Files.isDirectory(entry)) {
            Path module = entry.getParent() != null ? entry.getParent().getParent() : null;
            return module != null ? module.getFileName().toString() : entry.toString();
        }
        String file = entry.getFileName().toString();
        return file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
    }

    private static boolean matches(String name, String artifact) {
        // The name is exactly the artifact, or the artifact followed by "-<version>".
        return name.equals(artifact)
                || name.startsWith(artifact + "-") && Character.isDigit(name.charAt(artifact.length() + 1));
    }
}
