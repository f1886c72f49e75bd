package io.github.convai4j.benchmarks;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.http.Transport;

/**
 * The child JVM of benchmarks 4 and 5: makes one request, {@code GET /v1/convai/agents/{id}} of the fixture
 * agent, either through {@link ConvaiClient} (decoding the agent) or through the bare transport (body drained),
 * prints {@code DONE} and halts at once (with {@code jvm}, it does only that), so that neither the shutdown nor closing anything is measured or
 * loads classes.
 */
public final class ColdStartChild {

    private ColdStartChild() {
    }

    /**
     * Makes the request.
     *
     * @param args {@code client|bare|build <transport> <baseUrl>} ({@code build} builds the client and makes no
     *     request), or {@code jvm} to do nothing at all
     * @throws Exception if the request fails
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("jvm")) {
            done("nothing"); // the baseline of the baseline: a JVM that starts and prints
            return;
        }
        boolean viaClient = args[0].equals("client");
        Transport transport = Transports.create(args[1]);
        String answer;
        if (viaClient || args[0].equals("build")) {
            ConvaiClient client = ConvaiClient.builder().apiKey(BareRequests.API_KEY).baseUrl(args[2])
                    .transport(transport).build();
            answer = viaClient ? client.agents().get(AgentFixture.AGENT_ID).agentId() : client.toString();
        } else {
            answer = Long.toString(BareRequests.drain(transport.execute(BareRequests.get(args[2], transport.name()))));
        }
        done(answer);
    }

    private static void done(String answer) {
        System.out.println("DONE " + answer);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
