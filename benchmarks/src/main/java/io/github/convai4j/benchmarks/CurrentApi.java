package io.github.convai4j.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import io.github.convai4j.ConvaiClient;
import io.github.convai4j.http.Transport;
import io.github.convai4j.json.Json;
import io.github.convai4j.models.agents.GetAgentResponse;

import java.io.IOException;

/**
 * {@link ConvaiApi} on this tree's code: what the client does with a response body and a request body, and the
 * client built on an explicit transport. Its twin for the code before issue 14 is {@code BaselineApi}
 * ({@code benchmarks/src/baseline/java}); keep the two doing the same things.
 */
public final class CurrentApi implements ConvaiApi {

    @Override
    public Object decodeAgent(byte[] json) throws IOException {
        try (JsonParser parser = Json.factory().createParser(json)) {
            parser.nextToken();
            return GetAgentResponse.codec().read(parser);
        }
    }

    @Override
    public byte[] encodeAgent(Object agent) {
        return Json.toBytes(GetAgentResponse.codec(), (GetAgentResponse) agent);
    }

    @Override
    public String agentId(Object agent) {
        return ((GetAgentResponse) agent).agentId();
    }

    @Override
    public String clientGet(String transport, String baseUrl) {
        return client(transport, baseUrl).agents().get(AgentFixture.AGENT_ID).agentId();
    }

    @Override
    public String buildClient(String transport, String baseUrl) {
        return client(transport, baseUrl).toString();
    }

    @Override
    public long bareGet(String transport, String baseUrl) throws IOException {
        Transport t = Transports.create(transport);
        return BareRequests.drain(t.execute(BareRequests.get(baseUrl, t.name())));
    }

    private static ConvaiClient client(String transport, String baseUrl) {
        return ConvaiClient.builder().apiKey(BareRequests.API_KEY).baseUrl(baseUrl)
                .transport(Transports.create(transport)).build();
    }
}
