/**
 * What the Agents Platform sends to your server: post-call webhooks, verified and read as typed events, and
 * the conversation-initiation client-data webhook of inbound phone calls. Nothing here makes a network call
 * or needs a transport: plug it into whatever HTTP server you run.
 *
 * <h2>Post-call webhooks</h2>
 * The platform posts {@code post_call_transcription}, {@code post_call_audio} and
 * {@code call_initiation_failure} events, signed in the {@code ElevenLabs-Signature} header with the
 * webhook's secret. Verify with a {@link io.github.convai4j.webhooks.WebhookVerifier} (over the body's raw
 * bytes), then read with {@link io.github.convai4j.webhooks.WebhookEvents}:
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *         .secret(System.getenv("ELEVENLABS_WEBHOOK_SECRET"))
 *         .build();                                                // share it; thread-safe
 *
 * // transcription events: read the body whole
 * verifier.verify(signatureHeader, body);                          // WebhookVerificationException: answer 401
 * WebhookEvent event = WebhookEvents.parse(body);
 *
 * // audio events can be tens of MB: verify and read while streaming
 * WebhookEvent event = WebhookEvents.parse(verifier.verifyingStream(signatureHeader, bodyStream),
 *         audio -> Files.copy(audio, partFile, StandardCopyOption.REPLACE_EXISTING));
 * }</pre>
 *
 * Answer 200 quickly (the platform disables a webhook that keeps failing, and does not retry), also for an
 * {@link io.github.convai4j.webhooks.UnknownWebhookEvent}.
 *
 * <h2>The conversation-initiation client-data webhook</h2>
 * When an inbound call to a Twilio or SIP number starts, the platform can ask your server for the
 * conversation's dynamic variables and overrides: read its request with
 * {@link io.github.convai4j.webhooks.ClientDataRequest} and answer with a
 * {@link io.github.convai4j.webhooks.ClientDataResponse}. That request is not signed: it carries the headers
 * you configured for the webhook (put a shared secret in one, and compare it in constant time).
 *
 * <h2>Choices where the platform's documents are silent</h2>
 * <ul>
 *   <li>A timestamp too far in the future is rejected like one too far in the past (the official SDKs accept
 *       any future one).</li>
 *   <li>Signatures are compared in constant time (the official SDKs compare strings).</li>
 *   <li>JSON does not fix the order of members: an event whose {@code type} comes after its {@code data} is
 *       read the same; a {@code full_audio} streams wherever it stands in {@code data}.</li>
 * </ul>
 */
package io.github.convai4j.webhooks;
