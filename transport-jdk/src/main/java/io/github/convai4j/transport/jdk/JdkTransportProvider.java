package io.github.convai4j.transport.jdk;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;

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
}
