package io.github.convai4j.examples.readme;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.testkit.FakeAgentsPlatformExtension;
import io.github.convai4j.testkit.FaultRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class AgentSetupTest {

    @RegisterExtension
    static final FakeAgentsPlatformExtension fake = FakeAgentsPlatformExtension.create(); // reset before each test

    @Test
    void createsTheAgentDespiteARateLimit() {
        fake.server().injectFault(FaultRule.on("POST", "/v1/convai/agents/create").tooManyRequests(1).once());

        try (ConvaiClient client = ConvaiClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build()) {
            String id = client.agents().create(CreateAgentRequest.builder().name("Support")
                    .conversationConfig(ConversationalConfig.builder().build()).build()).agentId();
            assertThat(client.agents().get(id).name()).isEqualTo("Support");
        }
        // The 429 (Retry-After: 1) was retried once, after the second the server asked for.
        assertThat(fake.server().requests("POST", "/v1/convai/agents/create")).hasSize(2);
    }
}
