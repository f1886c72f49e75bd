package io.github.convai4j.androidcheck;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.mojo.animal_sniffer.ClassListBuilder;
import org.codehaus.mojo.animal_sniffer.Clazz;
import org.codehaus.mojo.animal_sniffer.SignatureChecker;
import org.codehaus.mojo.animal_sniffer.logging.Logger;
import org.objectweb.asm.ClassReader;

/**
 * Checks what an app runs against an API signature (Android API 26): the module's own classes and every runtime
 * dependency jar, with animal-sniffer's {@link SignatureChecker}. A reference to a class of the checked class
 * path itself is fine (as animal-sniffer's Maven goal treats dependencies); a reference the signature lacks
 * is a {@link Finding}, allowed only by an {@link Allowlist} entry that names its class and member.
 */
public final class AndroidApiCheck {
    private static final String UNDEFINED = "Undefined reference: ";
    private static final Pattern LINE = Pattern.compile("^:(\\d+): $");
    private static final Pattern FIELD = Pattern.compile("^: Field (\\S+): $");
    private static final Pattern VERSION = Pattern.compile("^(.+?)-\\d.*$");

    private AndroidApiCheck() {
    }

    /**
     * Runs the check.
     *
     * @param signature the animal-sniffer signature file
     * @param classpath the module's classes directory (or jar) and its runtime dependency jars
     * @param allowlist the reviewed exceptions
     * @return every finding, split into allowed and refused, and the entries that matched nothing
     */
    public static Result run(Path signature, List<Path> classpath, Allowlist allowlist) throws IOException {
        Map<String, Clazz> api;
        try (InputStream in = Files.newInputStream(signature)) {
            api = SignatureChecker.loadClasses(in);
        }
        Collector log = new Collector();
        ClassListBuilder onClasspath = new ClassListBuilder(log);
        for (Path p : classpath) {
            onClasspath.process(p.toFile());
        }
        Set<String> provided = onClasspath.getPackages();
        Map<String, List<Finding>> byJar = new LinkedHashMap<>();
        for (Path p : classpath) {
            String jar = shortName(p);
            Checker checker = new Checker(api, provided, jar);
            checker.process(p.toFile());
            byJar.computeIfAbsent(jar, k -> new ArrayList<>()).addAll(checker.findings);
        }
        return new Result(byJar, allowlist);
    }

    /** {@code httpcore5-5.4.4.jar} is {@code httpcore5}; {@code core/target/classes} is {@code convai4j-core}. */
    public static String shortName(Path entry) {
        String file = entry.getFileName().toString();
        if (Files.isDirectory(entry)) {
            Path target = entry.getParent();
            Path module = target != null ? target.getParent() : null;
            return module != null ? "convai4j-" + module.getFileName() : file;
        }
        String base = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
        Matcher m = VERSION.matcher(base);
        return m.matches() ? m.group(1) : base;
    }

    /** The findings of one check, against one allowlist. */
    public static final class Result {
        private final Map<String, List<Finding>> byJar;
        private final Map<Finding, AllowlistEntry> allowed = new LinkedHashMap<>();
        private final List<Finding> refused = new ArrayList<>();
        private final List<AllowlistEntry> unused = new ArrayList<>();

        Result(Map<String, List<Finding>> byJar, Allowlist allowlist) {
            this.byJar = byJar;
            Set<AllowlistEntry> used = new HashSet<>();
            for (List<Finding> findings : byJar.values()) {
                for (Finding f : findings) {
                    AllowlistEntry e = allowlist.match(f);
                    if (e != null) {
                        allowed.put(f, e);
                        used.add(e);
                    } else {
                        refused.add(f);
                    }
                }
            }
            for (AllowlistEntry e : allowlist.entries()) {
                if (!used.contains(e)) {
                    unused.add(e);
                }
            }
        }

        public List<Finding> refused() {
            return Collections.unmodifiableList(refused);
        }

        public Map<Finding, AllowlistEntry> allowed() {
            return Collections.unmodifiableMap(allowed);
        }

        public List<AllowlistEntry> unusedEntries() {
            return Collections.unmodifiableList(unused);
        }

