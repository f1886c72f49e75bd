package io.github.convai4j.http;

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
}
