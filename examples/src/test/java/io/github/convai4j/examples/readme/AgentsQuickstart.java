package io.github.convai4j.examples.readme;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.models.agents.AgentSummaryResponse;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.UpdateAgentRequest;
import io.github.convai4j.models.common.AgentConfig;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.models.common.PromptAgent;
import io.github.convai4j.core.FilePart;

import java.nio.file.Path;
import java.nio.file.Paths;

public class AgentsQuickstart {

    public static void main(String[] args) {
        // Build one client and share it (thread-safe); the API key comes from ELEVENLABS_API_KEY.
        try (ConvaiClient client = ConvaiClient.builder().build()) {
            String agentId = run(client, Paths.get(args[0]));  // args[0]: a PNG image for the widget avatar
            client.agents().delete(agentId);
        }
    }

    static String run(ConvaiClient client, Path avatarPng) {
        String agentId = client.agents().create(CreateAgentRequest.builder()
                .name("Support")
                .conversationConfig(ConversationalConfig.builder()
                        .agent(AgentConfig.builder()
                                .firstMessage("Hi! How can I help?")
                                .prompt(PromptAgent.builder().prompt("You are a friendly support agent.").build())
                                .build())
                        .build())
                .build()).agentId();

        GetAgentResponse agent = client.agents().get(agentId);
        // Nested models read without null checks; optional values are Fields: absent, null or a value.
        System.out.println(agent.agentId() + ": " + agent.name() + ", prompt: "
                + agent.conversationConfig().agent().prompt().prompt().orElse("none"));

        // PATCH sends only what you set: the first message and everything else stay as they are.
        // null is JSON null: here the agent's LLM requests go without a temperature.
        client.agents().update(agentId, UpdateAgentRequest.builder()
                .conversationConfig(ConversationalConfig.builder()
                        .agent(AgentConfig.builder()
                                .prompt(PromptAgent.builder().prompt("You are a patient support agent.")
                                        .temperature(null).build())
                                .build())
                        .build())
                .build());

        // A multipart upload, streamed from the file.
        client.agents().widget().avatar().create(agentId, FilePart.of(avatarPng).withContentType("image/png"));

        // Every agent, page after page: the next page is fetched when the loop reaches it.
        for (AgentSummaryResponse summary : client.agents().list().iterateAll()) {
            System.out.println(summary.agentId() + " " + summary.name());
        }
        return agentId;
    }
}
