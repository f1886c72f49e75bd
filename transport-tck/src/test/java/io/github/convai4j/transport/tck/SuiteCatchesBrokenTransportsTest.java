package io.github.convai4j.transport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import io.github.convai4j.http.Transport;
import io.github.convai4j.transport.tck.BrokenTransports.BrokenSuite;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves the suite's checks can fail: each test runs one or two checks of the suite, through the JUnit
 * Platform, against a transport with one deliberate bug, and requires them to fail with a message that
 * names the problem.
 */
class SuiteCatchesBrokenTransportsTest {
    private static final String MODE = Mode.class.getName();

    static final class DropsRepeatedHeadersSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.DropsRepeatedHeaders(healthy);
        }
    }

    static final class FoldsResponseHeadersSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.FoldsResponseHeaders(healthy);
        }
    }

    static final class BuffersUnknownLengthSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.BuffersUnknownLengthBodies(healthy);
        }
    }

    static final class BuffersAllBodiesSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.BuffersAllBodies(healthy);
        }
    }

    static final class ReEncodesUrlsSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.ReEncodesUrls(healthy);
        }
    }

    static final class IgnoresRequestTimeoutsSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.IgnoresRequestTimeouts(healthy);
        }
    }

    static final class SwallowsBodyErrorsSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.SwallowsBodyErrors(healthy);
        }
    }

    static final class BuffersWholeResponsesSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.BuffersWholeResponses(healthy);
        }
    }

    static final class ReadsAheadSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.ReadsAheadWithoutBackpressure(healthy);
        }
    }

    static final class FollowsRedirectsSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.FollowsRedirects(healthy);
        }
    }

    static final class RetriesServiceUnavailableSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.RetriesServiceUnavailable(healthy);
        }
    }

    static final class LeaksAThreadSuite extends BrokenSuite {
        @Override
        Transport breakIt(Transport healthy) {
            return new BrokenTransports.LeaksAThread(healthy);
        }
    }

    @AfterAll
    static void stopLeakedThreads() {
        BrokenTransports.LeaksAThread.stopLeakedThreads();
    }

    private static Events run(Class<? extends BrokenSuite> suite, Class<?> group, String method, String parameterTypes) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectNestedMethod(Collections.<Class<?>>singletonList(suite), group, method, parameterTypes))
                .execute()
                .testEvents();
    }

    private static List<String> failureMessages(Events events) {
        return events.failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable))
                .map(t -> t.map(Throwable::toString).orElse("<no throwable>"))
                .collect(Collectors.toList());
    }

    /**
     * The broken transport fails every selected case, with the expected words in the message. (That the
     * same checks pass for the healthy reference transport is shown by UrlConnectionTransportConformanceTest,
     * which runs the whole suite.)
     */
    private static void assertCaught(Class<? extends BrokenSuite> broken, Class<?> group, String method,
            String parameterTypes, String expectedWords) {
        Events events = run(broken, group, method, parameterTypes);
        long started = events.started().count();
        assertThat(started).as("cases of %s selected", method).isPositive();
        assertThat(events.failed().count())
                .as("%s against %s: every case must fail, events %s", method, broken.getSimpleName(), events.list())
                .isEqualTo(started);
        assertThat(failureMessages(events)).allSatisfy(m -> assertThat(m).contains(expectedWords));
    }

    @Test
    void droppedRepeatedRequestHeaderIsCaught() {
        assertCaught(DropsRepeatedHeadersSuite.class, TransportConformanceTest.HeaderFields.class,
                "repeatedRequestHeaderReachesServerWithBothValues", MODE, "both values");
    }

    @Test
    void foldedResponseHeadersAreCaught() {
        assertCaught(FoldsResponseHeadersSuite.class, TransportConformanceTest.HeaderFields.class,
                "repeatedResponseHeaderKeepsEveryValue", MODE, "got 1: [\"one, two\"]");
    }

    @Test
    void bufferingABodyOfUnknownLengthIsCaught() {
        assertCaught(BuffersUnknownLengthSuite.class, TransportConformanceTest.RequestBodies.class,
                "unknownLengthUploadIsChunked", MODE, "Transfer-Encoding: chunked");
    }

    @Test
    void collectingTheBodyBeforeSendingIsCaught() {
        assertCaught(BuffersAllBodiesSuite.class, TransportConformanceTest.RequestBodies.class,
                "uploadIsStreamedWhileTheBodyIsWritten", MODE, "must stream request bodies");
    }

    @Test
    void reEncodedUrlIsCaught() {
        assertCaught(ReEncodesUrlsSuite.class, TransportConformanceTest.RequestTargets.class,
                "rawTargetArrivesByteForByteAsync", "", "byte for byte");
    }

    @Test
    void ignoredPerRequestTimeoutIsCaught() {
        assertCaught(IgnoresRequestTimeoutsSuite.class, TransportConformanceTest.Timeouts.class,
                "requestTimeoutsOverrideShorterOptions", MODE, "must override the transport's shorter defaults");
    }

    @Test
    void silentlyShortBodyIsCaught() {
        assertCaught(SwallowsBodyErrorsSuite.class, TransportConformanceTest.BrokenConnections.class,
                "bodyShorterThanContentLengthFails", MODE, "silently short body");
    }

    @Test
    void bufferingTheWholeResponseIsCaught() {
        assertCaught(BuffersWholeResponsesSuite.class, TransportConformanceTest.Timeouts.class,
                "readTimeoutFromBodyStreamWhenServerStallsMidBody", MODE, "as soon as its head has arrived");
    }

    @Test
    void missingBackpressureIsCaught() {
        assertCaught(ReadsAheadSuite.class, TransportConformanceTest.LargeBodies.class,
                "download512MiBChunkedWithPausingReader", MODE, "backpressure");
    }

    @Test
    void followedRedirectIsCaught() {
        // Sync cases only: the broken transport follows redirects in execute().
        Events events = run(FollowsRedirectsSuite.class, TransportConformanceTest.RedirectsAndRetries.class,
                "redirectIsReturnedNotFollowed", "int, " + io.github.convai4j.http.HttpMethod.class.getName() + ", " + MODE);
        List<String> failures = failureMessages(events);
        assertThat(events.started().count()).isEqualTo(8);
        assertThat(failures).hasSize(4).allSatisfy(m -> assertThat(m).contains("follows no redirect"));
    }

    @Test
    void retriedServiceUnavailableIsCaught() {
        Events events = run(RetriesServiceUnavailableSuite.class, TransportConformanceTest.RedirectsAndRetries.class,
                "serviceUnavailableIsReturnedNotRetried", io.github.convai4j.http.HttpMethod.class.getName() + ", " + MODE);
        assertThat(events.started().count()).isEqualTo(4);
        assertThat(failureMessages(events)).hasSize(2).allSatisfy(m -> assertThat(m).contains("retries nothing"));
    }

    @Test
    void threadLeftRunningAfterCloseIsCaught() {
        assertCaught(LeaksAThreadSuite.class, TransportConformanceTest.Lifecycle.class,
                "closeStopsEveryThreadAndClosesEverySocket", "", "broken-transport-housekeeper");
    }
}
