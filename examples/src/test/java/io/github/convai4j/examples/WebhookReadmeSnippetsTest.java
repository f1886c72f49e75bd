package io.github.convai4j.examples;

import com.sun.net.httpserver.HttpServer;
import io.github.convai4j.models.conversations.GetConversationResponse;
import io.github.convai4j.testkit.ConversationSeed;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.FakeAgentsPlatformExtension;
import io.github.convai4j.testkit.PostCallWebhook;
import io.github.convai4j.testkit.WebhookDelivery;
import io.github.convai4j.webhooks.PostCallAudioEvent;
import io.github.convai4j.webhooks.PostCallTranscriptionEvent;
import io.github.convai4j.webhooks.WebhookEvent;
import io.github.convai4j.webhooks.WebhookEvents;
import io.github.convai4j.webhooks.WebhookVerificationException;
import io.github.convai4j.webhooks.WebhookVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The webhook snippets of docs/guide.md, run here against the testkit ({@link ReadmeSnippetsTest} checks that
 * the guide's blocks are these, character for character, and compiles them as printed).
 */
class WebhookReadmeSnippetsTest {

    @RegisterExtension
    static final FakeAgentsPlatformExtension FAKE = FakeAgentsPlatformExtension.create();

    static WebhookEvent handlePostCall(String webhookSecret, String signatureHeader, InputStream requestBody,
                                       Path partFile, Path audioDir) throws IOException {
        // README: webhooks
        WebhookVerifier verifier = WebhookVerifier.builder()
                .secret(webhookSecret)            // e.g. System.getenv("ELEVENLABS_WEBHOOK_SECRET")
                .build();                         // thread-safe: build it once

        // In your POST handler: the ElevenLabs-Signature header, and the body as a stream, exactly as received.
        // The body is verified while it is read; WebhookVerificationException means: answer 401.
        WebhookEvent event = WebhookEvents.parse(verifier.verifyingStream(signatureHeader, requestBody),
                audio -> Files.copy(audio, partFile, StandardCopyOption.REPLACE_EXISTING)); // post_call_audio only

        if (event instanceof PostCallTranscriptionEvent) {
            GetConversationResponse conversation = ((PostCallTranscriptionEvent) event).conversation();
            System.out.println(conversation.conversationId() + ": " + conversation.transcript().size() + " messages");
        } else if (event instanceof PostCallAudioEvent) {        // verified now: keep the recording
            Files.move(partFile, audioDir.resolve(((PostCallAudioEvent) event).conversationId() + ".mp3"));
        }                                                        // other types: answer 200 all the same
        // README end
        return event;
    }

    static int testYourHandler(FakeAgentsPlatform fake, int port, String conversationId) {
        // README: webhooks-testkit
        fake.postCallWebhook(PostCallWebhook.to("http://127.0.0.1:" + port + "/webhooks/elevenlabs")
                .secret("wsec_test"));
        WebhookDelivery delivery = fake.deliverPostCallTranscription(conversationId);  // signed, posted, answered
        assertEquals(200, delivery.statusCode());
        // README end
        return delivery.statusCode();
    }

    @Test
    void theSnippetsVerifyAndReadWhatTheTestkitSends(FakeAgentsPlatform fake, @TempDir Path dir) throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/elevenlabs", exchange -> {
            int status = 200;
            try (InputStream body = exchange.getRequestBody()) {
                WebhookEvent event = handlePostCall("wsec_test", exchange.getRequestHeaders().getFirst(
                        "ElevenLabs-Signature"), body, dir.resolve("audio.part"), dir);
                handled.add(event.type());
            } catch (WebhookVerificationException e) {
                status = 401;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            String agentId = fake.addAgent("Support");
            String conversationId = fake.addConversation(ConversationSeed.forAgent(agentId).user("Hi")
                    .audio(new byte[] {1, 2, 3, 4, 5}));
            assertThat(testYourHandler(fake, server.getAddress().getPort(), conversationId)).isEqualTo(200);
            assertThat(fake.deliverPostCallAudio(conversationId).statusCode()).isEqualTo(200);
            assertThat(Files.readAllBytes(dir.resolve(conversationId + ".mp3"))).containsExactly(1, 2, 3, 4, 5);
            fake.postCallWebhook(PostCallWebhook.to("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/webhooks/elevenlabs").secret("wsec_other"));
            assertThat(fake.deliverPostCallTranscription(conversationId).statusCode()).isEqualTo(401);
            assertThat(handled).containsExactly("post_call_transcription", "post_call_audio");
        } finally {
            server.stop(0);
        }
    }
}
