package io.github.convai4j.benchmarks.baseline;

import com.fasterxml.jackson.core.JsonParser;
import io.github.convai4j.ConvaiClient;
import io.github.convai4j.benchmarks.AgentFixture;
import io.github.convai4j.benchmarks.BareRequests;
import io.github.convai4j.benchmarks.ConvaiApi;
import io.github.convai4j.core.Json;
import io.github.convai4j.core.json.Codecs;
import io.github.convai4j.http.Transport;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.transport.httpclient.HttpClientTransport;
import io.github.convai4j.transport.netty.NettyTransport;

import java.io.IOException;

/**
 * {@link ConvaiApi} on the code before issue 14 (commit 7ea44c3 by default): not compiled with the module, but by
 * the suite against the baseline's jars (see {@code Baseline}), into {@code benchmarks/target/baseline-<commit>/}.
 * It does what {@code CurrentApi} does, in the API of that time: {@code Json} was
 * {@code io.github.convai4j.core.Json} and a request body went through {@code core.json.Codecs.toBytes}
 * (the benchmark of that commit called the same). That tree had the HttpClient 5 and Netty transports only.
 */
public final class BaselineApi implements ConvaiApi {

    @Override
    public Object decodeAgent(byte[] json) throws IOException {
        try (JsonParser parser = Json.factory().createParser(json)) {
            parser.nextToken();
            return GetAgentResponse.codec().read(parser);
        }
    }

    @Override
    public byte[] encodeAgent(Object agent) {
        return Codecs.toBytes(GetAgentResponse.codec(), (GetAgentResponse) agent);
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
        Transport t = create(transport);
        return BareRequests.drain(t.execute(BareRequests.get(baseUrl, t.name())));
    }

    private static ConvaiClient client(String transport, String baseUrl) {
        return ConvaiClient.builder().apiKey(BareRequests.API_KEY).baseUrl(baseUrl).transport(create(transport))
                .build();
    }

    private static Transport create(String name) {
        switch (name) {
            case HttpClientTransport.NAME:
                return HttpClientTransport.builder().build();
            case NettyTransport.NAME:
                return NettyTransport.create();
            default:
                throw new IllegalArgumentException("The baseline has the httpclient5 and netty transports, not " + name);
        }
    }
}
