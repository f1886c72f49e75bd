package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.FilePart;
import io.github.convai4j.core.Page;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.models.conversations.ConvAIFileUploadResponse;
import io.github.convai4j.models.conversations.ConversationSummaryResponse;
import io.github.convai4j.models.conversations.GetConversationHistoriesParams;
import io.github.convai4j.models.conversations.GetConversationResponse;
import io.github.convai4j.models.conversations.GetConversationsPageResponse;
import io.github.convai4j.testkit.ConversationSeed;
import io.github.convai4j.testkit.FaultRule;
import io.github.convai4j.testkit.RecordedRequest;
import io.github.convai4j.testkit.StoredFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conversations through {@code client.conversations()}: list with paging and the agent filter, get, delete
 * (issue 5), and a file uploaded to a conversation (multipart part {@code file}) and deleted (issue 4).
 * Audio download is in {@link AudioDownloadBoundedHeapTest}.
 */
class ConversationsEndToEndTest extends FakePlatformTestSupport {

    private static final String SOURCE = "io.github.convai4j.it.FakePlatformTestSupport#transports";

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void listPagesThroughTheConversationsOfOneAgentNewestFirst(String transport) {
        ConvaiClient client = client(transport);
        String support = fake.addAgent("Support");
        String sales = fake.addAgent("Sales");
        List<String> supportConversations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            supportConversations.add(0, fake.addConversation(ConversationSeed.forAgent(support)
                    .startTimeUnixSecs(1_700_000_000L + i * 60).user("Question " + i).agent("Answer " + i)));
        }
        fake.addConversation(ConversationSeed.forAgent(sales).user("Price?"));

        Page<ConversationSummaryResponse, GetConversationsPageResponse> first = client.conversations()
                .list(GetConversationHistoriesParams.builder().agentId(support).pageSize(2).build());
        List<String> listed = new ArrayList<>();
        first.iterateAll().forEach(c -> listed.add(c.conversationId()));

        assertThat(listed).containsExactlyElementsOf(supportConversations);
        List<RecordedRequest> pages = fake.requests("GET", "/v1/convai/conversations");
        assertThat(pages).hasSize(3).allSatisfy(r -> {
            assertThat(r.queryParameter("agent_id")).isEqualTo(support);
            assertThat(r.queryParameter("page_size")).isEqualTo("2");
        });
        assertThat(pages).extracting(r -> r.queryParameter("cursor")).first().isNull();
        assertThat(first.items()).allSatisfy(c -> assertThat(c.agentId()).isEqualTo(support));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void getReturnsTheTranscriptAndDeleteRemovesTheConversation(String transport) {
        ConvaiClient client = client(transport);
        String conversationId = fake.addConversation(ConversationSeed.forAgent(fake.addAgent("Support"))
                .user("Where is my order?").agent("It ships today."));

        GetConversationResponse conversation = client.conversations().get(conversationId);
        client.conversations().delete(conversationId);

        assertThat(conversation.conversationId()).isEqualTo(conversationId);
        assertThat(conversation.transcript()).extracting(t -> t.role().value(), t -> t.message().get())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("user", "Where is my order?"),
                        org.assertj.core.groups.Tuple.tuple("agent", "It ships today."));
        assertThat(onlyRequest("DELETE", "/v1/convai/conversations/{conversation_id}").pathSegments())
                .containsExactly("v1", "convai", "conversations", conversationId);
        assertThatThrownBy(() -> client.conversations().get(conversationId))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("conversation_not_found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void fileUploadedToAConversationArrivesAsTheFilePartAndCanBeDeleted(String transport) {
        ConvaiClient client = client(transport);
        String conversationId = fake.addConversation(ConversationSeed.forAgent(fake.addAgent("Support")).user("Hi"));
        byte[] pdf = payload(700_000, 3);

        ConvAIFileUploadResponse uploaded = client.conversations().files().create(conversationId,
                FilePart.of(new ByteArrayInputStream(pdf), pdf.length, "invoice.pdf").withContentType("application/pdf"));

        RecordedRequest upload = onlyRequest("POST", "/v1/convai/conversations/{conversation_id}/files");
        assertThat(upload.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(utf8(upload.body())).contains("Content-Disposition: form-data; name=\"file\"; filename=\"invoice.pdf\"");
        assertThat(upload.header("content-length")).as("a stream of known length is not chunked")
                .isEqualTo(Integer.toString(upload.bodySize()));
        StoredFile stored = fake.conversationFile(conversationId, uploaded.fileId()).orElseThrow();
        assertThat(stored.bytes()).isEqualTo(pdf);
        assertThat(stored.contentType()).isEqualTo("application/pdf");

        ConvAIFileUploadResponse deleted = client.conversations().files().delete(conversationId, uploaded.fileId());

        assertThat(deleted.fileId()).isEqualTo(uploaded.fileId());
        assertThat(onlyRequest("DELETE", "/v1/convai/conversations/{conversation_id}/files/{file_id}").pathSegments())
                .containsExactly("v1", "convai", "conversations", conversationId, "files", uploaded.fileId());
        assertThat(fake.conversationFile(conversationId, uploaded.fileId())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void anUploadFromAStreamIsNotRetriedAfterA503SinceItCannotBeReplayed(String transport) {
        ConvaiClient client = client(transport);
        String conversationId = fake.addConversation(ConversationSeed.forAgent(fake.addAgent("Support")).user("Hi"));
        fake.injectFault(FaultRule.on("POST", "/v1/convai/conversations/{conversation_id}/files").status(503).once());
        byte[] bytes = payload(10_000, 4);

        assertThatThrownBy(() -> client.conversations().files().create(conversationId,
                FilePart.of(new ByteArrayInputStream(bytes), bytes.length, "notes.txt")))
                .isInstanceOfSatisfying(io.github.convai4j.errors.ServerException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(503));

        assertThat(fake.requests("POST", "/v1/convai/conversations/{conversation_id}/files"))
                .as("an InputStream part is read once, so a 503 is not retried").hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aRepeatableUploadIsRetriedAfterA503(String transport) {
        ConvaiClient client = client(transport);
        String conversationId = fake.addConversation(ConversationSeed.forAgent(fake.addAgent("Support")).user("Hi"));
        fake.injectFault(FaultRule.on("POST", "/v1/convai/conversations/{conversation_id}/files").status(503).once());
        byte[] bytes = payload(10_000, 5);

        String fileId = client.conversations().files().create(conversationId, FilePart.of(bytes, "notes.txt")).fileId();

        List<RecordedRequest> attempts = fake.requests("POST", "/v1/convai/conversations/{conversation_id}/files");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
        assertThat(fake.conversationFile(conversationId, fileId).orElseThrow().bytes()).isEqualTo(bytes);
    }
}
