package io.github.convai4j;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.internal.StubTransport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Registered in the test class path, so that core's own tests can check discovery and closing. */
public final class StubTransportProvider implements TransportProvider {

    static final List<StubTransport> CREATED = new CopyOnWriteArrayList<>();
    static volatile TransportOptions lastOptions;

    @Override
    public String name() {
        return "stub";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Transport create(TransportOptions options) {
        lastOptions = options;
        StubTransport transport = new StubTransport();
        CREATED.add(transport);
        return transport;
    }
}
