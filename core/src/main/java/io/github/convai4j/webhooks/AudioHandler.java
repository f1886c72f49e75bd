package io.github.convai4j.webhooks;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives the audio of a {@code post_call_audio} event while the event is read, as a stream of the decoded
 * audio (MP3, as the Agents Platform sends it), so that a call's recording of any length passes through at
 * bounded memory. See {@link WebhookEvents#parse(InputStream, AudioHandler)}.
 *
 * <pre>{@code
 * Path part = Files.createTempFile("call-", ".mp3.part");
 * WebhookEvent event = WebhookEvents.parse(verifier.verifyingStream(signature, body),
 *         audio -> Files.copy(audio, part, StandardCopyOption.REPLACE_EXISTING));
 * // only now is the audio verified: keep it under the conversation's name
 * Files.move(part, dir.resolve(((PostCallAudioEvent) event).conversationId() + ".mp3"));
 * }</pre>
 */
@FunctionalInterface
public interface AudioHandler {

    /**
     * Takes the audio. Runs on the thread that parses, at most once per event.
     *
     * <p>The stream decodes the event's base64 {@code full_audio} as it is read. It reports its end only after
     * the whole request body has been read: when the body comes from
     * {@link WebhookVerifier#verifyingStream(String, InputStream)}, after its signature was checked, so a read
     * that reaches the end without an exception has delivered authentic audio. Reading it to the end is not
     * required (what is left is read and discarded after this method returns); closing it is optional and does
     * not close the request body. It is only valid during this call.
     *
     * @param audio the decoded audio
     * @throws IOException if storing it fails; it ends the parse with that exception
     */
    void handle(InputStream audio) throws IOException;
}
