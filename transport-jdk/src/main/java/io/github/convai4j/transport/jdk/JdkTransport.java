package io.github.convai4j.transport.jdk;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.transport.jdk.internal.JavaNetHttpTransport;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds the transport of {@code convai4j-transport-jdk}: HTTP with the JDK's own clients and no third-party
 * library.
 *
 * <p>Which client it uses ({@link Stack}):
 * <ul>
 *   <li>{@link Stack#JAVA_NET_HTTP} where {@code java.net.http.HttpClient} exists (Java 11 and later):
 *       sync and async calls, bodies streamed both ways, cancellation, and the WebSocket that live
 *       conversations need ({@link Transport#webSocket()}). HTTP/1.1 only.</li>
 *   <li>{@link Stack#URL_CONNECTION} where it does not (Android, Java 8): {@link java.net.HttpURLConnection},
 *       bodies streamed with a fixed length when it is known and chunked when it is not. No WebSocket: a live
 *       conversation fails with an error that says so. {@code PATCH} is sent on Android, whose
 *       {@code HttpURLConnection} accepts it; on a JVM the JDK's {@code HttpURLConnection} refuses it, so a
 *       {@code PATCH} fails before any I/O with an {@link UnsupportedOperationException} (it is never sent as
 *       another method). A {@code GET} with a body fails the same way (the JDK would send it as a
 *       {@code POST}).</li>
 * </ul>
 * On both stacks a request or WebSocket handshake header whose value holds a character above U+007F fails
 * before any I/O with an {@link IllegalArgumentException} that names the header: the JDK's clients would send
 * {@code '?'} (or other bytes) in its place, where HttpClient 5 and Netty send U+0080-U+00FF as single
 * ISO-8859-1 bytes. Encode such a value first (e.g. percent-encode its UTF-8 bytes).
 *
 * <p>{@link Stack#AUTO} (the default) picks the first where it can run. The system property
 * {@value #STACK_PROPERTY} ({@code java.net.http} or {@code urlconnection}) chooses one for the whole JVM,
 * e.g. to run the {@code HttpURLConnection} stack on a JVM that has both; {@link Builder#stack} overrides it.
 *
 * <p>Discovery: {@link JdkTransportProvider} registers the transport under the name {@value #NAME} with
 * priority {@value JdkTransportProvider#PRIORITY}, below {@code convai4j-transport-httpclient} (200) and
 * {@code convai4j-transport-netty} (100): with several transports on the class path a client picks
 * HttpClient 5, then Netty, then this one, unless it names one. With this transport alone,
 * {@code ConvaiClient.builder().build()} uses it for API calls and, on Java 11 and later, for live
 * conversations too.
 *
 * <pre>{@code
 * Transport transport = JdkTransport.builder()
 *         .options(TransportOptions.builder().readTimeout(Duration.ofSeconds(30)).build())
 *         .build();
 * ConvaiClient client = ConvaiClient.builder().apiKey(key).transport(transport).build();
 * }</pre>
 *
 * <p>The transport is thread-safe; share one and close it when done. What each stack does with connections,
 * timeouts and threads is written in {@link Stack}.
 */
public final class JdkTransport {

    /** The transport's name, as returned by {@link Transport#name()}: {@value}. */
    public static final String NAME = "jdk";

    /** System property choosing the stack: {@code java.net.http} or {@code urlconnection}. */
    public static final String STACK_PROPERTY = "convai4j.jdk.stack";

    private JdkTransport() {
    }

    /**
     * Returns a new builder.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells whether this runtime has {@code java.net.http.HttpClient} (Java 11 and later).
     *
     * @return {@code true} if the {@link Stack#JAVA_NET_HTTP} stack can run here
     */
    public static boolean javaNetHttpAvailable() {
        return Platform.hasJavaNetHttp();
    }

    /** The JDK HTTP client a transport is built on. */
    public enum Stack {
        /**
         * {@link #JAVA_NET_HTTP} where it exists, else {@link #URL_CONNECTION}; or the stack the system
         * property {@value JdkTransport#STACK_PROPERTY} names.
         */
        AUTO,
        /**
         * {@code java.net.http.HttpClient} (Java 11+), HTTP/1.1. Connect timeout: the client's; a request with
         * another connect timeout than the options' gets a client of its own, kept until {@code close()}. Read
         * timeout: until the response head, the longest silence since the last chunk sent or received; after it,
         * the longest wait of a read of the body. Total timeout: a timer that aborts the exchange. At most
         * {@link TransportOptions#maxConnectionsPerHost()} exchanges per host at once; more wait in line (their
         * timeouts keep running). Idle connections are kept by the JDK for its own keep-alive time (system
         * property {@code jdk.httpclient.keepalive.timeout}), not {@link TransportOptions#idleTimeout()}.
         * Threads: a cached pool of daemon threads named {@code convai4j-jdk-*}, plus the JDK's selector thread
         * per client. Where the JDK's client behaves differently from the transport contract, and cannot be
         * told otherwise:
         * <ul>
         *   <li>it sends a {@code GET} or {@code HEAD} once more when the server closes the connection before any response byte;</li>
         *   <li>it refuses a response whose header values hold control characters (an {@link java.io.IOException});</li>
         *   <li>it adds {@code User-Agent: Java-http-client/<version>} to a request without one (core always
         *       sends its own), and, before Java 19, {@code Content-Length: 0} to a {@code GET} or
         *       {@code DELETE} without a body;</li>
         *   <li>it does not let a request set {@code Expect} (refused before any I/O);</li>
         *   <li>it writes header values as US-ASCII ({@code '?'} for anything else), so a value above U+007F is
         *       refused before any I/O, as on the other stack;</li>
         *   <li>before Java 21 an {@code HttpClient} cannot be closed: {@code close()} aborts the exchanges and
         *       WebSockets in flight and drops the clients, whose selector thread and idle connections then end
         *       when the garbage collector collects them. From Java 21 on, {@code close()} closes them.</li>
         * </ul>
         */
        JAVA_NET_HTTP,
        /**
         * {@link java.net.HttpURLConnection}. Connect and read timeouts are the connection's own (the read
         * timeout applies to each blocking read of the response); the total timeout is a timer that
         * disconnects. At most {@link TransportOptions#maxConnectionsPerHost()} exchanges per host at once;
         * idle connections live in the JDK's (or Android's) global keep-alive cache, which closes them after
         * a few seconds idle and which {@code close()} cannot reach. Async calls run on a cached pool of
         * daemon threads named {@code convai4j-jdk-*}. No WebSocket. Unless the application set it, the stack
         * sets the JDK's system property {@code http.KeepAlive.remainingData} to 0 when it is first used, so
         * that a body closed early drops its connection instead of draining up to 512 KiB in the background. What {@code HttpURLConnection} does that
         * the transport contract does not want, and cannot be told otherwise:
         * <ul>
         *   <li>the JDK's refuses {@code PATCH}: on a JVM it fails before any I/O with an
         *       {@link UnsupportedOperationException} (Android's sends it);</li>
         *   <li>it would send a {@code GET} with a body as a {@code POST}: refused before any I/O;</li>
         *   <li>it adds {@code Content-Type: application/x-www-form-urlencoded} to a body without a content
         *       type;</li>
         *   <li>it takes a response head cut off by the connection's close for a whole one;</li>
         *   <li>it sends a request without a streamed body once more when the server closes the connection
         *       before answering.</li>
         * </ul>
         */
        URL_CONNECTION
    }

    /** Builds a JDK transport. Not thread-safe. */
    public static final class Builder {
        private TransportOptions options = TransportOptions.defaults();
        private Stack stack = Stack.AUTO;

        private Builder() {
        }

        /**
         * Sets the connection settings. Default: {@link TransportOptions#defaults()}.
         *
         * @param options the settings
         * @return this builder
         */
        public Builder options(TransportOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Chooses the stack. Default: {@link Stack#AUTO}.
         *
         * @param stack the stack
         * @return this builder
         */
        public Builder stack(Stack stack) {
            this.stack = Objects.requireNonNull(stack, "stack");
            return this;
        }

        /**
         * Builds the transport.
         *
         * @return a new transport; the caller closes it
         * @throws IllegalStateException if {@link Stack#JAVA_NET_HTTP} is asked for where it does not exist,
         *     or the system property names no stack
         */
        public Transport build() {
            Stack chosen = resolve(stack, System.getProperty(STACK_PROPERTY), Platform.hasJavaNetHttp());
            if (chosen == Stack.JAVA_NET_HTTP) {
                // Only reached where java.net.http exists: the class below and its package need it.
                return JavaNetHttpTransport.create(options, NAME);
            }
            return new UrlConnectionTransport(options, Platform.isAndroid());
        }

        static Stack resolve(Stack asked, String property, boolean javaNetHttp) {
            Stack chosen = asked;
            if (chosen == Stack.AUTO && property != null && !property.trim().isEmpty()) {
                chosen = parse(property.trim());
            }
            if (chosen == Stack.AUTO) {
                return javaNetHttp ? Stack.JAVA_NET_HTTP : Stack.URL_CONNECTION;
            }
            if (chosen == Stack.JAVA_NET_HTTP && !javaNetHttp) {
                throw new IllegalStateException("The java.net.http stack needs Java 11 or later, and this runtime has"
                        + " no java.net.http.HttpClient; use Stack.URL_CONNECTION (or AUTO), or remove the system"
                        + " property " + STACK_PROPERTY);
            }
            return chosen;
        }

        private static Stack parse(String property) {
            switch (property.toLowerCase(Locale.ROOT)) {
                case "java.net.http":
                case "httpclient":
                    return Stack.JAVA_NET_HTTP;
                case "urlconnection":
                case "httpurlconnection":
                    return Stack.URL_CONNECTION;
                case "auto":
                    return Stack.AUTO;
                default:
                    throw new IllegalStateException("The system property " + STACK_PROPERTY + " is '" + property
                            + "'; set it to java.net.http or urlconnection (or remove it to choose automatically)");
            }
        }
    }
}
