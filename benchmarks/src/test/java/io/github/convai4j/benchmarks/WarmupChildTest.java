package io.github.convai4j.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The warm-up child decodes the fixture agent with either library and times every decode (no timing is checked). */
class WarmupChildTest {

    @Test
    void bothLibrariesDecodeTheFixtureAgentAndTimeEachDecode() {
        for (String library : WarmupHarness.LIBRARIES) {
            long[] nanos = new long[3];

            long check = WarmupChild.decode(library, nanos);

            // Each decode read the agent's id: three times its length.
            assertThat(check).as(library).isEqualTo(3L * AgentFixture.AGENT_ID.length());
            assertThat(java.util.Arrays.stream(nanos).min().getAsLong()).as(library).isPositive();
        }
    }

    @Test
    void theMeanIsOverTheGivenDecodesOnly() {
        long[] nanos = {10, 20, 30, 1000, 2000};

        assertThat(WarmupChild.mean(nanos, 0, 3)).isEqualTo(20);
        assertThat(WarmupChild.mean(nanos, 3, 5)).isEqualTo(1500);
    }

    @Test
    void anUnknownLibraryIsRefused() {
        assertThatThrownBy(() -> WarmupChild.decode("gson", new long[1])).hasMessageContaining("convai4j or databind");
    }
}
