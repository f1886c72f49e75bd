package io.github.convai4j.transport.tck;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * Runs the whole conformance suite against the reference transport on {@code HttpURLConnection}: the
 * proof that the suite's checks pass for an honest transport. Its known gaps are declared; the real
 * transports declare none.
 */
class UrlConnectionTransportConformanceTest extends TransportConformanceTest {

    @Override
    protected Transport createTransport(TransportOptions options) {
        return new UrlConnectionTransport(options);
    }

    @Override
    protected Class<? extends TransportProvider> providerType() {
        return UrlConnectionTransportProvider.class;
    }

    @Override
    protected Set<KnownGap> knownGaps() {
        return EnumSet.of(KnownGap.PATCH, KnownGap.GET_WITH_BODY, KnownGap.CONTENT_TYPE_ADDED_WHEN_ABSENT,
                KnownGap.TRUNCATED_RESPONSE_HEAD_ACCEPTED, KnownGap.IDLE_CONNECTIONS_OUTLIVE_CLOSE,
                KnownGap.RESENDS_AFTER_CONNECTION_DROP, KnownGap.REQUEST_HEADER_LATIN1_REFUSED);
    }
}
