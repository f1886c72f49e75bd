package io.github.convai4j.androidcheck;

/**
 * One reviewed exception: references from {@code className#member} in {@code jar} to something that starts
 * with {@code referencePrefix} are allowed, because {@code reason} (which names the guard) says Android never
 * runs them.
 *
 * @param jar short jar name, e.g. {@code httpcore5}
 * @param className the referencing class, dotted; or {@code a.b.*} for every class of package {@code a.b} (for a
 *     package of one's own that is loaded only behind one guard)
 * @param member a method or {@code field NAME}, or {@code *} for every member of a class that is never loaded
 * @param referencePrefix the start of the referenced API as animal-sniffer prints it (without the return type
 *     of a method: {@code jdk.net.} matches {@code void jdk.net.Sockets.setOption(...)}); several are separated
 *     by commas
 * @param reason the guard, and why it holds on Android
 * @param line where the entry is in its file, for messages
 */
public record AllowlistEntry(String jar, String className, String member, String referencePrefix, String reason,
        int line) {

    boolean matches(Finding f) {
        if (!jar.equals(f.jar()) || !classMatches(f.className())) {
            return false;
        }
        if (!member.equals("*") && !f.members().contains(member)) {
            return false;
        }
        String referenced = referenceName(f.reference());
        for (String prefix : referencePrefix.split(",")) {
            if (referenced.startsWith(prefix.trim())) {
                return true;
            }
        }
        return false;
    }

    /** {@code a.b.*} names the classes of package {@code a.b} itself (nested ones included), not of its subpackages. */
    private boolean classMatches(String name) {
        if (!className.endsWith(".*")) {
            return className.equals(name);
        }
        String pkg = className.substring(0, className.length() - 2);
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.substring(0, dot).equals(pkg);
    }

    /** Drops the leading return or field type of a member reference: what is referenced starts after it. */
    static String referenceName(String reference) {
        int paren = reference.indexOf('(');
        int space = reference.lastIndexOf(' ', paren < 0 ? reference.length() : paren);
        return space < 0 ? reference : reference.substring(space + 1);
    }

    @Override
    public String toString() {
        return jar + " | " + className + "#" + member + " | " + referencePrefix + " (line " + line + ")";
    }
}
