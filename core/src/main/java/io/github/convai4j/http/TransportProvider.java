package io.github.convai4j.http;

import java.util.Optional;

/**
 * Creates a {@link Transport}; found with {@link java.util.ServiceLoader} when the client is not given a
 * transport explicitly.
 *
 * <p>Each transport module registers its provider in
 * {@code META-INF/services/io.github.convai4j.http.TransportProvider}. When several are on the class path,
 * the one with the highest {@link #priority()} wins (ties are broken by {@link #name()}); a client may
 * still choose one by name or pass a transport instance. The shipped priorities are
 * {@code convai4j-transport-httpclient} 200, {@code convai4j-transport-netty} 100 and
 * {@code convai4j-transport-jdk} 50.
 *
 * <p>Implementations have a public no-argument constructor and are thread-safe.
 */
public interface TransportProvider {

    /**
     * Returns the transport's short name, e.g. {@code "httpclient5"} or {@code "netty"}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the priority among discovered providers; higher wins.
     *
     * @return the priority
     */
    int priority();

    /**
     * Creates a transport configured with {@code options}. The caller owns the transport and closes it.
     *
     * @param options connection settings
     * @return a new transport
     */
    Transport create(TransportOptions options);

    /**
     * Creates only a WebSocket client, with nothing of the HTTP side: what a client needs for live conversations
     * when its own transport has no WebSocket (HttpClient 5 has none). The caller owns it and closes it.
     *
     * <p>Default: creates the whole transport with {@link #create}; if it has a WebSocket capability, returns a
     * client that uses it and closes the transport when closed, else closes the transport again and returns
     * empty. The shipped providers override it: {@code convai4j-transport-netty} creates its WebSocket client on
     * event loops of its own, {@code convai4j-transport-jdk} one on {@code java.net.http} (empty where that is
     * absent), {@code convai4j-transport-httpclient} none, and none of them builds an HTTP client for it.
     *
     * @param options connection settings (the connect timeout applies)
     * @return a new WebSocket client, or empty if this provider has none here
     */
    default Optional<WebSocketTransport> createWebSocketTransport(TransportOptions options) {
        Transport transport = create(options);
        Optional<WebSocketTransport> capability = transport.webSocket();
        if (!capability.isPresent()) {
            transport.close();
            return Optional.empty();
        }
        return Optional.of(new TransportWebSocket(transport, capability.get()));
    }
}