        /** Per checked jar: findings, allowed, refused, and the allowlist entries that name it. */
        public String summary(Allowlist allowlist) {
            StringBuilder sb = new StringBuilder(String.format("%-36s %9s %8s %8s %8s%n", "jar", "findings", "allowed",
                    "refused", "entries"));
            for (Map.Entry<String, List<Finding>> e : byJar.entrySet()) {
                String jar = e.getKey();
                long ok = e.getValue().stream().filter(allowed::containsKey).count();
                long entries = allowlist.entries().stream().filter(a -> a.jar().equals(jar)).count();
                sb.append(String.format("%-36s %9d %8d %8d %8d%n", jar, e.getValue().size(), ok,
                        e.getValue().size() - ok, entries));
            }
            return sb.toString();
        }

        /** The refused findings, grouped by where they sit, for a failure message. */
        public String describeRefused(int max) {
            Map<String, Set<String>> grouped = new LinkedHashMap<>();
            for (Finding f : refused) {
                String where = f.jar() + " | " + f.className() + "#"
                        + (f.members().isEmpty() ? "?" : String.join("|", f.members()));
                grouped.computeIfAbsent(where, k -> new TreeSet<>()).add(AllowlistEntry.referenceName(f.reference()));
            }
            StringBuilder sb = new StringBuilder();
            int n = 0;
            for (Map.Entry<String, Set<String>> e : grouped.entrySet()) {
                if (n++ == max) {
                    sb.append("\n  ... and ").append(grouped.size() - max).append(" more places");
                    break;
                }
                sb.append("\n  ").append(e.getKey()).append(" -> ").append(e.getValue());
            }
            return sb.toString();
        }
    }

    /** animal-sniffer's checker, told which class and line each finding is in. */
    private static final class Checker extends SignatureChecker {
        final List<Finding> findings;
        private final String jar;
        private final Collector log;

        Checker(Map<String, Clazz> api, Set<String> provided, String jar) throws IOException {
            this(api, provided, jar, new Collector());
        }

        private Checker(Map<String, Clazz> api, Set<String> provided, String jar, Collector log) throws IOException {
            super(api, provided, log);
            this.jar = jar;
            this.log = log;
            this.findings = log.findings;
            setCheckJars(true);
            setSourcePath(List.of());
        }

        @Override
        protected void process(String name, InputStream image) throws IOException {
            byte[] bytes = image.readAllBytes();
            String className;
            MemberLines lines;
            try {
                className = new ClassReader(bytes).getClassName().replace('/', '.');
                lines = new MemberLines(bytes);
            } catch (RuntimeException unreadable) {
                className = name;
                lines = null;
            }
            log.begin(jar, name, className, lines);
            super.process(name, new ByteArrayInputStream(bytes));
        }
    }

    /** Turns animal-sniffer's error lines into findings of the class being checked. */
    private static final class Collector implements Logger {
        final List<Finding> findings = new ArrayList<>();
        private String jar;
        private String name;
        private String className;
        private MemberLines lines;

        void begin(String jar, String name, String className, MemberLines lines) {
            this.jar = jar;
            this.name = name;
            this.className = className;
            this.lines = lines;
        }

        @Override
        public void error(String message) {
            int u = message.indexOf(UNDEFINED);
            String middle = u >= 0 && name != null && message.startsWith(name) ? message.substring(name.length(), u) : "";
            String reference = u >= 0 ? message.substring(u + UNDEFINED.length()) : message;
            Set<String> members = Set.of();
            Matcher line = LINE.matcher(middle);
            Matcher field = FIELD.matcher(middle);
            if (line.matches() && lines != null) {
                members = lines.at(Integer.parseInt(line.group(1)));
            } else if (field.matches()) {
                members = Set.of("field " + field.group(1));
            }
            findings.add(new Finding(jar, className, new TreeSet<>(members), reference));
        }

        @Override
        public void error(String message, Throwable t) {
            error(message);
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void info(String message, Throwable t) {
        }

        @Override
        public void debug(String message) {
        }

        @Override
        public void debug(String message, Throwable t) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void warn(String message, Throwable t) {
        }
    }
}
