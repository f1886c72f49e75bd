package io.github.convai4j.testkit;

import java.nio.charset.StandardCharsets;

/**
 * One webhook event a {@link FakeAgentsPlatform} posted, and how the receiving server answered. Immutable.
 */
public final class WebhookDelivery {

    private final String type;
    private final String url;
    private final String conversationId;
    private final long timestamp;
    private final String signatureHeader;
    private final byte[] body;
    private final long bodyLength;
    private final int statusCode;
    private final String responseBody;
    private final String failure;

    WebhookDelivery(String type, String url, String conversationId, long timestamp, String signatureHeader,
                    byte[] body, long bodyLength, int statusCode, String responseBody, String failure) {
        this.type = type;
        this.url = url;
        this.conversationId = conversationId;
        this.timestamp = timestamp;
        this.signatureHeader = signatureHeader;
        this.body = body;
        this.bodyLength = bodyLength;
        this.statusCode = statusCode;
        this.responseBody = responseBody;
        this.failure = failure;
    }

    /**
     * Returns the event's type.
     *
     * @return e.g. {@code "post_call_transcription"}
     */
    public String type() {
        return type;
    }

    /**
     * Returns where the event was posted.
     *
     * @return the webhook URL
     */
    public String url() {
        return url;
    }

    /**
     * Returns the conversation the event is about.
     *
     * @return the id, or {@code null} for an event sent with {@link FakeAgentsPlatform#deliverWebhookEvent} whose
     *         data has none
     */
    public String conversationId() {
        return conversationId;
    }

    /**
     * Returns the timestamp the event was signed with ({@code t=}).
     *
     * @return unix seconds
     */
    public long timestamp() {
        return timestamp;
    }

    /**
     * Returns the {@code ElevenLabs-Signature} header sent.
     *
     * @return the header's value, or {@code null} if the webhook has no secret
     */
    public String signatureHeader() {
        return signatureHeader;
    }

    /**
     * Returns the body sent, byte for byte, e.g. to send it again in a replay test.
     *
     * @return a copy of the body; empty for a {@code post_call_audio} event, whose body is streamed and not kept
     *         (see {@link #bodyLength()})
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Returns the body as text.
     *
     * @return the body as UTF-8; empty for a {@code post_call_audio} event
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Returns the length of the body sent.
     *
     * @return bytes
     */
    public long bodyLength() {
        return bodyLength;
    }

    /**
     * Returns the HTTP status the receiver answered with.
     *
     * @return the status, or -1 if no response came (see {@link #failure()})
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns the start of the receiver's response body.
     *
     * @return up to 64 KiB of it, as UTF-8; empty if there was none, and for a 401 or 407 answer to a
     *         {@code post_call_audio} event (the JDK's HTTP client drops that body of a streamed request)
     */
    public String responseBody() {
        return responseBody;
    }

    /**
     * Tells whether the receiver answered with a 2xx status, which is what the platform counts as a success.
     *
     * @return {@code true} for 200 to 299
     */
    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }

    /**
     * Returns why no response came, if none did.
     *
     * @return e.g. {@code "java.net.ConnectException: Connection refused"}, or {@code null} if there was a response
     */
    public String failure() {
        return failure;
    }

    /**
     * Describes the delivery, without the body.
     *
     * @return e.g. {@code "WebhookDelivery[post_call_transcription conv_1 -> http://127.0.0.1:8080/hook: 200]"}
     */
    @Override
    public String toString() {
        return "WebhookDelivery[" + type + (conversationId != null ? " " + conversationId : "") + " -> " + url + ": "
                + (failure != null ? failure : String.valueOf(statusCode)) + "]";
    }
}
