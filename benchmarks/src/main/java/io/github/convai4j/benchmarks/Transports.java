package io.github.convai4j.benchmarks;

import io.github.convai4j.http.Transport;
import io.github.convai4j.transport.httpclient.HttpClientTransport;
import io.github.convai4j.transport.jdk.JdkTransport;
import io.github.convai4j.transport.netty.NettyTransport;

import java.util.List;

/**
 * The transports under test, by the names they report, and the variants the streaming benchmark adds.
 *
 * <p>{@code jdk} is {@code convai4j-transport-jdk} on its default stack, {@code java.net.http}, pinned so that a
 * stray {@value JdkTransport#STACK_PROPERTY} property cannot turn it into the other one. Its second stack,
 * {@code HttpURLConnection} (what Android and Java 8 run), is the variant {@value #JDK_URL_CONNECTION}, measured
 * in the streaming benchmark only: on a JVM it refuses {@code PATCH}, the update of benchmark 1.
 */
public final class Transports {

    /** The JDK transport on its {@code HttpURLConnection} stack: a variant of {@code jdk}, not a transport name. */
    public static final String JDK_URL_CONNECTION = "jdk-urlconnection";

    /** Every transport, in the order the report lists them. */
    public static final List<String> NAMES = List.of(HttpClientTransport.NAME, NettyTransport.NAME, JdkTransport.NAME);

    /** What the streaming benchmark runs: every transport, then the JDK transport's other stack. */
    public static final List<String> STREAMING = List.of(HttpClientTransport.NAME, NettyTransport.NAME,
            JdkTransport.NAME, JDK_URL_CONNECTION);

    private Transports() {
    }

    /**
     * Creates a transport with its default options.
     *
     * @param name one of {@link #STREAMING}
     * @return the new transport; the caller closes it
     */
    public static Transport create(String name) {
        return switch (name) {
            case HttpClientTransport.NAME -> HttpClientTransport.builder().build();
            case NettyTransport.NAME -> NettyTransport.create();
            case JdkTransport.NAME -> JdkTransport.builder().stack(JdkTransport.Stack.JAVA_NET_HTTP).build();
            case JDK_URL_CONNECTION -> JdkTransport.builder().stack(JdkTransport.Stack.URL_CONNECTION).build();
            default -> throw new IllegalArgumentException("Unknown transport " + name + "; one of " + STREAMING);
        };
    }

    /**
     * The transport a name or variant runs on, whose jars a child JVM needs.
     *
     * @param name one of {@link #STREAMING}
     * @return its transport's name, one of {@link #NAMES}
     */
    static String transportOf(String name) {
        return name.equals(JDK_URL_CONNECTION) ? JdkTransport.NAME : name;
    }

    /**
     * How the report names a transport or variant: the JDK transport with its stack, the others by name.
     *
     * @param name one of {@link #STREAMING}
     * @return the label
     */
    static String label(String name) {
        return switch (name) {
            case JdkTransport.NAME -> "jdk (java.net.http)";
            case JDK_URL_CONNECTION -> "jdk (HttpURLConnection)";
            default -> name;
        };
    }
}
