package io.github.convai4j.androidcheck;

import java.util.Set;

/**
 * One reference that the signature lacks: where it sits (jar, class, the method or field it is in) and what it
 * references, as animal-sniffer prints it ({@code void jdk.net.Sockets.setOption(java.net.Socket, ...)}).
 *
 * @param jar the short name of the jar or classes directory, e.g. {@code httpcore5}
 * @param className the referencing class, dotted ({@code org.apache.hc.core5.reactor.SingleCoreIOReactor})
 * @param members the methods whose code holds the reference's line (lambdas can share a line with their
 *     method), or {@code field NAME} for a field's type; empty if the class has no line numbers
 * @param reference what is referenced
 */
public record Finding(String jar, String className, Set<String> members, String reference) {

    @Override
    public String toString() {
        return jar + " | " + className + "#" + (members.isEmpty() ? "?" : String.join("|", members)) + " | " + reference;
    }
}
