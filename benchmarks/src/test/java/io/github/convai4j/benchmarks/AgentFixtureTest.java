package io.github.convai4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.UpdateAgentRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixture is what the benchmarks claim it is: a large agent the generated codecs read whole. */
class AgentFixtureTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void isAFullAgentOfTensOfKilobytes() throws IOException {
        JsonNode tree = mapper.readTree(AgentFixture.agentJson());

        assertThat(AgentFixture.agentJson().length).isBetween(30_000, 100_000);
        assertThat(tree.fieldNames()).toIterable().contains("agent_id", "name", "conversation_config", "metadata",
                "platform_settings", "phone_numbers", "workflow", "access_info");
    }

    @Test
    void decodesWithTheGeneratedCodecAndWritesBackTheSameJson() throws IOException {
        GetAgentResponse agent = AgentFixture.agent().validate();

        assertThat(agent.agentId()).isEqualTo(AgentFixture.AGENT_ID);
        assertThat(agent.additionalProperties()).isEmpty();
        byte[] written = AgentFixture.write(agent, GetAgentResponse.codec());
        assertThat(mapper.readTree(written)).isEqualTo(mapper.readTree(AgentFixture.agentJson()));
    }

    @Test
    void theUpdateBodyIsTheAgentsWritableConfiguration() throws IOException {
        UpdateAgentRequest update = AgentFixture.update();
        JsonNode body = mapper.readTree(AgentFixture.updateBytes());
        JsonNode agent = mapper.readTree(AgentFixture.agentJson());

        assertThat(update.additionalProperties()).isEmpty();
        assertThat(body.fieldNames()).toIterable()
                .containsExactly("conversation_config", "platform_settings", "workflow", "name", "tags");
        assertThat(body.get("name")).isEqualTo(agent.get("name"));
        assertThat(AgentFixture.updateBytes().length).isGreaterThan(30_000);
    }
}
