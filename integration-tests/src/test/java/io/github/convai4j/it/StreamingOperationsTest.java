package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.BinaryResponse;
import io.github.convai4j.internal.Codecs;
import io.github.convai4j.it.FaultServer.Reply;
import io.github.convai4j.json.Json;
import io.github.convai4j.models.agents.SimulateConversationStreamRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations whose responses stream, through the generated services: the simulation stream (the spec
 * declares no response body, yet the endpoint streams one) and a knowledge-base document's content (text the spec
 * marks streaming) both hand the body over as a {@link BinaryResponse} instead of dropping it or reading it whole.
 * {@code DocumentContentBoundedHeapTest} shows a document larger than the heap passes through.
 */
class StreamingOperationsTest extends RuntimeTestSupport {

    private static final String SIMULATION = "{\"simulation_specification\":{\"simulated_user_config\":"
            + "{\"first_message\":\"Hi\"}},\"new_turns_limit\":4}";
    private static final String STREAMED = "[{\"role\":\"agent\",\"message\":\"Hello\"}]\n"
            + "[{\"role\":\"user\",\"message\":\"Hi\"}]\n{\"analysis\":{\"call_successful\":\"success\"}}\n";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    @SuppressWarnings("deprecation") // the spec deprecates the simulation endpoints; they still work
    void theSimulationStreamIsHandedOverNotThrownAway(String transport) throws Exception {
        server.enqueue(Reply.status(200).header("Content-Type", "text/event-stream").body(STREAMED));
        ConvaiClient client = client(transport);
        SimulateConversationStreamRequest body = Json.parse(SIMULATION, SimulateConversationStreamRequest.codec());

        String received;
        try (BinaryResponse stream = client.agents().simulateConversationStream("agent_1", body)) {
            assertThat(stream.contentType()).isEqualTo("text/event-stream");
            received = new String(stream.body().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(received).isEqualTo(STREAMED);
        FaultServer.Received sent = server.received().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawPath()).isEqualTo("/v1/convai/agents/agent_1/simulate-conversation/stream");
        assertThat(sent.bodyText()).isEqualTo(SIMULATION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void documentContentIsTheServersBytesWithTheirContentType(String transport) throws Exception {
        String html = "<h1>R\u00fcckgabe</h1><p>Within 30 days.</p>";
        server.enqueue(Reply.status(200).header("Content-Type", "text/html; charset=utf-8").body(html),
                Reply.status(200).header("Content-Type", "text/html; charset=utf-8").body(html));
        ConvaiClient client = client(transport);

        ByteArrayOutputStream sync = new ByteArrayOutputStream();
        try (BinaryResponse content = client.knowledgeBase().documents().getContent("doc_1")) {
            assertThat(content.contentType()).isEqualTo("text/html; charset=utf-8");
            content.writeTo(sync);
        }
        BinaryResponse async = client.async().knowledgeBase().documents().getContent("doc_1").get(10, TimeUnit.SECONDS);
        ByteArrayOutputStream viaAsync = new ByteArrayOutputStream();
        async.writeTo(viaAsync);

        assertThat(sync.toString(StandardCharsets.UTF_8)).isEqualTo(html);
        assertThat(viaAsync.toString(StandardCharsets.UTF_8)).isEqualTo(html);
        assertThat(server.received()).extracting(FaultServer.Received::rawPath)
                .containsOnly("/v1/convai/knowledge-base/doc_1/content");
    }
}
