package io.github.convai4j.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.convai4j.models.conversations.GetConversationResponse;
import io.github.convai4j.webhooks.CallInitiationFailureEvent;
import io.github.convai4j.webhooks.PostCallAudioEvent;
import io.github.convai4j.webhooks.PostCallTranscriptionEvent;
import io.github.convai4j.webhooks.WebhookEvent;
import io.github.convai4j.webhooks.WebhookEvents;
import io.github.convai4j.webhooks.WebhookPayloadException;
import io.github.convai4j.webhooks.WebhookVerificationException;
import io.github.convai4j.webhooks.WebhookVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Receives the post-call webhook: verifies each request's {@code ElevenLabs-Signature} while the body streams
 * in, reads the event, and handles it. Answers 401 to a request that does not verify, 400 to a body that is not
 * an event, 200 to every event, also one of a type it does not know (the platform disables a webhook that keeps
 * failing).
 *
 * <p>Audio events carry the whole call's recording in base64 and can be tens of megabytes, so the body is never
 * read whole: the audio goes to a temporary file while it is decoded, and becomes {@code <conversation_id>.mp3}
 * only once the whole body has been read and its signature checked.
 */
final class PostCallWebhookHandler implements HttpHandler {

    private final WebhookVerifier verifier;
    private final Path audioDir;
    private final PrintStream out;

    PostCallWebhookHandler(WebhookVerifier verifier, Path audioDir, PrintStream out) {
        this.verifier = verifier;
        this.audioDir = audioDir;
        this.out = out;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, "{\"detail\":\"POST only\"}");
            return;
        }
        String signature = exchange.getRequestHeaders().getFirst(WebhookVerifier.SIGNATURE_HEADER);
        Path[] audio = {null};
        try (InputStream body = verifier.verifyingStream(signature, exchange.getRequestBody())) {
            WebhookEvent event = WebhookEvents.parse(body, stream -> {
                audio[0] = Files.createTempFile(audioDir, "call-", ".mp3.part");
                Files.copy(stream, audio[0], StandardCopyOption.REPLACE_EXISTING);
            });
            handle(event, audio[0]);
            respond(exchange, 200, "{\"status\":\"ok\"}");
        } catch (WebhookVerificationException e) {
            out.println("   rejected a webhook request: " + e.getMessage());
            respond(exchange, 401, "{\"detail\":\"signature not verified\"}");
        } catch (WebhookPayloadException e) {
            out.println("   rejected a webhook body: " + e.getMessage());
            respond(exchange, 400, "{\"detail\":\"not a webhook event\"}");
        } finally {
            if (audio[0] != null) {
                Files.deleteIfExists(audio[0]); // still there if the event was not handled
            }
        }
    }

    private void handle(WebhookEvent event, Path audio) throws IOException {
        if (event instanceof PostCallTranscriptionEvent) {
            GetConversationResponse conversation = ((PostCallTranscriptionEvent) event).conversation();
            out.println("   received the transcript of " + conversation.conversationId() + ": "
                    + conversation.transcript().size() + " messages, status " + conversation.status());
        } else if (event instanceof PostCallAudioEvent) {
            PostCallAudioEvent audioEvent = (PostCallAudioEvent) event;
            if (audio != null) {
                Path saved = audioDir.resolve(audioEvent.conversationId() + ".mp3");
                Files.move(audio, saved, StandardCopyOption.REPLACE_EXISTING);
                out.println("   saved " + audioEvent.audioSize() + " bytes of audio of " + audioEvent.conversationId()
                        + " to " + saved.getFileName());
            }
        } else if (event instanceof CallInitiationFailureEvent) {
            CallInitiationFailureEvent failure = (CallInitiationFailureEvent) event;
            out.println("   a call of agent " + failure.agentId() + " did not connect: " + failure.failureReason());
        } else {
            out.println("   ignored an event of type " + event.type());
        }
    }

    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(body);
        }
    }
}
