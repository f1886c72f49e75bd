package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationsTest {

    static FakeAgentsPlatform server;
    static Http http;

    @BeforeAll
    static void start() {
        server = FakeAgentsPlatform.start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void seededConversationHasTheFullDetailShapeWithItsTranscript() {
        String agentId = server.addAgent("Support");
        String id = server.addConversation(ConversationSeed.forAgent(agentId)
                .user("Where is my order?")
                .agent("It ships tomorrow.")
                .startTimeUnixSecs(1_714_423_232L)
                .audio(new byte[] {1, 2, 3}));

        Http.Response response = http.get("/v1/convai/conversations/" + id);

        assertThat(response.status()).isEqualTo(200);
        JsonNode conversation = response.json();
        assertThat(id).matches("conv_[0-9a-z]{28}");
        for (String required : List.of("agent_id", "status", "metadata", "conversation_id", "has_audio",
                "has_user_audio", "has_response_audio", "has_auxiliary_audio", "transcript")) {
            assertThat(conversation.has(required)).as(required).isTrue();
        }
        assertThat(conversation.get("conversation_id").asText()).isEqualTo(id);
        assertThat(conversation.get("agent_id").asText()).isEqualTo(agentId);
        assertThat(conversation.get("agent_name").asText()).isEqualTo("Support");
        assertThat(conversation.get("status").asText()).isEqualTo("done");
        assertThat(conversation.get("has_audio").asBoolean()).isTrue();
        assertThat(conversation.at("/metadata/start_time_unix_secs").asLong()).isEqualTo(1_714_423_232L);
        assertThat(conversation.at("/metadata/call_duration_secs").asInt()).isEqualTo(3);
        assertThat(conversation.at("/analysis/call_successful").asText()).isEqualTo("success");
        JsonNode transcript = conversation.get("transcript");
        assertThat(transcript).hasSize(2);
        assertThat(transcript.at("/0/role").asText()).isEqualTo("user");
        assertThat(transcript.at("/0/message").asText()).isEqualTo("Where is my order?");
        assertThat(transcript.at("/0/time_in_call_secs").asInt()).isZero();
        assertThat(transcript.at("/1/role").asText()).isEqualTo("agent");
        assertThat(transcript.at("/1/time_in_call_secs").asInt()).isEqualTo(2);
    }

    @Test
    void conversationsNeedAnExistingAgent() {
        assertThatThrownBy(() -> server.addConversation(ConversationSeed.forAgent("agent_typo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent_typo")
                .hasMessageContaining("addAgent");
        assertThatThrownBy(() -> ConversationSeed.forAgent("a").message("bot", "x", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listPagesNewestFirstFiltersByAgentAndIncludesSummariesOnlyWhenAsked() {
        String a = server.addAgent("A");
        String b = server.addAgent("B");
        List<String> ofA = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ofA.add(server.addConversation(ConversationSeed.forAgent(a).user("hi " + i).transcriptSummary("S" + i)));
            server.addConversation(ConversationSeed.forAgent(b).user("other"));
        }

        JsonNode first = http.get("/v1/convai/conversations?agent_id=" + a + "&page_size=2").json();
        JsonNode second = http.get("/v1/convai/conversations?agent_id=" + a + "&page_size=2&cursor="
                + first.get("next_cursor").asText()).json();
        JsonNode third = http.get("/v1/convai/conversations?agent_id=" + a + "&page_size=2&cursor="
                + second.get("next_cursor").asText()).json();

        List<String> listed = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("conversations").forEach(c -> listed.add(c.get("conversation_id").asText()));
        }
        java.util.Collections.reverse(ofA);
        assertThat(listed).isEqualTo(ofA);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(third.get("has_more").asBoolean()).isFalse();
        JsonNode summary = first.at("/conversations/0");
        for (String required : List.of("agent_id", "conversation_id", "start_time_unix_secs", "call_duration_secs",
                "message_count", "status", "call_successful")) {
            assertThat(summary.has(required)).as(required).isTrue();
        }
        assertThat(summary.get("message_count").asInt()).isEqualTo(1);
        assertThat(summary.get("transcript_summary").isNull()).isTrue();

        JsonNode included = http.get("/v1/convai/conversations?agent_id=" + a + "&summary_mode=include").json();
        assertThat(included.at("/conversations/0/transcript_summary").asText()).isEqualTo("S4");
        assertThat(http.get("/v1/convai/conversations").json().get("conversations")).hasSize(10);
    }

    @Test
    void listIsSortedByCallStartTimeNewestFirstAcrossPages() {
        String a = server.addAgent("A");
        String middle = server.addConversation(ConversationSeed.forAgent(a).startTimeUnixSecs(2000));
        String newest = server.addConversation(ConversationSeed.forAgent(a).startTimeUnixSecs(3000));
        String oldest = server.addConversation(ConversationSeed.forAgent(a).startTimeUnixSecs(1000));
        String sameAsMiddle = server.addConversation(ConversationSeed.forAgent(a).startTimeUnixSecs(2000));

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/v1/convai/conversations?page_size=1"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("conversations").forEach(c -> listed.add(c.get("conversation_id").asText()));
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
        } while (cursor != null);

        assertThat(listed).containsExactly(newest, sameAsMiddle, middle, oldest);
    }

    @Test
    void lastCallTimeOfAnAgentFollowsItsConversations() {
        String a = server.addAgent("A");
        server.addConversation(ConversationSeed.forAgent(a).startTimeUnixSecs(1000));
        server.addConversation(ConversationSeed.forAgent(a).startTimeUnixSecs(3000));

        assertThat(http.get("/v1/convai/agents").json().at("/agents/0/last_call_time_unix_secs").asLong())
                .isEqualTo(3000);
    }

    @Test
    void deleteRemovesTheConversation() {
        String id = server.addConversation(ConversationSeed.forAgent(server.addAgent("A")).user("x"));

        Http.Response deleted = http.delete("/v1/convai/conversations/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        Http.Response missing = http.get("/v1/convai/conversations/" + id);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/detail/status").asText()).isEqualTo("conversation_not_found");
    }

    @Test
    void audioIsServedAsMpegWithItsLength() {
        byte[] mp3 = "ID3-fake-mp3-bytes".getBytes(StandardCharsets.US_ASCII);
        String id = server.addConversation(ConversationSeed.forAgent(server.addAgent("A")).audio(mp3));

        Http.Response response = http.get("/v1/convai/conversations/" + id + "/audio");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("audio/mpeg");
        assertThat(response.contentLength()).isEqualTo(mp3.length);
        assertThat(response.body()).isEqualTo(mp3);
    }

    @Test
    void conversationWithoutAudioAnswers404OnTheAudioRoute() {
        String id = server.addConversation(ConversationSeed.forAgent(server.addAgent("A")).user("text only"));

        assertThat(http.get("/v1/convai/conversations/" + id).json().get("has_audio").asBoolean()).isFalse();
        Http.Response response = http.get("/v1/convai/conversations/" + id + "/audio");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().at("/detail/status").asText()).isEqualTo("conversation_audio_not_found");
    }

    /**
     * 128 MiB through a test JVM whose heap is capped at 96 MiB (see the parent pom): only a server that
     * streams, and a client that reads as it goes, get through.
     */
    @Test
    void largeAudioIsStreamedNotHeldInMemory() throws Exception {
        long size = 128L * 1024 * 1024;
        String id = server.addConversation(ConversationSeed.forAgent(server.addAgent("A")).syntheticAudio(size));

        HttpURLConnection connection = (HttpURLConnection) URI.create(
                server.baseUrl() + "/v1/convai/conversations/" + id + "/audio").toURL().openConnection();
        connection.setRequestProperty("xi-api-key", server.apiKey());
        connection.setReadTimeout(60_000);
        try {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            assertThat(connection.getContentLengthLong()).isEqualTo(size);
            try (InputStream body = connection.getInputStream();
                 InputStream expected = ConversationSeed.openSyntheticAudio(size)) {
                byte[] got = new byte[64 * 1024];
                byte[] want = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = body.read(got)) > 0) {
                    int m = expected.readNBytes(want, 0, n);
                    assertThat(m).isEqualTo(n);
                    for (int i = 0; i < n; i++) {
                        if (got[i] != want[i]) {
                            throw new AssertionError("byte " + (total + i) + " differs");
                        }
                    }
                    total += n;
                }
                assertThat(total).isEqualTo(size);
                assertThat(expected.read()).isEqualTo(-1);
            }
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void syntheticAudioStartsLikeAnMpegFrame() throws Exception {
        try (InputStream in = ConversationSeed.openSyntheticAudio(4)) {
            byte[] head = in.readAllBytes();
            assertThat(head[0] & 0xFF).isEqualTo(0xFF);
            assertThat(head[1] & 0xE0).isEqualTo(0xE0);
        }
    }

    @Test
    void filesAreUploadedStoredAndDeleted() {
        String id = server.addConversation(ConversationSeed.forAgent(server.addAgent("A")).user("see attached"));
        byte[] pdf = "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII);

        Http.Response upload = http.postMultipart("/v1/convai/conversations/" + id + "/files",
                new Http.Multipart().file("file", "invoice.pdf", "application/pdf", pdf));

        assertThat(upload.status()).as(upload.text()).isEqualTo(200);
        String fileId = upload.json().get("file_id").asText();
        assertThat(upload.json().size()).isEqualTo(1);
        StoredFile stored = server.conversationFile(id, fileId).orElseThrow();
        assertThat(stored.filename()).isEqualTo("invoice.pdf");
        assertThat(stored.contentType()).isEqualTo("application/pdf");
        assertThat(stored.bytes()).isEqualTo(pdf);

        Http.Response deleted = http.delete("/v1/convai/conversations/" + id + "/files/" + fileId);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("file_id").asText()).isEqualTo(fileId);
        assertThat(server.conversationFile(id, fileId)).isEmpty();

        Http.Response again = http.delete("/v1/convai/conversations/" + id + "/files/" + fileId);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().at("/detail/status").asText()).isEqualTo("file_not_found");
    }

    @Test
    void fileUploadNeedsTheFilePartAndAnExistingConversation() {
        String id = server.addConversation(ConversationSeed.forAgent(server.addAgent("A")));

        Http.Response missingPart = http.postMultipart("/v1/convai/conversations/" + id + "/files",
                new Http.Multipart().field("name", "x"));
        Http.Response unknown = http.postMultipart("/v1/convai/conversations/conv_unknown/files",
                new Http.Multipart().file("file", "a.png", "image/png", new byte[] {1}));

        assertThat(missingPart.status()).isEqualTo(422);
        assertThat(missingPart.json().at("/detail/0/loc").toString()).isEqualTo("[\"body\",\"file\"]");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aPartWithoutContentTypeIsStoredAsOctetStream() {
        String id = server.addConversation(ConversationSeed.forAgent(server.addAgent("A")));

        String fileId = http.postMultipart("/v1/convai/conversations/" + id + "/files",
                new Http.Multipart().file("file", "blob", null, new byte[] {9, 9})).json().get("file_id").asText();

        assertThat(server.conversationFile(id, fileId).orElseThrow().contentType())
                .isEqualTo("application/octet-stream");
    }
}
