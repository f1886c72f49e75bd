package io.github.convai4j;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.http.WebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the transport a client uses when none is given: every {@link TransportProvider} registered with
 * {@link ServiceLoader}, the one with the highest priority (ties broken by name), or the one named by
 * {@code ConvaiClient.Builder.transportName} or the system property {@value #TRANSPORT_PROPERTY}.
 */
final class TransportDiscovery {

    /** System property naming the transport to use when several are on the class path. */
    static final String TRANSPORT_PROPERTY = "convai4j.transport";

    static final String HOW_TO_ADD = "Add io.github.convai4j:convai4j-transport-httpclient (Apache HttpClient 5, a good"
            + " default), io.github.convai4j:convai4j-transport-netty (Netty, non-blocking; also live conversations) or"
            + " io.github.convai4j:convai4j-transport-jdk (the JDK's own clients, no third-party stack; also live"
            + " conversations on Java 11+) to your dependencies, or pass a transport with"
            + " ConvaiClient.builder().transport(...)";

    private static final Logger LOG = LoggerFactory.getLogger(TransportDiscovery.class);

    private TransportDiscovery() {
    }

    static Transport create(ClassLoader classLoader, String name, TransportOptions options) {
        TransportProvider provider = select(load(classLoader), name);
        LOG.debug("Using the {} transport ({})", provider.name(), provider.getClass().getName());
        return provider.create(options);
    }

    /**
     * Creates a WebSocket client for live conversations, when the client's transport (named
     * {@code clientTransportName}) has none: the discovered providers are asked by priority for their WebSocket
     * client alone ({@link TransportProvider#createWebSocketTransport}), so that no unrelated HTTP transport is
     * built; the first that has one wins.
     *
     * @throws IllegalStateException naming convai4j-transport-netty if no discovered provider has one
     */
    static WebSocketTransport createWebSocket(ClassLoader classLoader, TransportOptions options,
            String clientTransportName) {
        List<TransportProvider> providers = new ArrayList<>(load(classLoader));
        providers.sort(Comparator.comparingInt(TransportProvider::priority).reversed()
                .thenComparing(TransportProvider::name));
        for (TransportProvider provider : providers) {
            if (provider.name().equalsIgnoreCase(clientTransportName)) {
                continue;
            }
            Optional<WebSocketTransport> webSockets = provider.createWebSocketTransport(options);
            if (webSockets.isPresent()) {
                LOG.debug("Using the WebSocket client of the {} transport for live conversations ({} has none)",
                        provider.name(), clientTransportName);
                return webSockets.get();
            }
        }
        throw new IllegalStateException(noWebSocketMessage(clientTransportName));
    }

    static String noWebSocketMessage(String transportName) {
        return "Live conversations need a transport with WebSocket support, and the client's transport ("
                + transportName + ") has none. Add io.github.convai4j:convai4j-transport-netty (or, on Java 11 and"
                + " later, io.github.convai4j:convai4j-transport-jdk) to your dependencies: the client then uses it"
                + " for live conversations only and keeps " + transportName + " for API calls."
                + " Or pass a WebSocket client with liveConversation(agentId).webSocketTransport(...)";
    }

    /**
     * The transports convai4j ships: the name a provider reports, the other name accepted for it (the
     * artifact's suffix, where that differs), and the artifact that provides it. Only for choosing by name and
     * for error messages that say what to add; discovery itself goes by {@link ServiceLoader}.
     */
    private static final String[][] SHIPPED = {
            {"httpclient5", "httpclient", "io.github.convai4j:convai4j-transport-httpclient", "Apache HttpClient 5"},
            {"netty", "netty", "io.github.convai4j:convai4j-transport-netty", "Netty; also live conversations"},
            {"jdk", "jdk", "io.github.convai4j:convai4j-transport-jdk",
                "the JDK's own clients, no third-party stack; also live conversations on Java 11+"},
    };

    /** Picks a provider: the one named {@code name} if given, else the highest priority. */
    static TransportProvider select(List<TransportProvider> providers, String name) {
        if (providers.isEmpty()) {
            throw new IllegalStateException("No convai4j transport found on the class path. " + HOW_TO_ADD + ".");
        }
        List<TransportProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(TransportProvider::priority).reversed()
                .thenComparing(TransportProvider::name));
        if (name == null || name.trim().isEmpty()) {
            return sorted.get(0);
        }
        String wanted = canonicalName(name.trim());
        List<String> found = new ArrayList<>();
        for (TransportProvider provider : sorted) {
            if (canonicalName(provider.name()).equals(wanted)) {
                return provider;
            }
            found.add(provider.name() + " (priority " + provider.priority() + ")");
        }
        StringBuilder message = new StringBuilder("No convai4j transport named '").append(name.trim())
                .append("' on the class path; on it: ").append(String.join(", ", found)).append(". ");
        String[] shipped = shipped(wanted);
        if (shipped != null) {
            message.append("To use '").append(name.trim()).append("', add ").append(shipped[2])
                    .append(" to your dependencies.");
        } else {
            message.append("The transports convai4j ships, by the name to pass and the artifact to add: ");
            for (int i = 0; i < SHIPPED.length; i++) {
                message.append(i == 0 ? "" : "; ").append(SHIPPED[i][0]);
                if (!SHIPPED[i][1].equals(SHIPPED[i][0])) {
                    message.append(" or ").append(SHIPPED[i][1]);
                }
                message.append(" (").append(SHIPPED[i][3]).append("): ").append(SHIPPED[i][2]);
            }
            message.append('.');
        }
        throw new IllegalStateException(message.toString());
    }

    /** The name a provider reports for {@code name}, which may be a shipped transport's other name. */
    static String canonicalName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String[] transport : SHIPPED) {
            if (transport[1].equals(lower)) {
                return transport[0];
            }
        }
        return lower;
    }

    private static String[] shipped(String canonicalName) {
        for (String[] transport : SHIPPED) {
            if (transport[0].equals(canonicalName)) {
                return transport;
            }
        }
        return null;
    }

    /** Loads the providers visible to {@code classLoader}, else to the context and convai4j's own loaders. */
    static List<TransportProvider> load(ClassLoader classLoader) {
        List<ClassLoader> loaders = new ArrayList<>();
        if (classLoader != null) {
            loaders.add(classLoader);
        } else {
            if (Thread.currentThread().getContextClassLoader() != null) {
                loaders.add(Thread.currentThread().getContextClassLoader());
            }
            loaders.add(TransportDiscovery.class.getClassLoader());
        }
        Map<String, TransportProvider> byClass = new LinkedHashMap<>();
        for (ClassLoader loader : loaders) {
            Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class, loader).iterator();
            // Bounded: a broken provider must not keep the loop from ending.
            for (int i = 0; i < 100; i++) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    TransportProvider provider = it.next();
                    byClass.putIfAbsent(provider.getClass().getName(), provider);
                } catch (ServiceConfigurationError broken) {
                    LOG.warn("Skipping a transport provider that cannot be loaded: {}", broken.getMessage());
                }
            }
        }
        return new ArrayList<>(byClass.values());
    }
}
