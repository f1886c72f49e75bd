package io.github.convai4j.transport.netty;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.http.WebSocketTransport;

import java.util.Optional;

/**
 * Registers {@link NettyTransport} for {@link java.util.ServiceLoader} discovery under the name
 * {@value NettyTransport#NAME} with priority {@value #PRIORITY} (below {@code convai4j-transport-httpclient}'s
 * 200, so that with both on the class path the Apache client is chosen unless the Netty one is asked for by
 * name). Each created transport has its own event loops; to share an event loop group, build the transport
 * with {@link NettyTransport#builder()} and pass it to the client instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class NettyTransportProvider implements TransportProvider {

    /** The provider's priority: {@value}. */
    public static final int PRIORITY = 100;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public NettyTransportProvider() {
    }

    /**
     * Returns {@value NettyTransport#NAME}.
     *
     * @return the name
     */
    @Override
    public String name() {
        return NettyTransport.NAME;
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
     * Creates a {@link NettyTransport} with its own event loops and the JDK's TLS.
     *
     * @param options connection settings
     * @return a new transport; the caller closes it
     */
    @Override
    public Transport create(TransportOptions options) {
        return NettyTransport.builder().options(options).build();
    }

    /**
     * Creates a WebSocket client alone, on one event loop thread of its own with the JDK's TLS, without the
     * HTTP side of a {@link NettyTransport}: what a client whose own transport has no WebSocket uses for live
     * conversations. Its {@code close()} closes its connections and stops its thread.
     *
     * @param options connection settings (the connect timeout applies)
     * @return the new WebSocket client; always present
     */
    @Override
    public Optional<WebSocketTransport> createWebSocketTransport(TransportOptions options) {
        return Optional.of(NettyWebSocketTransport.standalone(options));
    }
}
