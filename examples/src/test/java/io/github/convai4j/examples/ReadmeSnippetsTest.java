package io.github.convai4j.examples;

import io.github.convai4j.ConvaiAsyncClient;
import io.github.convai4j.ConvaiClient;
import io.github.convai4j.Provider;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.conversation.events.AgentResponseEvent;
import io.github.convai4j.conversation.events.AudioEvent;
import io.github.convai4j.core.AuthScheme;
import io.github.convai4j.core.FilePart;
import io.github.convai4j.core.Page;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.errors.RateLimitException;
import io.github.convai4j.models.agents.AgentConfigResponse;
import io.github.convai4j.models.agents.AgentSummaryResponse;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.agents.CreateAgentResponse;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.GetAgentsPageResponse;
import io.github.convai4j.models.agents.GetAgentsParams;
import io.github.convai4j.models.agents.UpdateAgentRequest;
import io.github.convai4j.models.common.AgentConfig;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.models.common.PromptAgent;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.FakeAgentsPlatformExtension;
import io.github.convai4j.testkit.LiveMessage;
import io.github.convai4j.testkit.LiveSession;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The code snippets of README.md. Each lies between a {@code // README: <name>} and a {@code // README end}
 * comment; {@link #everyJavaBlockOfTheReadmeIsASnippetCompiledHere()} checks that every Java block of the
 * README is one of them, character for character (after removing the indentation). The other tests run
 * the snippets against the testkit's fake server where they can.
 */
class ReadmeSnippetsTest {

    private static final Path README = Paths.get("..", "README.md");
    private static final List<Path> SNIPPET_SOURCES = List.of(
            Paths.get("src/test/java/io/github/convai4j/examples/ReadmeSnippetsTest.java"),
            Paths.get("src/test/java/io/github/convai4j/examples/AgentSetupTest.java"));

    @RegisterExtension
    static final FakeAgentsPlatformExtension FAKE = FakeAgentsPlatformExtension.create();

    // ---------------------------------------------------------------- the snippets

    static ConvaiClient buildClient() {
        // README: build-client
        ConvaiClient client = ConvaiClient.builder().build(); // the API key comes from ELEVENLABS_API_KEY
        // README end
        return client;
    }

    static String useTheClient(ConvaiClient client, Path avatarPng) {
        // README: use-client
        CreateAgentResponse created = client.agents().create(CreateAgentRequest.builder()
                .name("Support")
                .conversationConfig(ConversationalConfig.builder()
                        .agent(AgentConfig.builder()
                                .firstMessage("Hi! How can I help?")
                                .prompt(PromptAgent.builder().prompt("You are a friendly support agent.").build())
                                .build())
                        .build())
                .build());
        String agentId = created.agentId();

        GetAgentResponse agent = client.agents().get(agentId);
        System.out.println(agent.agentId() + ": " + agent.name());

        // PATCH sends only what you set: the first message and everything else stay as they are.
        client.agents().update(agentId, UpdateAgentRequest.builder()
                .conversationConfig(ConversationalConfig.builder()
                        .agent(AgentConfig.builder()
                                .prompt(PromptAgent.builder().prompt("You are a patient support agent.").build())
                                .build())
                        .build())
                .build());

        // Multipart upload, streamed from the file; image/png instead of the default application/octet-stream.
        client.agents().widget().avatar().create(agentId, FilePart.of(avatarPng).withContentType("image/png"));

        // Every agent, page after page: the next page is fetched when the loop reaches it.
        for (AgentSummaryResponse summary : client.agents().list().iterateAll()) {
            System.out.println(summary.agentId() + " " + summary.name());
        }

        // A page also tells the status, headers and request id of its response.
        Page<AgentSummaryResponse, GetAgentsPageResponse> page =
                client.agents().list(GetAgentsParams.builder().pageSize(10).build());
        RawResponse<GetAgentsPageResponse> raw = page.rawResponse();
        System.out.println(raw.statusCode() + " request-id " + raw.requestId() + ", more: " + page.hasMore());
        // README end
        return agentId;
    }

    static void useTheAsyncClient(ConvaiClient client, String agentId) {
        // README: async
        ConvaiAsyncClient async = client.async();   // same operations, CompletableFuture results
        CompletableFuture<GetAgentResponse> agent = async.agents().get(agentId);
        agent.thenAccept(a -> System.out.println("async: " + a.name())).join();

        // Every agent, without blocking a thread between pages:
        async.agents().list()
                .thenCompose(page -> page.forEachAll(summary -> System.out.println(summary.name())))
                .join();
        // README end
    }

    static void rawResponses(ConvaiClient client, String agentId) {
        // README: raw
        // Any operation, with the status, headers and request id of its response:
        RawResponse<GetAgentResponse> raw = client.agents().withRawResponse().get(agentId);
        System.out.println(raw.statusCode() + " request-id " + raw.requestId() + ": " + raw.value().name());
        CompletableFuture<RawResponse<GetAgentResponse>> later = client.async().agents().withRawResponse().get(agentId);
        // README end
        assertThat(later.join().value().agentId()).isEqualTo(agentId);
    }

    static List<ConvaiClient> providers(String key) {
        // README: providers
        ConvaiClient eu = ConvaiClient.builder()
                .apiKey(key)
                .provider(Provider.ELEVENLABS_EU_RESIDENCY)     // https://api.eu.residency.elevenlabs.io
                .build();
        ConvaiClient threetone = ConvaiClient.builder()
                .apiKey(key)
                .provider(Provider.THREETONE)                   // https://api.threetone.in, key in x-api-key
                .authScheme(AuthScheme.BEARER)                  // or as Authorization: Bearer <key>
                .build();
        ConvaiClient gateway = ConvaiClient.builder()
                .apiKey(key)
                .provider(Provider.of("https://gateway.example.com/elevenlabs", AuthScheme.XI_API_KEY))
                .build();
        // README end
        return List.of(eu, threetone, gateway);
    }

    static void errorsAndRetries(ConvaiClient client, String agentId) {
        // README: errors
        try {
            client.agents().get("agent_that_does_not_exist");
        } catch (NotFoundException e) {
            System.out.println(e.statusCode() + " " + e.code() + " request-id " + e.requestId());
        } catch (RateLimitException e) {
            System.out.println("rate limited; the server asked to wait " + e.retryAfter());
        } catch (ApiException e) {                           // any other error status
            System.out.println(e.getMessage());
        }

        // Retry settings per client (a derived client shares the transport) and per request:
        ConvaiClient patient = client.withOptions(o -> o.maxRetries(5).timeout(Duration.ofMinutes(10)));
        GetAgentResponse agent = patient.agents().get(agentId, null,
                RequestOptions.builder().maxRetries(0).timeout(Duration.ofSeconds(10)).build());
        // README end
        assertThat(agent.agentId()).isEqualTo(agentId);
    }

    static void liveChat(ConvaiClient client, String agentId) {
        // README: live-chat
        try (ConversationSession session = client.liveConversation(agentId)
                .requiresAuth(true)                      // a private agent: the client fetches a signed URL first
                .initiation(ConversationInitiation.builder().textOnly(true).build())    // text only, no audio
                .clientTool("get_time", call -> LocalTime.now().withNano(0).toString()) // the agent may call it
                .open()) {                               // returns once the conversation has started
            String reply = session.sendAndAwaitReply("Hi! What time is it?", Duration.ofSeconds(30));
            System.out.println("agent: " + reply);
        }
        // README end
    }

    static ConversationSession liveListener(ConvaiClient client, String agentId, Consumer<byte[]> speaker) {
        // README: live-listener
        ConversationSession session = client.liveConversation(agentId).open((s, event) -> {
            if (event instanceof AgentResponseEvent) {
                System.out.println("agent: " + ((AgentResponseEvent) event).text());
            } else if (event instanceof AudioEvent) {      // PCM as session.metadata() says; never interrupted audio
                speaker.accept(((AudioEvent) event).audio());
            }
        });
        session.sendUserMessage("Hello");
        // README end
        return session;
    }

    // ---------------------------------------------------------------- running them

    @Test
    void theEnvironmentClientNeedsElevenlabsApiKey() {
        if (System.getenv("ELEVENLABS_API_KEY") == null) {
            assertThatThrownBy(ReadmeSnippetsTest::buildClient).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ELEVENLABS_API_KEY");
        } else {
            try (ConvaiClient client = buildClient()) { // building sends nothing
                assertThat(client.options().baseUrl()).isEqualTo(URI.create("https://api.elevenlabs.io"));
            }
        }
    }

    @Test
    void useClientRunsAgainstTheFake(FakeAgentsPlatform fake, @TempDir Path dir) throws IOException {
        fake.addAgent("Sales");
        Path avatarPng = Files.write(dir.resolve("avatar.png"), AvatarImage.png(32, 0x336699));
        String printed;
        String agentId;
        try (ConvaiClient client = fakeClient(fake); StdoutCapture capture = new StdoutCapture()) {
            agentId = useTheClient(client, avatarPng);
            printed = capture.text();
        }

        assertThat(printed).contains(agentId + ": Support", agentId + " Support", "Sales")
                .containsPattern("200 request-id \\S+, more: false");
        assertThat(fake.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /v1/convai/agents/create",
                "GET /v1/convai/agents/" + agentId,
                "PATCH /v1/convai/agents/" + agentId,
                "POST /v1/convai/agents/" + agentId + "/avatar",
                "GET /v1/convai/agents",
                "GET /v1/convai/agents");
        assertThat(fake.avatar(agentId)).hasValueSatisfying(file -> {
            assertThat(file.filename()).isEqualTo("avatar.png");
            assertThat(file.contentType()).isEqualTo("image/png");
        });
        try (ConvaiClient client = fakeClient(fake)) {
            AgentConfigResponse config = client.agents().get(agentId).conversationConfig().agent();
            assertThat(config.firstMessage().get()).isEqualTo("Hi! How can I help?");
            assertThat(config.prompt().prompt().get()).isEqualTo("You are a patient support agent.");
        }
    }

    @Test
    void asyncRunsAgainstTheFake(FakeAgentsPlatform fake) {
        String agentId = fake.addAgent("Support");
        fake.addAgent("Sales");
        String printed;
        try (ConvaiClient client = fakeClient(fake); StdoutCapture capture = new StdoutCapture()) {
            useTheAsyncClient(client, agentId);
            printed = capture.text();
        }

        assertThat(printed).contains("async: Support", "Sales\n", "Support\n");
        assertThat(fake.requests()).extracting(RecordedRequest::path)
                .containsExactly("/v1/convai/agents/" + agentId, "/v1/convai/agents");
    }

    @Test
    void rawResponsesRunAgainstTheFake(FakeAgentsPlatform fake) {
        String agentId = fake.addAgent("Support");
        String printed;
        try (ConvaiClient client = fakeClient(fake); StdoutCapture capture = new StdoutCapture()) {
            rawResponses(client, agentId);
            printed = capture.text();
        }

        String requestId = fake.requests("GET", "/v1/convai/agents/" + agentId).get(0).requestId();
        assertThat(requestId).isNotEmpty();
        assertThat(printed).isEqualTo("200 request-id " + requestId + ": Support\n");
    }

    @Test
    void providersSetBaseUrlAndAuthScheme() {
        List<ConvaiClient> clients = providers("sk_example");
        try {
            assertThat(clients).extracting(c -> c.options().baseUrl().toString()).containsExactly(
                    "https://api.eu.residency.elevenlabs.io", "https://api.threetone.in",
                    "https://gateway.example.com/elevenlabs");
            assertThat(clients).extracting(c -> c.options().authScheme())
                    .containsExactly(AuthScheme.XI_API_KEY, AuthScheme.BEARER, AuthScheme.XI_API_KEY);
            assertThat(Provider.THREETONE.authScheme()).isEqualTo(AuthScheme.X_API_KEY);
        } finally {
            clients.forEach(ConvaiClient::close);
        }
    }

    @Test
    void errorsRunAgainstTheFake(FakeAgentsPlatform fake) {
        String agentId = fake.addAgent("Support");
        String printed;
        try (ConvaiClient client = fakeClient(fake); StdoutCapture capture = new StdoutCapture()) {
            errorsAndRetries(client, agentId);
            printed = capture.text();
        }

        String requestId = fake.requests("GET", "/v1/convai/agents/agent_that_does_not_exist").get(0).requestId();
        assertThat(printed).isEqualTo("404 agent_not_found request-id " + requestId + "\n");
    }

    @Test
    void liveChatRunsAgainstTheFakeAgentOverTheNettyWebSocket(FakeAgentsPlatform fake) {
        String agentId = fake.addAgent("Readme");
        fake.requireAuth(agentId, true);
        fake.script(agentId, (session, text) -> {
            LiveMessage time = session.sendClientToolCall("get_time", "{}", Duration.ofSeconds(10));
            session.sendAgentResponse("It is " + time.string("result") + ".");
        });
        String printed;
        try (ConvaiClient client = fakeClient(fake); StdoutCapture capture = new StdoutCapture()) {
            liveChat(client, agentId);
            printed = capture.text();
            // API calls through HttpClient 5, the WebSocket through the Netty transport found on the class path.
            assertThat(client.context().transport().name()).isEqualTo("httpclient5");
            assertThat(client.webSocketTransport().getClass().getName()).contains(".netty.");
        }

        assertThat(printed).matches("agent: It is \\d\\d:\\d\\d(:\\d\\d)?\\.\n");
        assertThat(fake.requests("GET", "/v1/convai/conversation/get-signed-url")).hasSize(1);
        LiveSession session = fake.awaitSession(Duration.ofSeconds(10));
        assertThat(session.apiKeySeenOnHandshake()).isFalse();
        assertThat(session.received("user_message")).extracting(m -> m.string("text")).containsExactly("Hi! What time is it?");
        assertThat(session.received("client_tool_result")).hasSize(1);
        assertThat(session.awaitClosed(Duration.ofSeconds(10)).code()).isEqualTo(1000);
    }

    @Test
    void liveListenerRunsAgainstTheFakeAgentOverTheNettyWebSocket(FakeAgentsPlatform fake) throws Exception {
        String agentId = fake.addAgent("Readme");
        List<byte[]> played = new CopyOnWriteArrayList<>();
        String printed;
        try (ConvaiClient client = fakeClient(fake); StdoutCapture capture = new StdoutCapture()) {
            ConversationSession session = liveListener(client, agentId, played::add);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((played.isEmpty() || !capture.text().contains("\n")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            session.close();
            printed = capture.text();
        }

        assertThat(printed).isEqualTo("agent: You said: Hello\n");
        assertThat(played).isNotEmpty().allSatisfy(pcm -> assertThat(pcm.length).isPositive().isEven());
    }

    // ---------------------------------------------------------------- the README holds exactly these snippets

    @Test
    void everyJavaBlockOfTheReadmeIsASnippetCompiledHere() throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        for (Path source : SNIPPET_SOURCES) {
            snippets.putAll(snippets(Files.readString(source)));
        }
        List<String> blocks = blocks(Files.readString(README), "java");

        assertThat(snippets).containsKeys("build-client", "use-client", "async", "providers", "errors", "testkit",
                "live-chat", "live-listener");
        assertThat(blocks).as("Java blocks of README.md; the snippets compiled here are %s", snippets.values())
                .hasSameElementsAs(snippets.values());
    }

    @Test
    void installSnippetsNameArtifactsOfTheBomAtTheProjectVersion() throws IOException {
        String readme = Files.readString(README);
        String bom = Files.readString(Paths.get("..", "bom", "pom.xml"));
        Matcher versionInBom = Pattern.compile("<artifactId>convai4j-bom</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(bom);
        assertThat(versionInBom.find()).isTrue();
        String version = versionInBom.group(1);
        TreeSet<String> published = new TreeSet<>(regexAll(bom, "<artifactId>(convai4j-[a-z0-9-]+)</artifactId>"));

        List<String> xml = blocks(readme, "xml");
        List<String> gradle = blocks(readme, "kotlin");
        assertThat(xml).hasSize(1);
        assertThat(gradle).hasSize(1);
        List<String> named = new ArrayList<>(regexAll(xml.get(0), "<artifactId>(convai4j-[a-z0-9-]+)</artifactId>"));
        named.addAll(regexAll(gradle.get(0), "\"io\\.github\\.convai4j:(convai4j-[a-z0-9-]+)[:\"]"));
        assertThat(named).isNotEmpty();
        assertThat(published).containsAll(named);
        assertThat(regexAll(xml.get(0), "<version>([^<]+)</version>")).containsOnly(version);
        assertThat(regexAll(gradle.get(0), "convai4j-bom:([^\"]+)\"")).containsOnly(version);
        assertThat(xml.get(0)).contains("<artifactId>convai4j-testkit</artifactId>\n    <scope>test</scope>");
        assertThat(gradle.get(0)).contains("testImplementation(\"io.github.convai4j:convai4j-testkit\")");
    }

    // ---------------------------------------------------------------- helpers

    private static ConvaiClient fakeClient(FakeAgentsPlatform fake) {
        return ConvaiClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build();
    }

    /** The snippets of a source file, by name, without their common indentation. */
    static Map<String, String> snippets(String source) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^[ \\t]*// README: ([a-z-]+)\\n(.*?)^[ \\t]*// README end\\n", Pattern.DOTALL)
                .matcher(source);
        while (m.find()) {
            assertThat(found.put(m.group(1), dedent(m.group(2)))).as("snippet %s named twice", m.group(1)).isNull();
        }
        return found;
    }

    /** The fenced code blocks of one language in a Markdown text. */
    static List<String> blocks(String markdown, String language) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```" + language + "\\n(.*?)^```$", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            found.add(dedent(m.group(1)));
        }
        return found;
    }

    private static String dedent(String text) {
        List<String> lines = text.lines().collect(Collectors.toList());
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static List<String> regexAll(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Collects what the snippets print; the snippets print to System.out, as user code would. */
    private static final class StdoutCapture implements AutoCloseable {
        private final PrintStream original = System.out;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StdoutCapture() {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }

        String text() {
            System.out.flush();
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setOut(original);
        }
    }
}
