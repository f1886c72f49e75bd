package io.github.convai4j.services;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.AsyncPage;
import io.github.convai4j.core.BinaryResponse;
import io.github.convai4j.core.FilePart;
import io.github.convai4j.core.Page;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.internal.StubTransport;
import io.github.convai4j.models.agents.AgentSummaryResponse;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.GetAgentsPageResponse;
import io.github.convai4j.models.agents.GetAgentsParams;
import io.github.convai4j.models.agents.UpdateAgentRequest;
import io.github.convai4j.models.common.AgentConfig;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.models.common.KnowledgeBaseDocumentType;
import io.github.convai4j.models.common.PromptAgent;
import io.github.convai4j.models.conversations.GetConversationSignedLinkParams;
import io.github.convai4j.models.knowledgebase.GetKnowledgeBaseListParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generated services build the requests the spec describes (method, encoded path, query, body bytes,
 * multipart parts) and decode what comes back, through the runtime's {@code ClientContext}. The transport is
 * the runtime's in-memory stub: this checks the generated wiring; the network path is tested end to end
 * over the real transports elsewhere.
 */
class GeneratedServicesWiringTest {

    private static final String AGENT = "{\"agent_id\":\"a/1\",\"name\":\"Support\",\"conversation_config\":{},"
            + "\"metadata\":{\"created_at_unix_secs\":1}}";

    private final StubTransport transport = new StubTransport();
    private final ConvaiClient client = ConvaiClient.builder().apiKey("sk_test_wiring").baseUrl("https://api.test")
            .maxRetries(0).transport(transport).build();

    @AfterEach
    void close() {
        client.close();
        transport.close();
    }

    @Test
    void getEncodesThePathParameterAsOneSegmentAndDecodesTheModel() {
        transport.respond(200, "application/json", AGENT);

        GetAgentResponse agent = client.agents().get("a/1");

        assertThat(agent.agentId()).isEqualTo("a/1");
        StubTransport.Sent sent = transport.sent().get(0);
        assertThat(sent.request().method().name()).isEqualTo("GET");
        assertThat(sent.request().uri().getRawPath()).isEqualTo("/v1/convai/agents/a%2F1");
    }

    @Test
    void patchSendsNullForClearedFieldsAndNothingForUnsetOnes() {
        transport.respond(200, "application/json", AGENT);
        UpdateAgentRequest body = UpdateAgentRequest.builder()
                .conversationConfig(ConversationalConfig.builder().agent(AgentConfig.builder()
                        .prompt(PromptAgent.builder().prompt("new").temperature(null).build()).build()).build())
                .build();

        client.agents().update("agent_1", body);

        StubTransport.Sent sent = transport.sent().get(0);
        assertThat(sent.request().method().name()).isEqualTo("PATCH");
        assertThat(sent.bodyText()).isEqualTo(
                "{\"conversation_config\":{\"agent\":{\"prompt\":{\"prompt\":\"new\",\"temperature\":null}}}}");
        assertThat(sent.request().body().contentType()).startsWith("application/json");
    }

    @Test
    void listFollowsCursorsThroughThreePages() {
        transport.respond(200, "application/json", page("a1", "a2", "c2", true))
                .respond(200, "application/json", page("a3", "a4", "c3", true))
                .respond(200, "application/json", page("a5", null, null, false));

        Page<AgentSummaryResponse, GetAgentsPageResponse> first = client.agents().list(GetAgentsParams.builder()
                .pageSize(2).search("supp").build());
        List<String> ids = new ArrayList<>();
        first.iterateAll().forEach(a -> ids.add(a.agentId()));

        assertThat(ids).containsExactly("a1", "a2", "a3", "a4", "a5");
        assertThat(transport.sent()).hasSize(3);
        assertThat(transport.sent().get(0).request().uri().getRawQuery()).contains("page_size=2").contains("search=supp")
                .doesNotContain("cursor");
        assertThat(transport.sent().get(1).request().uri().getRawQuery()).contains("cursor=c2").contains("page_size=2");
        assertThat(transport.sent().get(2).request().uri().getRawQuery()).contains("cursor=c3");
    }

