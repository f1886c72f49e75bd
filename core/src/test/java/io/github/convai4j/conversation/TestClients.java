package io.github.convai4j.conversation;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.http.WebSocketTransport;
import io.github.convai4j.internal.StubTransport;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Client and conversation contexts on the in-memory {@link StubTransport}, for tests that make no real connection. */
final class TestClients {

    static final String API_KEY = "sk_test_key_0123456789";
    static final String BASE_URL = "http://127.0.0.1:1";

    static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-client-executor");
        t.setDaemon(true);
        return t;
    });
    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-timer");
        t.setDaemon(true);
        return t;
    });

    private TestClients() {
    }

    /** A conversation context on {@code webSockets} whose signed URLs come from {@code rest} through a client. */
    static ConversationContext conversations(StubTransport rest, WebSocketTransport webSockets) {
        ConvaiClient client = ConvaiClient.builder().apiKey(API_KEY).baseUrl(BASE_URL).maxRetries(0).transport(rest)
                .build();
        return ConversationContext.builder(() -> webSockets, EXECUTOR, SCHEDULER)
                .baseUrl(URI.create(BASE_URL))
                .userAgent(client.context().userAgent())
                .signedUrls(params -> client.async().conversations().getSignedUrl(params))
                .build();
    }

    static ConversationContext conversations(WebSocketTransport webSockets) {
        return conversations(new StubTransport(), webSockets);
    }
}
