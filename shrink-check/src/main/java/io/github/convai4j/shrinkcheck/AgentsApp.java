package io.github.convai4j.shrinkcheck;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.UpdateAgentRequest;

import java.util.Arrays;

/**
 * A small app as a user would write it, for the shrink check: it reads an agent, renames and tags it, and asks for
 * an agent that does not exist. The check shrinks and obfuscates it with ProGuard, runs it in a JVM of its own and
 * compares what it prints with what the fake server holds.
 *
 * <p>Arguments: the base URL, the API key and the id of an existing agent. The client finds its transport with
 * {@link java.util.ServiceLoader}, the documented default. Exit status 0 when every call gave the expected kind of
 * answer; any exception ends the JVM with a stack trace and a non-zero status.
 */
public final class AgentsApp {

    /** The name the app gives the agent. */
    public static final String NEW_NAME = "Renamed by a shrunk app";

    private AgentsApp() {
    }

    /**
     * Runs the app; see the class documentation.
     *
     * @param args base URL, API key, agent id
     */
    public static void main(String[] args) {
        String baseUrl = args[0];
        String apiKey = args[1];
        String agentId = args[2];
        try (ConvaiClient client = ConvaiClient.builder().baseUrl(baseUrl).apiKey(apiKey).build()) {
            GetAgentResponse agent = client.agents().get(agentId);
            System.out.println("get: " + agent.agentId() + " named " + agent.name());

            GetAgentResponse updated = client.agents().update(agentId, UpdateAgentRequest.builder()
                    .name(NEW_NAME)
                    .tags(Arrays.asList("shrunk", "obfuscated"))
                    .build());
            System.out.println("update: " + updated.agentId() + " named " + updated.name() + " tagged "
                    + updated.tags().orElse(null));

            try {
                client.agents().get(agentId + "_missing");
                System.out.println("missing: found, expected a 404");
            } catch (NotFoundException expected) {
                System.out.println("missing: " + expected.statusCode());
            }
        }
    }
}
