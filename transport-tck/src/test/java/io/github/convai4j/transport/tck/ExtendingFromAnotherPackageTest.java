package io.github.convai4j.transport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import io.github.convai4j.transport.tck.external.ThirdPartyStyleSuite;
import java.util.Collections;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A transport module extends the suite from its own package: JUnit must find every nested group
 * through the subclass and run the suite's package-private set-up and clean-up for it.
 */
class ExtendingFromAnotherPackageTest {

    @Test
    void everyGroupIsDiscoveredThroughTheSubclass() {
        TestPlan plan = LauncherFactory.create().discover(request().selectors(selectClass(ThirdPartyStyleSuite.class))
                .build());
        Set<String> groups = plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .filter(TestIdentifier::isContainer)
                .map(TestIdentifier::getDisplayName)
                .collect(Collectors.toSet());
        assertThat(groups).contains("Methods", "HeaderFields", "RequestTargets", "StatusCodes", "RequestBodies",
                "RedirectsAndRetries", "Multipart", "LargeBodies", "Timeouts", "Cancellation", "BrokenConnections",
                "Connections", "Lifecycle");
    }

    @Test
    void nestedChecksRunWithTheSuitesSetUpForTheSubclass() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(
                        selectNestedMethod(Collections.<Class<?>>singletonList(ThirdPartyStyleSuite.class),
                                TransportConformanceTest.Methods.class, "headResponseHasNoBodyAndLeavesConnectionUsable",
                                Mode.class.getName()),
                        selectNestedMethod(Collections.<Class<?>>singletonList(ThirdPartyStyleSuite.class),
                                TransportConformanceTest.Lifecycle.class, "providerIsDiscoverableWithServiceLoader"))
                .execute()
                .testEvents();
        assertThat(events.started().count()).isEqualTo(3);
        assertThat(events.succeeded().count()).as("failures: %s", events.failed().list()).isEqualTo(3);
    }
}
