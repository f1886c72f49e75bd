package io.github.convai4j.conversation;

import io.github.convai4j.ClientOptions;
import io.github.convai4j.internal.ClientContext;
import io.github.convai4j.internal.StubTransport;

import java.util.concurrent.Executors;

/** Client contexts on the in-memory {@link StubTransport}, for tests that make no real connection. */
final class TestClients {

    static final String API_KEY = "sk_test_key_0123456789";

    private TestClients() {
    }

    static ClientContext context() {
        return context(new StubTransport());
    }

    static ClientContext context(StubTransport transport) {
        ClientOptions options = ClientOptions.builder().apiKey(API_KEY).baseUrl("http://127.0.0.1:1").maxRetries(0).build();
        return new ClientContext(options, transport, Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-client-executor");
            t.setDaemon(true);
            return t;
        }), Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-retry-timer");
            t.setDaemon(true);
            return t;
        }));
    }
}
