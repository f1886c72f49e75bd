package io.github.convai4j.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static io.github.convai4j.testkit.JsonTree.object;

/**
 * The post-call webhook of one fake server: its settings, the events it builds from stored conversations, their
 * delivery (on demand on the caller's thread; after a conversation ends on a daemon thread of its own, so that
 * the server's I/O threads never wait for a receiver), and the record of deliveries. Thread-safe.
 *
 * <p>Lock order: takes the state's lock only while holding no other.
 */
final class PostCallWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(FakeAgentsPlatform.class);

    private final FakeState state;
    private final Object lock = new Object();
    // Guarded by lock.
    private PostCallWebhook settings;
    private final List<WebhookDelivery> all = new ArrayList<>();
    private final ArrayDeque<WebhookDelivery> unclaimed = new ArrayDeque<>();
    private long generation;
    private ExecutorService sender;
    private boolean closed;

    PostCallWebhooks(FakeState state) {
        this.state = state;
    }

    void configure(PostCallWebhook webhook) {
        synchronized (lock) {
            settings = webhook == null ? null : webhook.copy();
        }
    }

    /** A conversation was stored: sends its events, in the background, if a webhook is installed. */
    void conversationEnded(final String conversationId) {
        final PostCallWebhook webhook;
        final long startedIn;
        synchronized (lock) {
            webhook = settings;
            startedIn = generation;
            if (webhook == null || closed) {
                return;
            }
            if (sender == null) {
                sender = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "convai4j-testkit-webhooks");
                    t.setDaemon(true);
                    return t;
                });
            }
        }
        try {
            sender.execute(() -> {
                try {
                    deliverTranscription(webhook, conversationId, startedIn, true);
                    if (webhook.sendsAudio() && hasAudio(conversationId)) {
                        deliverAudio(webhook, conversationId, startedIn, true);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("convai4j-testkit could not send the post-call webhook of conversation {}",
                            conversationId, e);
                }
            });
        } catch (RejectedExecutionException closing) {
            // the server is closing: no more deliveries
        }
    }

    WebhookDelivery deliverTranscription(String conversationId) {
        return deliverTranscription(installed(), conversationId, currentGeneration(), false);
    }

    WebhookDelivery deliverAudio(String conversationId) {
        PostCallWebhook webhook = installed();
        if (!hasAudio(conversationId)) {
            throw new IllegalArgumentException("conversation '" + conversationId + "' has no audio: give its seed"
                    + " audio with ConversationSeed.audio(...) or syntheticAudio(...)");
        }
        return deliverAudio(webhook, conversationId, currentGeneration(), false);
    }

    WebhookDelivery deliverFailure(String agentId, String failureReason, String conversationId, String callSid) {
        Map<String, Object> data = object("agent_id", agentId, "conversation_id", conversationId,
                "failure_reason", failureReason,
                "metadata", object("type", "twilio", "body", object("CallSid", callSid, "CallStatus", failureReason)));
        return deliver(installed(), "call_initiation_failure", conversationId, data, currentGeneration(), false);
    }

    WebhookDelivery deliverEvent(String type, Object data) {
        Object id = data instanceof Map ? ((Map<?, ?>) data).get("conversation_id") : null;
        return deliver(installed(), type, id instanceof String ? (String) id : null, data, currentGeneration(), false);
    }

    List<WebhookDelivery> all() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(all));
        }
    }

    WebhookDelivery await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (unclaimed.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no webhook event was delivered after a conversation ended within "
                            + timeout + " (deliveries since start or reset, on demand included: " + all.size()
                            + "; webhook: " + settings + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for a webhook delivery", e);
                }
            }
            return unclaimed.poll();
        }
    }

    /** Forgets the settings and the deliveries; deliveries under way when this is called are not recorded. */
    void reset() {
        synchronized (lock) {
            generation++;
            settings = null;
            all.clear();
            unclaimed.clear();
        }
    }

    void close() {
        ExecutorService toStop;
        synchronized (lock) {
            closed = true;
            toStop = sender;
        }
        if (toStop != null) {
            toStop.shutdownNow();
        }
    }

    private PostCallWebhook installed() {
        synchronized (lock) {
            if (settings == null) {
                throw new IllegalStateException("no post-call webhook is installed on this fake server: call"
                        + " server.postCallWebhook(PostCallWebhook.to(url).secret(secret)) first");
            }
            return settings;
        }
    }

    private long currentGeneration() {
        synchronized (lock) {
            return generation;
        }
    }

    private boolean hasAudio(String conversationId) {
        synchronized (state) {
            FakeState.Conversation conversation = state.conversations.get(conversationId);
            return conversation != null && conversation.hasAudio();
        }
    }

    private WebhookDelivery deliverTranscription(PostCallWebhook webhook, String conversationId, long startedIn,
                                                 boolean automatic) {
        Map<String, Object> document;
        synchronized (state) {
            FakeState.Conversation conversation = state.conversations.get(conversationId);
            if (conversation == null) {
                throw new IllegalArgumentException("no conversation with id '" + conversationId + "' on this fake server");
            }
            document = JsonTree.deepCopy(conversation.document);
        }
        return deliver(webhook, "post_call_transcription", conversationId, document, startedIn, automatic);
    }

    private WebhookDelivery deliver(PostCallWebhook webhook, String type, String conversationId, Object data,
                                    long startedIn, boolean automatic) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("event_timestamp", FakeState.nowSecs());
        event.put("data", data);
        final byte[] bytes = JsonTree.write(event);
        EventBody body = new EventBody() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        };
        return send(webhook, type, conversationId, body, bytes, startedIn, automatic);
    }

    /** Sends the audio as base64 inside the JSON, encoded while it is written: never held whole. */
    private WebhookDelivery deliverAudio(PostCallWebhook webhook, String conversationId, long startedIn,
                                         boolean automatic) {
        final String agentId;
        final byte[] audio;
        final long syntheticSize;
        synchronized (state) {
            FakeState.Conversation conversation = state.conversations.get(conversationId);
            if (conversation == null) {
                throw new IllegalArgumentException("no conversation with id '" + conversationId + "' on this fake server");
            }
            agentId = conversation.agentId;
            audio = conversation.audio;
            syntheticSize = conversation.syntheticAudioSize;
        }
        final byte[] head = ("{\"type\":\"post_call_audio\",\"event_timestamp\":" + FakeState.nowSecs()
                + ",\"data\":{\"agent_id\":" + JsonTree.toJson(agentId) + ",\"conversation_id\":"
                + JsonTree.toJson(conversationId) + ",\"full_audio\":\"").getBytes(StandardCharsets.UTF_8);
        final byte[] tail = "\"}}".getBytes(StandardCharsets.US_ASCII);
        EventBody body = new EventBody() {
            @Override
            public long length() {
                return -1; // chunked, as the platform sends audio events
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(head);
                OutputStream base64 = Base64.getEncoder().wrap(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the encoder's close writes the padding; the request body stays open
                    }
                });
                try (InputStream source = audio != null ? new ByteArrayInputStream(audio)
                        : new SyntheticAudioStream(syntheticSize)) {
                    byte[] buffer = new byte[48 * 1024];
                    int n;
                    while ((n = source.read(buffer)) >= 0) {
                        base64.write(buffer, 0, n);
                    }
                }
                base64.close();
                out.write(tail);
            }
        };
        return send(webhook, "post_call_audio", conversationId, body, new byte[0], startedIn, automatic);
    }

    private WebhookDelivery send(PostCallWebhook webhook, String type, String conversationId, EventBody body,
                                 byte[] kept, long startedIn, boolean automatic) {
        long timestamp = FakeState.nowSecs() + webhook.offset().getSeconds();
        Map<String, String> headers = new LinkedHashMap<>();
        String signature = null;
        final long[] length = {0};
        EventBody counted = new EventBody() {
            @Override
            public long length() {
                return body.length();
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                body.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        length[0] += len;
                    }

                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        length[0]++;
                    }
                });
            }
        };
        int status = -1;
        String response = "";
        String failure = null;
        try {
            if (webhook.secretValue() != null) {
                signature = WebhookSigner.header(webhook.secretValue(), timestamp, body);
                headers.put("ElevenLabs-Signature", signature);
            }
            WebhookPoster.Response answer = WebhookPoster.post(webhook.target(), headers, counted);
            status = answer.status;
            response = answer.body;
        } catch (IOException e) {
            failure = e.toString();
        }
        WebhookDelivery delivery = new WebhookDelivery(type, webhook.url(), conversationId, timestamp, signature,
                kept, length[0], status, response, failure);
        LOG.debug("webhook {} -> {}: {}", type, webhook.url(), failure != null ? failure : status);
        synchronized (lock) {
            if (startedIn == generation) {
                all.add(delivery);
                if (automatic) {
                    unclaimed.add(delivery);
                    lock.notifyAll();
                }
            }
        }
        return delivery;
    }
}
