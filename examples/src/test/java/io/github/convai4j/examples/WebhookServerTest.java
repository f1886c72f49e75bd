package io.github.convai4j.examples;

import io.github.convai4j.testkit.ConversationSeed;
import io.github.convai4j.webhooks.WebhookVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the webhook example: its demonstration, where the testkit's fake platform delivers signed events to it,
 * and requests the demonstration does not make.
 */
class WebhookServerTest {

    static final String SECRET = "wsec_example_test";
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDemonstrationHandlesEveryEventTheFakePlatformSends(@TempDir Path audioDir) throws Exception {
        int status = WebhookServer.runAgainstFake(audioDir, out);
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output)
                .contains("answered the client-data webhook of call CA")
                .contains("the agent opened with \"Welcome back, Ada!\"")
                .containsPattern("received the transcript of conv_\\w+: 1 messages, status done")
                .contains("saved 2097152 bytes of audio of conv_")
                .contains("a call of agent agent_")
                .contains("did not connect: no-answer")
                .contains("ignored an event of type a_new_event_type")
                .contains("rejected a webhook request: No signature")
                .contains("rejected a webhook request: The webhook request was signed 31 min ago")
                .contains("Every step went as expected.");
        Path saved;
        try (Stream<Path> files = Files.list(audioDir)) {
            saved = files.filter(p -> p.toString().endsWith(".mp3")).findFirst().orElseThrow();
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(sha.digest(Files.readAllBytes(saved)))
                .isEqualTo(sha.digest(ConversationSeed.openSyntheticAudio(2 * 1024 * 1024).readAllBytes()));
        try (Stream<Path> files = Files.list(audioDir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".part"))).as("no temporary file left").isEmpty();
        }
    }

    @Test
    void answersWhatIsNotASignedEventWithFourHundreds(@TempDir Path audioDir) throws Exception {
        try (WebhookServer server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0),
                WebhookVerifier.builder().secret(SECRET).build(), "token-1", audioDir, out)) {
            String url = server.url(WebhookServer.POST_CALL_PATH);
            assertThat(post(url, "{}", null, null).statusCode()).isEqualTo(401);
            byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
            assertThat(post(url, "not json", "ElevenLabs-Signature", sign(notJson)).statusCode()).isEqualTo(400);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);

            String clientData = server.url(WebhookServer.CLIENT_DATA_PATH);
            String request = "{\"caller_id\":\"+15550000000\",\"agent_id\":\"agent_1\",\"called_number\":\"+1\","
                    + "\"call_sid\":\"CA1\"}";
            assertThat(post(clientData, request, "X-Webhook-Token", "wrong").statusCode()).isEqualTo(401);
            assertThat(post(clientData, request, null, null).statusCode()).isEqualTo(401);
            HttpResponse<String> answer = post(clientData, request, "X-Webhook-Token", "token-1");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(answer.body()).isEqualTo("{\"type\":\"conversation_initiation_client_data\","
                    + "\"dynamic_variables\":{\"customer_name\":\"there\"}}");
        }
    }

    private HttpResponse<String> post(String url, String body, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(byte[] body) throws Exception {
        long t = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        return "t=" + t + ",v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
