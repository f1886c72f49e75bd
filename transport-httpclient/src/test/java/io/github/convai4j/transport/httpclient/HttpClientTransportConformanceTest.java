package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.transport.tck.TransportConformanceTest;

/** The transport conformance kit, run against {@link HttpClientTransport} with no known gaps. */
class HttpClientTransportConformanceTest extends TransportConformanceTest {

    @Override
    protected Transport createTransport(TransportOptions options) {
        return HttpClientTransport.builder().options(options).build();
    }

    @Override
    protected Class<? extends TransportProvider> providerType() {
        return HttpClientTransportProvider.class;
    }
}
