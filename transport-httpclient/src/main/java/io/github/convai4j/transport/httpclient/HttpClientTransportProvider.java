package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.http.WebSocketTransport;

import java.util.Optional;

/**
 * Makes {@link HttpClientTransport} discoverable through {@link java.util.ServiceLoader}: name
 * {@value HttpClientTransport#NAME}, priority {@value #PRIORITY} (preferred over the Netty transport's 100).
 * Registered in {@code META-INF/services/io.github.convai4j.http.TransportProvider}. Stateless and
 * thread-safe.
 */
public final class HttpClientTransportProvider implements TransportProvider {

    /** The priority of this provider: {@value}. */
    public static final int PRIORITY = 200;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public HttpClientTransportProvider() {
    }

    /**
     * Returns {@value HttpClientTransport#NAME}.
     *
     * @return the name
     */
    @Override
    public String name() {
        return HttpClientTransport.NAME;
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
     * Creates an {@link HttpClientTransport} that owns its HttpClient instances.
     *
     * @param options connection settings
     * @return a new transport, which the caller closes
     */
    @Override
    public Transport create(TransportOptions options) {
        return HttpClientTransport.builder().options(options).build();
    }

    /**
     * Returns empty, without creating anything: HttpClient 5 has no WebSocket client. A client on this transport
     * takes the WebSocket for live conversations from another transport on the class path.
     *
     * @param options not used
     * @return empty
     */
    @Override
    public Optional<WebSocketTransport> createWebSocketTransport(TransportOptions options) {
        return Optional.empty();
    }
}
