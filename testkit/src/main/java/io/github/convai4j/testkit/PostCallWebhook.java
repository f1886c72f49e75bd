package io.github.convai4j.testkit;

import java.net.URL;
import java.time.Duration;

/**
 * Where and how a {@link FakeAgentsPlatform} delivers post-call webhook events, as the workspace's post-call
 * webhook setting of the Agents Platform does. Install it with
 * {@link FakeAgentsPlatform#postCallWebhook(PostCallWebhook)}.
 *
 * <pre>{@code
 * server.postCallWebhook(PostCallWebhook.to("http://127.0.0.1:" + port + "/webhooks/elevenlabs")
 *         .secret("wsec_test")
 *         .audio(true));
 * }</pre>
 *
 * <p>Each event is a POST with {@code Content-Type: application/json} and, when a secret is set, the header
 * {@code ElevenLabs-Signature: t=<unix seconds>,v0=<hex HMAC-SHA256 of "<t>.<body>">}, the secret's UTF-8
 * bytes as the key; {@code post_call_audio} bodies are sent with chunked transfer encoding, as the platform
 * sends them. Without a secret, requests carry no signature (a webhook without HMAC authentication).
 *
 * <p>A mutable builder, not thread-safe; the server copies it when it is installed. {@link #toString()} never
 * shows the secret.
 */
public final class PostCallWebhook {

    private final URL url;
    private String secret;
    private boolean audio;
    private Duration timestampOffset = Duration.ZERO;

    private PostCallWebhook(URL url) {
        this.url = url;
    }

    /**
     * Starts the settings of a webhook at a URL on this machine.
     *
     * @param url e.g. {@code "http://127.0.0.1:8080/webhooks/elevenlabs"}
     * @return new settings: unsigned, transcription events only
     * @throws IllegalArgumentException if the URL is not http(s) on a loopback address
     */
    public static PostCallWebhook to(String url) {
        return new PostCallWebhook(LoopbackUrl.parse(url, "The post-call webhook"));
    }

    /**
     * Signs every event with this secret.
     *
     * @param secret the webhook secret your handler verifies with, or {@code null} to send events unsigned
     * @return these settings
     * @throws IllegalArgumentException if empty
     */
    public PostCallWebhook secret(String secret) {
        if (secret != null && secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty (pass null for unsigned events)");
        }
        this.secret = secret;
        return this;
    }

    /**
     * Also sends a {@code post_call_audio} event after each conversation that has audio (the "send audio"
     * setting). Default: {@code false}.
     *
     * @param audio {@code true} to send audio events
     * @return these settings
     */
    public PostCallWebhook audio(boolean audio) {
        this.audio = audio;
        return this;
    }

    /**
     * Signs with a timestamp this far from the current time, to test how a handler treats an old (replayed) or
     * future request. Default: zero.
     *
     * @param offset negative for the past, e.g. {@code Duration.ofMinutes(-31)}
     * @return these settings
     * @throws IllegalArgumentException if {@code null}
     */
    public PostCallWebhook timestampOffset(Duration offset) {
        if (offset == null) {
            throw new IllegalArgumentException("offset must not be null");
        }
        this.timestampOffset = offset;
        return this;
    }

    /**
     * Returns the URL events are posted to.
     *
     * @return the URL
     */
    public String url() {
        return url.toString();
    }

    URL target() {
        return url;
    }

    String secretValue() {
        return secret;
    }

    boolean sendsAudio() {
        return audio;
    }

    Duration offset() {
        return timestampOffset;
    }

    PostCallWebhook copy() {
        PostCallWebhook copy = new PostCallWebhook(url);
        copy.secret = secret;
        copy.audio = audio;
        copy.timestampOffset = timestampOffset;
        return copy;
    }

    /**
     * Describes the settings without the secret.
     *
     * @return e.g. {@code "PostCallWebhook[http://127.0.0.1:8080/hook, signed, audio]"}
     */
    @Override
    public String toString() {
        return "PostCallWebhook[" + url + (secret != null ? ", signed" : ", unsigned") + (audio ? ", audio" : "")
                + (timestampOffset.isZero() ? "" : ", timestamp offset " + timestampOffset) + "]";
    }
}
