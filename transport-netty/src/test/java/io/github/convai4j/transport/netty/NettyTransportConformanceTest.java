package io.github.convai4j.transport.netty;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.transport.tck.TransportConformanceTest;

/** The Netty transport passes the whole transport conformance kit, with its own event loops and defaults. */
class NettyTransportConformanceTest extends TransportConformanceTest {

    @Override
    protected Transport createTransport(TransportOptions options) {
        return NettyTransport.builder().options(options).build();
    }

    @Override
    protected Class<? extends TransportProvider> providerType() {
        return NettyTransportProvider.class;
    }
}
