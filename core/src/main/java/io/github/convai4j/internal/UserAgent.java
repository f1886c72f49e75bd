package io.github.convai4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code User-Agent} convai4j sends: {@code convai4j/<version> (<transport>; Java <version>)}. */
final class UserAgent {

    /** Written by the build (core's pom filters it); the same file gives live conversations their version. */
    static final String VERSION_RESOURCE = "/io/github/convai4j/core/version.properties";

    private static final String VERSION = readVersion();

    private UserAgent() {
    }

    static String of(String transportName) {
        return "convai4j/" + VERSION + " (" + clean(transportName) + "; Java " + clean(System.getProperty("java.version"))
                + ")";
    }

    static String version() {
        return VERSION;
    }

    private static String readVersion() {
        // An absolute path: a shrinker that renames or moves this class (ProGuard, R8) leaves resources where they are.
        try (InputStream in = UserAgent.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isEmpty() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException ignored) {
            // Fall through: an unknown version must not stop the client.
        }
        return "unknown";
    }

    /** Keeps only characters that are safe in a header value and in the product comment. */
    private static String clean(String s) {
        if (s == null || s.isEmpty()) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x21 && c <= 0x7e && c != '(' && c != ')' && c != ';' ? c : '_');
        }
        return sb.toString();
    }
}
