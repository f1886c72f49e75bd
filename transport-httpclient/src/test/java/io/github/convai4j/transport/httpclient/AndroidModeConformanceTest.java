package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.transport.tck.TransportConformanceTest;

/**
 * The conformance kit against the transport as it runs on Android: {@code executeAsync} on the classic client
 * (the async client's I/O reactor cannot initialize there), so no class of the async client is used. Forced here
 * on a JVM. No known gaps.
 */
class AndroidModeConformanceTest extends TransportConformanceTest {

    @Override
    protected Transport createTransport(TransportOptions options) {
        return HttpClientTransport.builder().options(options).asyncOnClassicClient(true).build();
    }

    @Override
    protected Class<? extends TransportProvider> providerType() {
        return HttpClientTransportProvider.class;
    }
}