    @Test
    void avatarUploadIsMultipartWithTheFilePart() {
        transport.respond(200, "application/json", "{\"agent_id\":\"agent_1\",\"avatar_url\":\"https://x/a.png\"}");

        client.agents().widget().avatar().create("agent_1",
                FilePart.of("PNGDATA".getBytes(StandardCharsets.UTF_8), "a.png").withContentType("image/png"));

        StubTransport.Sent sent = transport.sent().get(0);
        assertThat(sent.request().uri().getRawPath()).isEqualTo("/v1/convai/agents/agent_1/avatar");
        assertThat(sent.request().body().contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(sent.bodyText()).contains("Content-Disposition: form-data; name=\"avatar_file\"; filename=\"a.png\"")
                .contains("Content-Type: image/png").contains("PNGDATA");
    }

    @Test
    void conversationAudioStreamsAsBinary() {
        transport.respond(200, "audio/mpeg", "ID3-audio-bytes");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BinaryResponse audio = client.conversations().audio().get("conv_1")) {
            audio.writeTo(out);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ID3-audio-bytes");
        assertThat(transport.sent().get(0).request().uri().getRawPath()).isEqualTo("/v1/convai/conversations/conv_1/audio");
    }

    @Test
    void asyncServicesBuildTheSameRequests() {
        transport.respond(204, null, null);

        client.async().agents().delete("agent_1").join();

        assertThat(transport.sent().get(0).request().method().name()).isEqualTo("DELETE");
        assertThat(transport.sent().get(0).request().uri().getRawPath()).isEqualTo("/v1/convai/agents/agent_1");
    }

    @Test
    void rawViewGivesStatusHeadersAndRequestIdWithTheSameRequest() {
        transport.respond(200, "application/json", AGENT, "request-id", "req_123", "x-extra", "yes");

        RawResponse<GetAgentResponse> raw = client.agents().withRawResponse().get("a/1");

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.requestId()).isEqualTo("req_123");
        assertThat(raw.headers().first("x-extra")).isEqualTo("yes");
        assertThat(raw.value().agentId()).isEqualTo("a/1");
        assertThat(transport.sent().get(0).request().uri().getRawPath()).isEqualTo("/v1/convai/agents/a%2F1");
    }

