package io.github.convai4j.transport.tck;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;

/** Provider of the kit's reference transport; registered in the kit's test resources only. */
public final class UrlConnectionTransportProvider implements TransportProvider {
    static final String NAME = "urlconnection-reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -1000; // never preferred over a real transport
    }

    @Override
    public Transport create(TransportOptions options) {
        return new UrlConnectionTransport(options);
    }
}
