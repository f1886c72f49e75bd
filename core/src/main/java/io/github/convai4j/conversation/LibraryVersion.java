package io.github.convai4j.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** convai4j's version, sent as {@code version} on the conversation URL and in {@code source_info}. */
final class LibraryVersion {

    private static final String VERSION = read();

    private LibraryVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream("/io/github/convai4j/core/version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isEmpty() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException ignored) {
            // An unknown version must not stop a conversation.
        }
        return "unknown";
    }
}
