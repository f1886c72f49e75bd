package io.github.convai4j.webhooks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the body of a post-call webhook request as a typed {@link WebhookEvent}. Verify the request first
 * with a {@link WebhookVerifier}.
 *
 * <pre>{@code
 * verifier.verify(signatureHeader, body);
 * WebhookEvent event = WebhookEvents.parse(body);
 * if (event instanceof PostCallTranscriptionEvent) {
 *     GetConversationResponse conversation = ((PostCallTranscriptionEvent) event).conversation();
 *     ...
 * } else if (event instanceof UnknownWebhookEvent) {
 *     log.info("webhook event of a new type: {}", event.type());   // answer 200 all the same
 * }
 * }</pre>
 *
 * <p>A {@code post_call_audio} event carries the whole call's audio, which can be tens of megabytes: read it
 * from a stream with {@link #parse(InputStream, AudioHandler)}, which hands the audio to your handler as it
 * is decoded and never holds it in memory.
 *
 * <p>Reading is lenient, like every model of the library: members the library does not know are kept, a
 * missing member is reported when its accessor is called, and an event of an unknown type is an
 * {@link UnknownWebhookEvent}. Only a body that is not an event at all is rejected, with a
 * {@link WebhookPayloadException}. The limits of {@code io.github.convai4j.json.Json} apply to the JSON;
 * the audio is not bounded by them, as it does not pass through the JSON parser.
 *
 * <p>Thread-safe: the methods keep no state.
 */
public final class WebhookEvents {

    private static final AudioHandler DISCARD = new AudioHandler() {
        @Override
        public void handle(InputStream audio) {
            // decoded (so checked) and counted while it is drained, then dropped
        }
    };

    private WebhookEvents() {
    }

    /**
     * Reads an event from a body held in memory. The audio of a {@code post_call_audio} event is decoded,
     * counted ({@link PostCallAudioEvent#audioSize()}) and dropped; to keep it, use
     * {@link #parse(InputStream, AudioHandler)}.
     *
     * @param body the request body
     * @return the event
     * @throws WebhookPayloadException if the body is not an event
     * @throws IllegalArgumentException if {@code body} is {@code null}
     */
    public static WebhookEvent parse(byte[] body) {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null");
        }
        try {
            return EventReader.read(new ByteArrayInputStream(body), DISCARD);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading from memory failed", e); // a ByteArrayInputStream does not fail
        }
    }

    /**
     * Reads an event from a body stream, handing the audio of a {@code post_call_audio} event to
     * {@code audioHandler} while it streams in. Reads the body to its end before it returns, but does not close
     * it. Pass the stream of {@link WebhookVerifier#verifyingStream(String, InputStream)} to verify the body
     * while it is read: a body whose signature does not match ends this method with a
     * {@link SignatureMismatchException}, and does so before the audio stream reports its end. A body that is not
     * an event is read to its end before the {@link WebhookPayloadException} is thrown, so that a forged one is
     * reported as a {@link SignatureMismatchException} all the same.
     *
     * @param body the request body
     * @param audioHandler takes the decoded audio, if the event has any
     * @return the event
     * @throws IOException if reading the body fails, or the handler throws it
     * @throws WebhookPayloadException if the body is not an event, or its audio is not base64
     * @throws SignatureMismatchException if the body comes from a verifying stream and its signature does not
     *         match
     * @throws IllegalArgumentException if an argument is {@code null}
     */
    public static WebhookEvent parse(InputStream body, AudioHandler audioHandler) throws IOException {
        if (body == null || audioHandler == null) {
            throw new IllegalArgumentException((body == null ? "body" : "audioHandler") + " must not be null");
        }
        return EventReader.read(body, audioHandler);
    }
}
