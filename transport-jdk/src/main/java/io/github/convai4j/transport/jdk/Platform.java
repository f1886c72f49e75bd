package io.github.convai4j.transport.jdk;

/** What the runtime offers: looked up once, by class presence and the VM's name, never by version number. */
final class Platform {
    private static final boolean JAVA_NET_HTTP = present("java.net.http.HttpClient");
    private static final boolean ANDROID = "Dalvik".equals(System.getProperty("java.vm.name"));

    private Platform() {
    }

    static boolean hasJavaNetHttp() {
        return JAVA_NET_HTTP;
    }

    /** Android's runtime (ART, and Dalvik before it) reports {@code java.vm.name} "Dalvik". */
    static boolean isAndroid() {
        return ANDROID;
    }

    private static boolean present(String className) {
        try {
            // Not initialized: only whether the class exists matters.
            Class.forName(className, false, Platform.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
