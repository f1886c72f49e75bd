package io.github.convai4j.examples;

import com.sun.net.httpserver.HttpServer;
import io.github.convai4j.testkit.ClientDataWebhook;
import io.github.convai4j.testkit.ConversationSeed;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.InboundCall;
import io.github.convai4j.testkit.PostCallWebhook;
import io.github.convai4j.testkit.WebhookDelivery;
import io.github.convai4j.webhooks.WebhookVerifier;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An example webhook receiver for the Agents Platform, on the JDK's built-in HTTP server
 * ({@code com.sun.net.httpserver}; any server that gives you the body as a stream will do):
 * <ul>
 *   <li>{@code POST /webhooks/elevenlabs}: the post-call webhook, verified and read with convai4j's
 *       {@code WebhookVerifier} and {@code WebhookEvents} ({@link PostCallWebhookHandler});</li>
 *   <li>{@code POST /webhooks/client-data}: the conversation-initiation client-data webhook of inbound calls
 *       ({@link ClientDataWebhookHandler}).</li>
 * </ul>
 *
 * <p>Where it runs:
 * <ul>
 *   <li>{@code ELEVENLABS_WEBHOOK_SECRET} unset: a demonstration that ends by itself. The server starts on a
 *       free port with a random secret, and the testkit's fake Agents Platform, in this JVM, plays the platform:
 *       an inbound call that asks the client-data webhook, the post-call events of that call and of a recorded
 *       one, a call that did not connect, an event of a new type, and two requests that must be refused (another
 *       secret, and an old timestamp). Nothing leaves the machine.</li>
 *   <li>{@code ELEVENLABS_WEBHOOK_SECRET} set (the secret shown when you created the webhook): serves on
 *       {@code WEBHOOK_PORT} (default 8080) until stopped, saving call audio to {@code WEBHOOK_AUDIO_DIR}
 *       (default {@code call-audio}). The client-data endpoint answers only requests that carry
 *       {@code X-Webhook-Token: $CLIENT_DATA_TOKEN}; without {@code CLIENT_DATA_TOKEN} it is off. Put it behind
 *       HTTPS (a reverse proxy) before you give its URL to the platform.</li>
 * </ul>
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am -Pwebhook-server compile} from the repository root. Exit
 * status of the demonstration: 0 when every step went as expected, 1 otherwise.
 */
public final class WebhookServer implements AutoCloseable {

    /** The webhook's secret; unset means "run the demonstration". */
    public static final String SECRET_VARIABLE = "ELEVENLABS_WEBHOOK_SECRET";
    /** The token the client-data webhook must send in {@value ClientDataWebhookHandler#TOKEN_HEADER}. */
    public static final String CLIENT_DATA_TOKEN_VARIABLE = "CLIENT_DATA_TOKEN";
    /** The port to serve on. */
    public static final String PORT_VARIABLE = "WEBHOOK_PORT";
    /** Where call audio is saved. */
    public static final String AUDIO_DIR_VARIABLE = "WEBHOOK_AUDIO_DIR";

    static final String POST_CALL_PATH = "/webhooks/elevenlabs";
    static final String CLIENT_DATA_PATH = "/webhooks/client-data";
    /** The callers the client-data webhook knows, by phone number (a real server asks its CRM). */
    static final Map<String, String> CUSTOMERS = Collections.singletonMap("+14155550100", "Ada");

    private final HttpServer http;
    private final ExecutorService workers;

    private WebhookServer(HttpServer http, ExecutorService workers) {
        this.http = http;
        this.workers = workers;
    }

    /**
     * Starts the server.
     *
     * @param address where to listen; port 0 for a free one
     * @param verifier checks the post-call webhook's signatures
     * @param clientDataToken the client-data webhook's token, or {@code null} to leave that endpoint off
     * @param audioDir where call audio is saved
     * @param out where the server reports what it handled
     * @return the running server
     * @throws IOException if it cannot listen there
     */
    static WebhookServer start(InetSocketAddress address, WebhookVerifier verifier, String clientDataToken,
                               Path audioDir, PrintStream out) throws IOException {
        Files.createDirectories(audioDir);
        HttpServer http = HttpServer.create(address, 0);
        http.createContext(POST_CALL_PATH, new PostCallWebhookHandler(verifier, audioDir, out));
        if (clientDataToken != null) {
            http.createContext(CLIENT_DATA_PATH, new ClientDataWebhookHandler(clientDataToken, CUSTOMERS, out));
        }
        ExecutorService workers = Executors.newFixedThreadPool(4);
        http.setExecutor(workers);
        http.start();
        return new WebhookServer(http, workers);
    }

