package io.github.convai4j.androidcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link AndroidApiCheck} for the module whose tests call it, from the inputs its build prepared (see the
 * parent pom: the {@code android-check-inputs-*} executions and surefire's system properties): the module's
 * classes, its runtime class path, the signature, and its allowlist {@code android-api-26-allowlist.txt} in the
 * module's directory. Writes the summary to {@code target/android-check/report.txt}.
 */
public final class ModuleCheck {
    /** The system properties the build sets. */
    static final String CLASSES = "convai4j.android.classes";
    static final String CLASSPATH = "convai4j.android.classpath";
    static final String SIGNATURE = "convai4j.android.signature";
    static final String ALLOWLIST = "convai4j.android.allowlist";

    private final AndroidApiCheck.Result result;
    private final Allowlist allowlist;
    private final List<Path> checked;

    private ModuleCheck(AndroidApiCheck.Result result, Allowlist allowlist, List<Path> checked) {
        this.result = result;
        this.allowlist = allowlist;
        this.checked = checked;
    }

    public static ModuleCheck run() throws IOException {
        Path classes = Paths.get(required(CLASSES));
        Path signature = Paths.get(required(SIGNATURE));
        Path allowlistFile = Paths.get(required(ALLOWLIST));
        List<Path> classpath = new ArrayList<>();
        classpath.add(classes);
        String runtime = Files.readString(Paths.get(required(CLASSPATH)), StandardCharsets.UTF_8).trim();
        if (!runtime.isEmpty()) {
            for (String entry : runtime.split(java.io.File.pathSeparator)) {
                classpath.add(Paths.get(entry));
            }
        }
        Allowlist allowlist = Files.exists(allowlistFile) ? Allowlist.read(allowlistFile) : Allowlist.empty();
        AndroidApiCheck.Result result = AndroidApiCheck.run(signature, classpath, allowlist);
        Path report = Paths.get(required(CLASSPATH)).resolveSibling("report.txt");
        Files.writeString(report, "Android API 26 check of " + classes + "\n\n" + result.summary(allowlist)
                + "\nRefused:" + result.describeRefused(Integer.MAX_VALUE) + "\n", StandardCharsets.UTF_8);
        return new ModuleCheck(result, allowlist, classpath);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("System property " + property + " is not set: run this check through"
                    + " Maven, whose parent pom prepares its inputs");
        }
        return value;
    }

    public AndroidApiCheck.Result result() {
        return result;
    }

    public Allowlist allowlist() {
        return allowlist;
    }

    /** What was checked: the module's classes, then its runtime jars. */
    public List<Path> checked() {
        return checked;
    }

    public String summary() {
        return result.summary(allowlist);
    }
}
