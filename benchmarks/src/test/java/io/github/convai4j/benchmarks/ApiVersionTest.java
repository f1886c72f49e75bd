package io.github.convai4j.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Before and after run the same harness code; what differs is the adapter and the jars. */
class ApiVersionTest {

    @Test
    void thisTreesAdapterDecodesAndEncodesTheFixtureAgent() throws Exception {
        ConvaiApi api = ConvaiApi.forVersion(ConvaiApi.AFTER);

        Object agent = api.decodeAgent(AgentJson.bytes());

        assertThat(api.agentId(agent)).isEqualTo(AgentFixture.AGENT_ID);
        assertThat(api.agentId(api.decodeAgent(api.encodeAgent(agent)))).isEqualTo(AgentFixture.AGENT_ID);
    }

    @Test
    void anUnknownVersionIsRefusedAndTheBaselinesAdapterIsNotOnThisClassPath() {
        assertThatThrownBy(() -> ConvaiApi.forVersion("main")).hasMessageContaining("before or after, not main");
        assertThatThrownBy(() -> ConvaiApi.forVersion(ConvaiApi.BEFORE)).hasMessageContaining("lacks its adapter");
    }

    @Test
    void eachKindOfJvmGoesFirstOnceEveryRoundOfRounds() {
        List<String> kinds = List.of("before", "after", "databind");

        assertThat(WarmupHarness.rotated(kinds, 0)).containsExactly("before", "after", "databind");
        assertThat(WarmupHarness.rotated(kinds, 1)).containsExactly("after", "databind", "before");
        assertThat(WarmupHarness.rotated(kinds, 2)).containsExactly("databind", "before", "after");
        assertThat(WarmupHarness.rotated(kinds, 3)).isEqualTo(WarmupHarness.rotated(kinds, 0));
    }

    @Test
    void aJarsArtifactNameWithoutItsVersionMatchesTheSameArtifactOfTheOtherSide() {
        assertThat(ApiVersion.withoutVersion("jackson-core-2.22.4")).isEqualTo("jackson-core");
        assertThat(ApiVersion.withoutVersion("convai4j-core-0.1.0-SNAPSHOT")).isEqualTo("convai4j-core");
        assertThat(ApiVersion.withoutVersion("httpcore5-h2-5.4.4")).isEqualTo("httpcore5-h2");
        assertThat(ApiVersion.withoutVersion("core")).isEqualTo("core");
    }
}
