package io.github.convai4j.benchmarks;

import io.github.convai4j.http.Transport;
import io.github.convai4j.transport.httpclient.HttpClientTransport;
import io.github.convai4j.transport.netty.NettyTransport;

import java.util.List;

/** The transports under test, by the names they report. */
public final class Transports {

    /** Every transport, in the order the report lists them. */
    public static final List<String> NAMES = List.of(HttpClientTransport.NAME, NettyTransport.NAME);

    private Transports() {
    }

    /**
     * Creates a transport with its default options.
     *
     * @param name {@code httpclient5} or {@code netty}
     * @return the new transport; the caller closes it
     */
    public static Transport create(String name) {
        return switch (name) {
            case HttpClientTransport.NAME -> HttpClientTransport.builder().build();
            case NettyTransport.NAME -> NettyTransport.create();
            default -> throw new IllegalArgumentException("Unknown transport " + name + "; one of " + NAMES);
        };
    }
}
