package io.github.convai4j.examples;

import io.github.convai4j.ConvaiAsyncClient;
import io.github.convai4j.ConvaiClient;
import io.github.convai4j.Provider;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.conversation.events.AgentResponseEvent;
import io.github.convai4j.conversation.events.AudioEvent;
import io.github.convai4j.core.AttemptInfo;
import io.github.convai4j.core.AuthScheme;
import io.github.convai4j.core.CallListener;
import io.github.convai4j.core.CallResult;
import io.github.convai4j.core.FilePart;
import io.github.convai4j.core.Page;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.errors.RateLimitException;
import io.github.convai4j.examples.readme.ReadmeSources;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.GetAgentsPageResponse;
import io.github.convai4j.models.agents.GetAgentsParams;
import io.github.convai4j.models.agents.UpdateAgentRequest;
import io.github.convai4j.models.common.AgentConfig;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.models.common.PromptAgent;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.FakeAgentsPlatformExtension;
import io.github.convai4j.testkit.FaultRule;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java blocks of README.md and docs/guide.md: every one compiles as printed, and every one runs here.
 *
 * <ul>
 *   <li>README.md's blocks are whole classes: each is the text of a source file of
 *       {@code io.github.convai4j.examples.readme} without its package line ({@link ReadmeSources}), so it
 *       compiles, and the tests there and in {@link ReadmeRunsTest} run it.</li>
 *   <li>docs/guide.md's blocks are import lines and then statements; the statements are a snippet of this
 *       class, between a {@code // README: <name>} and a {@code // README end} comment, character for
 *       character, and the tests below run them.</li>
 *   <li>{@link #everyJavaBlockCompilesAsPrinted()} compiles every block, imports included, with the JDK's
 *       compiler against the test class path: a README class as it stands, a guide block as the body of a
 *       method with the variables the guide names ({@code client}, {@code agentId}, {@code key},
 *       {@code speaker}).</li>
 * </ul>
 */
class ReadmeSnippetsTest {

    private static final Path README = Paths.get("..", "README.md");
    private static final Path GUIDE = Paths.get("..", "docs", "guide.md");
    /** The test classes whose snippets are docs/guide.md's blocks. */
    private static final List<Path> GUIDE_SOURCES = List.of(
            Paths.get("src/test/java/io/github/convai4j/examples/ReadmeSnippetsTest.java"),
            Paths.get("src/test/java/io/github/convai4j/examples/WebhookReadmeSnippetsTest.java"));
    /** The README is for users: short enough to read through. */
    private static final int README_MAX_BYTES = 12_000;
    /** The variables every guide block may use, as the guide's introduction names them. */
    private static final String GUIDE_CONTEXT = "io.github.convai4j.ConvaiClient client, String agentId, String key,"
            + " java.util.function.Consumer<byte[]> speaker, String webhookSecret, String signatureHeader,"
            + " java.io.InputStream requestBody, java.nio.file.Path partFile, java.nio.file.Path audioDir,"
            + " io.github.convai4j.testkit.FakeAgentsPlatform fake, int port, String conversationId";

    @RegisterExtension
    static final FakeAgentsPlatformExtension FAKE = FakeAgentsPlatformExtension.create();

    // ---------------------------------------------------------------- the guide's snippets

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

    static String countCallsAndRetries(ConvaiClient client, String agentId) {
        // README: listener
        LongAdder calls = new LongAdder();
        LongAdder retries = new LongAdder();
        CallListener counter = new CallListener() {
            @Override
            public void callEnded(CallResult result) {
                calls.increment();
            }

            @Override
            public void retryScheduled(AttemptInfo failed, String reason, Duration delay) {
                retries.increment();
                System.out.println(failed.call().operation() + ": retry in " + delay.toMillis() + " ms after " + reason);
            }
        };
        ConvaiClient observed = client.withOptions(o -> o.addListener(counter));
        observed.agents().get(agentId);
        System.out.println(calls.sum() + " call(s), " + retries.sum() + " retry(ies)");
        // README end
        return calls.sum() + "/" + retries.sum();
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
    void listenerCountsCallsAndRetriesAgainstTheFake(FakeAgentsPlatform fake) {
        String agentId = fake.addAgent("Support");
        fake.injectFault(FaultRule.on("GET", "/v1/convai/agents/" + agentId).status(503).times(1));
        String printed;
        String counted;
        try (ConvaiClient client = fakeClient(fake); StdoutCapture capture = new StdoutCapture()) {
            counted = countCallsAndRetries(client, agentId);
            printed = capture.text();
        }

        assertThat(counted).isEqualTo("1/1");
        assertThat(printed).contains("get_agent_route: retry in ", " ms after HTTP 503", "1 call(s), 1 retry(ies)");
        assertThat(fake.requests("GET", "/v1/convai/agents/" + agentId)).hasSize(2);
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

    // ---------------------------------------------------------------- the documents hold exactly these

    @Test
    void everyJavaBlockOfTheReadmeIsOneOfItsSourceFiles() throws IOException {
        List<String> blocks = blocks(Files.readString(README), "java");

        assertThat(blocks).as("Java blocks of README.md; the source files of examples.readme without their"
                + " package line are %s", ReadmeSources.FILES).hasSameElementsAs(ReadmeSources.texts().values());
    }

    @Test
    void everyJavaBlockOfTheGuideIsImportsAndASnippetRunHere() throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        for (Path source : GUIDE_SOURCES) {
            snippets.putAll(snippets(Files.readString(source)));
        }
        List<String> bodies = blocks(Files.readString(GUIDE), "java").stream().map(b -> split(b)[1])
                .collect(Collectors.toList());

        assertThat(snippets).containsOnlyKeys("async", "raw", "providers", "errors", "listener", "live-listener",
                "webhooks", "webhooks-testkit");
        assertThat(bodies).as("Java blocks of docs/guide.md after their import lines; the snippets here are %s",
                snippets.values()).hasSameElementsAs(snippets.values());
    }

    @Test
    void everyJavaBlockCompilesAsPrinted() throws IOException {
        Path dir = Files.createTempDirectory("convai4j-readme-blocks");
        List<Path> sources = new ArrayList<>();
        int n = 0;
        for (String block : blocks(Files.readString(README), "java")) {
            Matcher name = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)").matcher(block);
            assertThat(name.find()).as("a README block is a class: %s", block).isTrue();
            sources.add(write(dir.resolve("readme" + ++n), name.group(1), block));
        }
        for (String block : blocks(Files.readString(GUIDE), "java")) {
            String[] parts = split(block);
            String unit = parts[0] + "\nclass GuideBlock {\n    static void run(" + GUIDE_CONTEXT + ") throws Exception {\n"
                    + parts[1] + "    }\n}\n";
            sources.add(write(dir.resolve("guide" + ++n), "GuideBlock", unit));
        }

        List<String> errors = new ArrayList<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (Path source : sources) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                List<String> options = List.of("-proc:none", "-d", source.getParent().toString(), "-classpath",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
                boolean ok = javac.getTask(null, files, diagnostics, options, null,
                        files.getJavaFileObjects(source.toFile())).call();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        errors.add(source.getParent().getFileName() + " line " + d.getLineNumber() + ": "
                                + d.getMessage(null) + "\n" + Files.readString(source));
                    }
                }
                assertThat(ok || !errors.isEmpty()).isTrue();
            }
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(8);
        assertThat(errors).as("Java blocks that do not compile as printed").isEmpty();
    }

    @Test
    void theReadmeIsShort() throws IOException {
        assertThat(Files.size(README)).as("README.md bytes: move maintainer or reference material to"
                + " CONTRIBUTING.md or docs/").isLessThan(README_MAX_BYTES);
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

    private static Path write(Path dir, String className, String source) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(className + ".java"), source);
    }

    /** A guide block's import lines (and the blank lines among them), and the rest. */
    private static String[] split(String block) {
        List<String> lines = block.lines().collect(Collectors.toList());
        int i = 0;
        while (i < lines.size() && (lines.get(i).startsWith("import ") || lines.get(i).isBlank())) {
            i++;
        }
        return new String[] {String.join("\n", lines.subList(0, i)) + "\n",
                lines.subList(i, lines.size()).stream().collect(Collectors.joining("\n", "", "\n"))};
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

    static String dedent(String text) {
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
}
