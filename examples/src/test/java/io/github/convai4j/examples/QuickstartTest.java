package io.github.convai4j.examples;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.testkit.ConversationSeed;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.FakeAgentsPlatformExtension;
import io.github.convai4j.testkit.FaultRule;
import io.github.convai4j.testkit.RecordedRequest;
import io.github.convai4j.testkit.StoredFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the Quickstart's logic against the testkit's fake server and checks both what it prints and what
 * the server received.
 */
class QuickstartTest {

    @RegisterExtension
    static final FakeAgentsPlatformExtension FAKE = FakeAgentsPlatformExtension.create();

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void everyStepRunsAndTheFakeReceivesEachRequestInOrder(FakeAgentsPlatform fake) throws IOException {
        int status = Quickstart.runAgainstFake(fake, false, out);

        String output = output();
        assertThat(status).as(output).isZero();
        assertThat(output).doesNotContain(fake.apiKey());
        String conversationId = find(output, "and conversation (conv_\\S+)\\.");
        String agentId = find(output, "^1\\. Created agent (agent_\\S+) \"convai4j quickstart\"$");
        String fileId = find(output, "^   file_id: (file_\\S+)$");
        assertThat(output.split("\n")).filteredOn(line -> line.matches("^\\d\\. .*")).extracting(line -> line.substring(0, 2))
                .containsExactly("1.", "2.", "3.", "4.", "5.", "6.");
        assertThat(output)
                .contains("2. Uploaded avatar.png (64x64 PNG, ")
                .contains("   avatar_url: " + fake.baseUrl() + "/")
                .contains("3. Patched the prompt; it now reads: \"" + QuickstartSteps.NEW_PROMPT + "\"")
                .contains("   first message kept: \"" + QuickstartSteps.FIRST_MESSAGE + "\"")
                .contains("4. Listed 3 agents with auto-paging (2 pages of up to 2), ours included:")
                .contains("   \"convai4j quickstart\", \"Sales line\", \"Support desk\"")
                .contains("5. Uploaded parcel.png (")
                .contains("6. Cleaned up: deleted file " + fileId + " and agent " + agentId)
                .endsWith("Done: every step passed.\n");

        List<RecordedRequest> requests = fake.requests();
        assertThat(requests).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /v1/convai/agents/create",
                "POST /v1/convai/agents/" + agentId + "/avatar",
                "PATCH /v1/convai/agents/" + agentId,
                "GET /v1/convai/agents",
                "GET /v1/convai/agents",
                "POST /v1/convai/conversations/" + conversationId + "/files",
                "DELETE /v1/convai/conversations/" + conversationId + "/files/" + fileId,
                "DELETE /v1/convai/agents/" + agentId);

        JsonValue created = JsonValue.parse(requests.get(0).bodyAsString());
        assertThat(created.get("name").asString()).isEqualTo("convai4j quickstart");
        JsonValue agentConfig = created.get("conversation_config").get("agent");
        assertThat(agentConfig.get("first_message").asString()).isEqualTo(QuickstartSteps.FIRST_MESSAGE);
        assertThat(agentConfig.get("prompt").get("prompt").asString()).isEqualTo(QuickstartSteps.FIRST_PROMPT);

        assertMultipartPng(requests.get(1), "avatar_file", "avatar.png", 64);

        // The PATCH carries the new prompt and nothing else.
        assertThat(JsonValue.parse(requests.get(2).bodyAsString())).isEqualTo(JsonValue.parse(
                "{\"conversation_config\":{\"agent\":{\"prompt\":{\"prompt\":" + quoted(QuickstartSteps.NEW_PROMPT) + "}}}}"));

        assertThat(requests.get(3).queryParameter("page_size")).isEqualTo("2");
        assertThat(requests.get(3).queryParameter("cursor")).isNull();
        assertThat(requests.get(4).queryParameter("page_size")).isEqualTo("2");
        assertThat(requests.get(4).queryParameter("cursor")).isNotBlank();

        assertMultipartPng(requests.get(5), "file", "parcel.png", 128);

