package io.github.convai4j.transport.jdk;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.transport.tck.KnownGap;
import io.github.convai4j.transport.tck.TransportConformanceTest;
import java.util.EnumSet;
import java.util.Set;

/**
 * The conformance kit against the java.net.http stack. Its gaps are java.net.http's own, documented in
 * {@link JdkTransport.Stack#JAVA_NET_HTTP}: it re-sends an idempotent request once when the connection drops
 * before the response, refuses response header values with control characters, and (before Java 21) cannot
 * close a client, whose thread and idle connections then end with garbage collection.
 */
class JavaNetHttpConformanceTest extends TransportConformanceTest {

    @Override
    protected Transport createTransport(TransportOptions options) {
        return JdkTransport.builder().options(options).stack(JdkTransport.Stack.JAVA_NET_HTTP).build();
    }

    @Override
    protected Class<? extends TransportProvider> providerType() {
        return JdkTransportProvider.class;
    }

    @Override
    protected Set<KnownGap> knownGaps() {
        Set<KnownGap> gaps = EnumSet.of(KnownGap.RESENDS_AFTER_CONNECTION_DROP, KnownGap.RESPONSE_HEADER_CONTROLS_REFUSED,
                KnownGap.REQUEST_HEADER_LATIN1_REFUSED);
        if (!AutoCloseable.class.isAssignableFrom(java.net.http.HttpClient.class)) {
            gaps.add(KnownGap.CLOSED_BY_GARBAGE_COLLECTION); // Java 11 to 20
        }
        return gaps;
    }
}
