package io.github.convai4j.transport.tck.external;

import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.transport.tck.KnownGap;
import io.github.convai4j.transport.tck.TransportConformanceTest;
import io.github.convai4j.transport.tck.UrlConnectionTransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * Extends the suite from another package, exactly as a transport module does (only public API in
 * reach). Run through the JUnit testkit by ExtendingFromAnotherPackageTest; not named *Test.
 */
public class ThirdPartyStyleSuite extends TransportConformanceTest {
    @Override
    protected Transport createTransport(TransportOptions options) {
        return new UrlConnectionTransportProvider().create(options);
    }

    @Override
    protected Class<? extends TransportProvider> providerType() {
        return UrlConnectionTransportProvider.class;
    }

    @Override
    protected Set<KnownGap> knownGaps() {
        return EnumSet.of(KnownGap.PATCH, KnownGap.GET_WITH_BODY, KnownGap.CONTENT_TYPE_ADDED_WHEN_ABSENT,
                KnownGap.TRUNCATED_RESPONSE_HEAD_ACCEPTED, KnownGap.IDLE_CONNECTIONS_OUTLIVE_CLOSE);
    }
}