        // What was created is gone.
        assertThat(fake.conversationFile(conversationId, fileId)).isEmpty();
        try (ConvaiClient client = ConvaiClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build()) {
            assertThatThrownBy(() -> client.agents().get(agentId)).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void keepLeavesTheAgentItsAvatarAndTheFileInPlace(FakeAgentsPlatform fake) throws IOException {
        int status = Quickstart.runAgainstFake(fake, true, out);

        String output = output();
        assertThat(status).as(output).isZero();
        String agentId = find(output, "^1\\. Created agent (agent_\\S+) ");
        String conversationId = find(output, "and conversation (conv_\\S+)\\.");
        String fileId = find(output, "^   file_id: (file_\\S+)$");
        assertThat(output).contains("6. Kept agent " + agentId + " and file " + fileId + " (as asked)");
        assertThat(fake.requests("DELETE", "/**")).isEmpty();

        StoredFile avatar = fake.avatar(agentId).orElseThrow(AssertionError::new);
        assertThat(avatar.contentType()).isEqualTo("image/png");
        assertThat(decode(avatar.bytes()).getWidth()).isEqualTo(64);
        StoredFile photo = fake.conversationFile(conversationId, fileId).orElseThrow(AssertionError::new);
        assertThat(photo.filename()).isEqualTo("parcel.png");
        assertThat(decode(photo.bytes()).getWidth()).isEqualTo(128);
    }

    @Test
    void withoutAnApiKeyMainStartsTheFakeAndSaysSoOnItsFirstLine() {
        int status = Quickstart.run(Map.of(), List.of(), out);

        String output = output();
        assertThat(status).as(output).isZero();
        assertThat(output.split("\n")[0]).matches("ELEVENLABS_API_KEY is not set: running against the testkit's fake "
                + "Agents Platform at http://127\\.0\\.0\\.1:\\d+, in this JVM \\(nothing leaves this machine\\)\\.");
        assertThat(output).contains("1. Created agent ", "2. Uploaded avatar.png", "3. Patched the prompt",
                "4. Listed 3 agents", "5. Uploaded parcel.png", "6. Cleaned up").endsWith("Done: every step passed.\n");
    }

    @Test
    void withAnApiKeyItTalksToTheConfiguredApiAndSkipsTheFileUploadWhenTheWorkspaceHasNoConversation(
            FakeAgentsPlatform fake) {
        // The "real API" path, pointed at the fake through ELEVENLABS_BASE_URL: there is no internet here.
        int status = Quickstart.run(Map.of("ELEVENLABS_API_KEY", fake.apiKey(), "ELEVENLABS_BASE_URL", fake.baseUrl()),
                List.of(), out);

        String output = output();
        assertThat(status).as(output).isZero();
        assertThat(output).doesNotContain(fake.apiKey());
        assertThat(output.split("\n")[0]).isEqualTo("ELEVENLABS_API_KEY is set: running against " + fake.baseUrl()
                + " (this creates an agent in your workspace, then deletes it).");
        assertThat(output).contains("5. Skipped the conversation file upload: the workspace has no conversation yet");
        assertThat(output).contains("4. Listed 1 agent with auto-paging (1 page of up to 100), ours included:");
        assertThat(fake.requests("GET", "/v1/convai/conversations")).hasSize(1);
        assertThat(fake.requests("POST", "/v1/convai/conversations/**")).isEmpty();
        assertThat(fake.requests("DELETE", "/v1/convai/agents/{agent_id}")).hasSize(1);
    }

    @Test
    void withAnApiKeyButNoConversationIdItUploadsToTheNewestConversationAndDeletesTheFileAfterwards(
            FakeAgentsPlatform fake) {
        String agent = fake.addAgent("Existing");
        fake.addConversation(ConversationSeed.forAgent(agent).user("An older call"));
        String newest = fake.addConversation(ConversationSeed.forAgent(agent).user("The latest call"));

        int status = Quickstart.run(Map.of("ELEVENLABS_API_KEY", fake.apiKey(), "ELEVENLABS_BASE_URL", fake.baseUrl()),
                List.of(), out);

        String output = output();
        assertThat(status).as(output).isZero();
        assertThat(output).contains("5. Uploaded parcel.png (", ") to conversation " + newest
                + " (the newest one in the workspace)");
        assertThat(fake.requests("POST", "/v1/convai/conversations/" + newest + "/files")).hasSize(1);
        assertThat(fake.requests("DELETE", "/v1/convai/conversations/" + newest + "/files/**")).hasSize(1);
    }

    @Test
    void withAnApiKeyAndAConversationIdItUploadsThereAndKeepsWhenAsked(FakeAgentsPlatform fake) {
        String conversationId = fake.addConversation(ConversationSeed.forAgent(fake.addAgent("Existing")).user("Hello"));

        int status = Quickstart.run(Map.of("ELEVENLABS_API_KEY", fake.apiKey(), "ELEVENLABS_BASE_URL", fake.baseUrl(),
                "QUICKSTART_CONVERSATION_ID", conversationId), List.of("--keep"), out);

        String output = output();
        assertThat(status).as(output).isZero();
        assertThat(output).contains("5. Uploaded parcel.png (", ") to conversation " + conversationId, "6. Kept agent ");
        assertThat(fake.requests("POST", "/v1/convai/conversations/" + conversationId + "/files")).hasSize(1);
        assertThat(fake.requests("DELETE", "/**")).isEmpty();
    }

    @Test
    void aFailedStepPrintsStatusCodeAndRequestIdExitsNonZeroAndStillCleansUp(FakeAgentsPlatform fake) {
        fake.injectFault(FaultRule.on("PATCH", "/v1/convai/agents/{agent_id}").status(503));

        int status = Quickstart.runAgainstFake(fake, false, out);

        String output = output();
        assertThat(status).as(output).isEqualTo(1);
        List<RecordedRequest> patches = fake.requests("PATCH", "/v1/convai/agents/{agent_id}");
        assertThat(patches).hasSize(3); // the first attempt and the default 2 retries
        String lastRequestId = patches.get(2).requestId();
        assertThat(output)
                .contains("FAILED at step 3. PATCH the prompt: 503 Service Unavailable [service_unavailable]")
                .contains("   status 503, code service_unavailable, request id " + lastRequestId)
                .doesNotContain("4. Listed")
                .contains("6. Cleaned up: deleted agent ")
                .endsWith("Quickstart FAILED.\n");
        assertThat(fake.requests("DELETE", "/v1/convai/agents/{agent_id}")).hasSize(1);
    }

    @Test
    void aWrongKeyFailsTheFirstStepWithTheServersCode(FakeAgentsPlatform fake) {
        int status = Quickstart.run(Map.of("ELEVENLABS_API_KEY", "sk_not_the_right_key", "ELEVENLABS_BASE_URL",
                fake.baseUrl()), List.of(), out);

        String output = output();
        assertThat(status).as(output).isEqualTo(1);
        assertThat(output).contains("FAILED at step 1. create an agent: 401")
                .contains("   status 401, code invalid_api_key, request id ")
                .doesNotContain("sk_not_the_right_key")
                .doesNotContain("6. ");
    }

    @Test
    void aSettingTheClientRejectsIsReportedBeforeAnyStep() {
        int status = Quickstart.run(Map.of("ELEVENLABS_API_KEY", "sk_x", "ELEVENLABS_BASE_URL", "http://example.com"),
                List.of(), out);

        assertThat(status).isEqualTo(1);
        assertThat(output()).isEqualTo("Quickstart could not start: Refusing plain http:// to example.com: the API key "
                + "would travel unencrypted. Use https://, or call allowInsecureHttp(true) if the network to this host "
                + "is trusted\n");
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String find(String output, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(output);
        assertThat(m.find()).as("output matches %s:%n%s", regex, output).isTrue();
        return m.group(1);
    }

    private static void assertMultipartPng(RecordedRequest request, String part, String filename, int width)
            throws IOException {
        assertThat(request.contentType()).startsWith("multipart/form-data; boundary=");
        String body = new String(request.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("Content-Disposition: form-data; name=\"" + part + "\"; filename=\"" + filename + "\"")
                .contains("Content-Type: image/png");
        int start = body.indexOf("\u0089PNG\r\n\u001a\n");
        assertThat(start).as("PNG signature in the part").isPositive();
        byte[] png = java.util.Arrays.copyOfRange(request.body(), start, request.body().length);
        assertThat(decode(png).getWidth()).isEqualTo(width); // ImageIO stops at IEND: the trailing boundary is ignored
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a decodable image").isNotNull();
        return image;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