    int port() {
        return http.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Stops the server, waiting up to a second for requests under way. */
    @Override
    public void close() {
        http.stop(1);
        workers.shutdown();
    }

    /**
     * Serves until stopped, or runs the demonstration; see the class documentation.
     *
     * @param args none
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String secret = env.get(SECRET_VARIABLE);
        if (secret == null || secret.trim().isEmpty()) {
            Path audioDir = Files.createTempDirectory("convai4j-webhook-demo");
            int status = runAgainstFake(audioDir, System.out);
            try (java.util.stream.Stream<Path> files = Files.list(audioDir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
            Files.delete(audioDir);
            System.exit(status);
        }
        int port = Integer.parseInt(env.getOrDefault(PORT_VARIABLE, "8080"));
        Path audioDir = Paths.get(env.getOrDefault(AUDIO_DIR_VARIABLE, "call-audio"));
        WebhookServer server = start(new InetSocketAddress(port), WebhookVerifier.builder().secret(secret).build(),
                env.get(CLIENT_DATA_TOKEN_VARIABLE), audioDir, System.out);
        System.out.println("Listening on port " + server.port() + ": POST " + POST_CALL_PATH
                + (env.get(CLIENT_DATA_TOKEN_VARIABLE) != null ? " and POST " + CLIENT_DATA_PATH : "")
                + "; audio goes to " + audioDir.toAbsolutePath() + ". Stop with Ctrl-C.");
        Thread.currentThread().join();
    }

    /**
     * The demonstration: this server, with a random secret, and the testkit's fake platform sending to it.
     *
     * @param audioDir where the server saves call audio
     * @param out where the steps are printed
     * @return 0 if every step went as expected, 1 otherwise
     */
    static int runAgainstFake(Path audioDir, PrintStream out) {
        String secret = "wsec_demo_" + random();
        String token = random();
        boolean ok = true;
        try (WebhookServer server = start(new InetSocketAddress("127.0.0.1", 0),
                WebhookVerifier.builder().secret(secret).build(), token, audioDir, out);
             FakeAgentsPlatform platform = FakeAgentsPlatform.start()) {
            String agentId = platform.addAgent("Front desk");
            platform.clientDataWebhook(ClientDataWebhook.to(server.url(CLIENT_DATA_PATH))
                    .header(ClientDataWebhookHandler.TOKEN_HEADER, token));
            platform.postCallWebhook(PostCallWebhook.to(server.url(POST_CALL_PATH)).secret(secret).audio(true));
            out.println("Webhook server on port " + server.port() + "; the fake Agents Platform sends to it.");

            out.println("1. An inbound call from a known number starts:");
            InboundCall call = platform.startInboundCall(agentId, "+14155550100", "+14155550199");
            out.println("   the agent opened with \"" + call.firstMessage() + "\"");
            ok &= call.started() && call.firstMessage().equals("Welcome back, Ada!");

            out.println("2. The call ends; its transcript is posted:");
            ok &= expect(out, platform.awaitWebhookDelivery(Duration.ofSeconds(30)), 200);

            out.println("3. The audio of a recorded call is posted (base64 in JSON, 2 MiB of audio):");
            long size = 2 * 1024 * 1024;
            String recorded = platform.addConversation(ConversationSeed.forAgent(agentId)
                    .user("Where is my order?").agent("It ships tomorrow.").syntheticAudio(size));
            ok &= expect(out, platform.deliverPostCallAudio(recorded), 200);
            Path saved = audioDir.resolve(recorded + ".mp3");
            ok &= Files.isRegularFile(saved) && Files.size(saved) == size;

            out.println("4. An outbound call did not connect:");
            ok &= expect(out, platform.deliverCallInitiationFailure(agentId, "no-answer"), 200);

            out.println("5. An event of a type this version does not know:");
            ok &= expect(out, platform.deliverWebhookEvent("a_new_event_type", "{\"detail\":\"x\"}"), 200);

            out.println("6. A request signed with another secret:");
            platform.postCallWebhook(PostCallWebhook.to(server.url(POST_CALL_PATH)).secret("wsec_not_this_one"));
            ok &= expect(out, platform.deliverPostCallTranscription(recorded), 401);

            out.println("7. A request signed 31 minutes ago (a replay):");
            platform.postCallWebhook(PostCallWebhook.to(server.url(POST_CALL_PATH)).secret(secret)
                    .timestampOffset(Duration.ofMinutes(-31)));
            ok &= expect(out, platform.deliverPostCallTranscription(recorded), 401);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(ok ? "Every step went as expected." : "A step did not go as expected.");
        return ok ? 0 : 1;
    }

    private static boolean expect(PrintStream out, WebhookDelivery delivery, int status) {
        out.println("   " + delivery.type() + " answered " + (delivery.failure() != null ? delivery.failure()
                : String.valueOf(delivery.statusCode())));
        return delivery.statusCode() == status;
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
