package io.github.convai4j.transport.jdk;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.transport.tck.KnownGap;
import io.github.convai4j.transport.tck.TransportConformanceTest;
import java.util.EnumSet;
import java.util.Set;

/**
 * The conformance kit against the HttpURLConnection stack, forced on a JVM that has java.net.http too. Its gaps
 * are those of the JDK's HttpURLConnection, declared and documented in {@link JdkTransport.Stack#URL_CONNECTION}.
 */
class UrlConnectionConformanceTest extends TransportConformanceTest {

    @Override
    protected Transport createTransport(TransportOptions options) {
        return JdkTransport.builder().options(options).stack(JdkTransport.Stack.URL_CONNECTION).build();
    }

    @Override
    protected Class<? extends TransportProvider> providerType() {
        return JdkTransportProvider.class;
    }

    @Override
    protected Set<KnownGap> knownGaps() {
        return EnumSet.of(KnownGap.PATCH, KnownGap.GET_WITH_BODY, KnownGap.CONTENT_TYPE_ADDED_WHEN_ABSENT,
                KnownGap.TRUNCATED_RESPONSE_HEAD_ACCEPTED, KnownGap.IDLE_CONNECTIONS_OUTLIVE_CLOSE,
                KnownGap.RESENDS_AFTER_CONNECTION_DROP, KnownGap.REQUEST_HEADER_LATIN1_REFUSED);
    }
}
