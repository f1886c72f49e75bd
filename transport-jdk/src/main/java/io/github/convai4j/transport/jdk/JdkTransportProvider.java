package io.github.convai4j.transport.jdk;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.http.WebSocketTransport;
import io.github.convai4j.transport.jdk.internal.JavaNetHttpTransport;

import java.util.Optional;

/**
 * Registers the JDK transport for {@link java.util.ServiceLoader} discovery under the name
 * {@value JdkTransport#NAME} with priority {@value #PRIORITY}: below {@code convai4j-transport-httpclient}
 * (200) and {@code convai4j-transport-netty} (100), so with several transports on the class path the order is
 * HttpClient 5, Netty, JDK, unless a client names one. The stack is chosen as {@link JdkTransport.Stack#AUTO}
 * describes.
 *
 * <p>Stateless and thread-safe.
 */
public final class JdkTransportProvider implements TransportProvider {

    /** The provider's priority: {@value}. */
    public static final int PRIORITY = 50;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public JdkTransportProvider() {
    }

    /**
     * Returns {@value JdkTransport#NAME}.
     *
     * @return the name
     */
    @Override
    public String name() {
        return JdkTransport.NAME;
    }

    /**
     * Returns {@value #PRIORITY}.
     *
     * @return the priority
     */
    @Override
    public int priority() {
        return PRIORITY;
    }

    /**
     * Creates a JDK transport on the stack {@link JdkTransport.Stack#AUTO} picks.
     *
     * @param options connection settings
     * @return a new transport; the caller closes it
     */
    @Override
    public Transport create(TransportOptions options) {
        return JdkTransport.builder().options(options).build();
    }

    /**
     * Creates a {@code java.net.http} WebSocket client alone, with its own {@code HttpClient} and threads but no
     * HTTP transport: what a client whose own transport has no WebSocket uses for live conversations. Its
     * {@code close()} aborts its connections and stops its threads.
     *
     * @param options connection settings (the connect timeout applies)
     * @return the new WebSocket client; empty where {@code java.net.http} is absent (Android, Java 8) or the
     *     system property {@value JdkTransport#STACK_PROPERTY} chooses the {@code HttpURLConnection} stack
     */
    @Override
    public Optional<WebSocketTransport> createWebSocketTransport(TransportOptions options) {
        JdkTransport.Stack stack = JdkTransport.Builder.resolve(JdkTransport.Stack.AUTO,
                System.getProperty(JdkTransport.STACK_PROPERTY), Platform.hasJavaNetHttp());
        if (stack != JdkTransport.Stack.JAVA_NET_HTTP) {
            return Optional.empty();
        }
        // Only reached where java.net.http exists: the class below and its package need it.
        return Optional.of(JavaNetHttpTransport.createWebSocket(options));
    }
}