    @Test
    void rawViewsReachSubGroupsFromTheClientAndFromAService() {
        transport.respond(204, null, null, "request-id", "req_del")
                .respond(200, "audio/mpeg", "ID3", "request-id", "req_audio");

        RawResponse<Void> deleted = client.withRawResponse().agents().delete("agent_1");
        RawResponse<BinaryResponse> audio = client.conversations().withRawResponse().audio().get("conv_1");
        audio.value().close();

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.value()).isNull();
        assertThat(deleted.requestId()).isEqualTo("req_del");
        assertThat(audio.requestId()).isEqualTo("req_audio");
        assertThat(transport.sent().get(1).request().uri().getRawPath()).isEqualTo("/v1/convai/conversations/conv_1/audio");
    }

    @Test
    void rawViewOfAPaginatedOperationHoldsTheFirstPageWhichPagesOn() {
        transport.respond(200, "application/json", page("a1", "a2", "c2", true), "request-id", "req_p1")
                .respond(200, "application/json", page("a3", null, null, false), "request-id", "req_p2");

        RawResponse<Page<AgentSummaryResponse, GetAgentsPageResponse>> raw = client.agents().withRawResponse().list();
        List<String> ids = new ArrayList<>();
        raw.value().iterateAll().forEach(a -> ids.add(a.agentId()));

        assertThat(raw.requestId()).isEqualTo("req_p1");
        assertThat(raw.value().rawResponse().requestId()).isEqualTo("req_p1");
        assertThat(ids).containsExactly("a1", "a2", "a3");
    }

    @Test
    void asyncRawViewCompletesWithTheRawResponse() {
        transport.respond(200, "application/json", AGENT, "request-id", "req_async")
                .respond(200, "application/json", page("a1", null, null, false), "request-id", "req_async_page");

        RawResponse<GetAgentResponse> raw = client.async().agents().withRawResponse().get("a/1").join();
        RawResponse<AsyncPage<AgentSummaryResponse, GetAgentsPageResponse>> page =
                client.async().withRawResponse().agents().list().join();

        assertThat(raw.requestId()).isEqualTo("req_async");
        assertThat(raw.value().agentId()).isEqualTo("a/1");
        assertThat(page.requestId()).isEqualTo("req_async_page");
        assertThat(page.value().items()).extracting(AgentSummaryResponse::agentId).containsExactly("a1");
    }

    @Test
    void requiredQueryParametersCannotBeSkippedWithNullParams() {
        assertThatThrownBy(() -> client.conversations().getSignedUrl(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("getSignedUrl (get_conversation_signed_link) needs the query parameter agent_id: pass"
                        + " GetConversationSignedLinkParams.builder().agentId(...).build() as params, not null");
        assertThatThrownBy(() -> client.async().conversations().getWebrtcToken(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent_id");
        assertThatThrownBy(() -> client.agents().drafts().create("agent_1", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("branch_id");
        assertThatThrownBy(() -> client.conversations().withRawResponse().resolve(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query parameters agent_id, reference");

        assertThat(transport.sent()).as("requests sent").isEmpty();
    }

    @Test
    void aParamsModelWithoutItsRequiredParameterDoesNotBuild() {
        assertThatThrownBy(() -> GetConversationSignedLinkParams.builder().branchId("b").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("GetConversationSignedLinkParams.Builder.build():"
                        + " missing required query parameter agent_id; set it first");
    }

    @Test
    void queryParametersAreAnImmutableValueWhoseUnsetOnesAreNotSent() {
        List<KnowledgeBaseDocumentType> types = new ArrayList<>(List.of(KnowledgeBaseDocumentType.TEXT));
        GetKnowledgeBaseListParams params = GetKnowledgeBaseListParams.builder().pageSize(5).types(types)
                .search("faq").build();
        types.add(KnowledgeBaseDocumentType.URL);
        GetKnowledgeBaseListParams unsetSearch = params.toBuilder().search(null).build();

        assertThat(params.types()).hasValue(List.of(KnowledgeBaseDocumentType.TEXT));
        assertThat(params.pageSize()).hasValue(5L);
        assertThat(unsetSearch.search()).isEmpty();
        assertThat(params).isEqualTo(params.toBuilder().build()).hasSameHashCodeAs(params.toBuilder().build())
                .isNotEqualTo(unsetSearch);
        assertThat(unsetSearch).hasToString("GetKnowledgeBaseListParams{page_size=5, types=[text]}");
        assertThatThrownBy(() -> params.types().get().add(KnowledgeBaseDocumentType.URL))
                .isInstanceOf(UnsupportedOperationException.class);

        transport.respond(200, "application/json", "{\"documents\":[],\"next_cursor\":null,\"has_more\":false}");
        client.knowledgeBase().list(unsetSearch);
        assertThat(transport.sent().get(0).request().uri().getRawQuery()).isEqualTo("page_size=5&types=text");
    }

    @Test
    void requiredQueryParametersAreSent() {
        transport.respond(200, "application/json", "{\"signed_url\":\"wss://x\"}");

        client.conversations().getSignedUrl(GetConversationSignedLinkParams.builder().agentId("agent 1").build());

        assertThat(transport.sent().get(0).request().uri().getRawQuery()).isEqualTo("agent_id=agent%201");
    }

    private static String page(String first, String second, String next, boolean more) {
        return "{\"agents\":[" + summary(first) + (second == null ? "" : "," + summary(second)) + "],"
                + "\"next_cursor\":" + (next == null ? "null" : "\"" + next + "\"") + ",\"has_more\":" + more + "}";
    }

    private static String summary(String id) {
        return "{\"agent_id\":\"" + id + "\",\"name\":\"n\",\"tags\":[],\"created_at_unix_secs\":1,"
                + "\"access_info\":{\"is_creator\":true,\"creator_name\":\"c\",\"creator_email\":\"e\",\"role\":\"admin\"}}";
    }
}
