package io.github.convai4j.it;

import io.github.convai4j.http.TransportProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The transports on the test class path, by name: the parameters of every integration test. */
final class Transports {

    /** The transports convai4j ships. All must be present, or {@code TransportDiscoveryTest} fails. */
    static final List<String> SHIPPED = List.of("httpclient5", "netty", "jdk");

    private Transports() {
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            names.add(provider.name());
        }
        return names;
    }
}
