package io.github.convai4j.transport.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportProvider;
import io.github.convai4j.transport.tck.TransportConformanceTest.Received;
import io.github.convai4j.transport.tck.server.GeneratedContent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The transport's name, its discovery through {@link ServiceLoader}, and {@code close()}. */
abstract class LifecycleConformance extends ConformanceGroup {

    LifecycleConformance(TransportConformanceTest suite) {
        super(suite);
    }

    private Duration closeGrace() {
        return suite.hasGap(KnownGap.IDLE_CONNECTIONS_OUTLIVE_CLOSE) || suite.hasGap(KnownGap.CLOSED_BY_GARBAGE_COLLECTION)
                ? Duration.ofSeconds(15) : PROMPTLY;
    }

    /** Waits for the server to see at most {@code n} open connections; collects garbage meanwhile if declared. */
    private boolean awaitOpenConnectionsAtMost(int n, Duration grace) throws InterruptedException {
        if (!suite.hasGap(KnownGap.CLOSED_BY_GARBAGE_COLLECTION)) {
            return server().awaitOpenConnectionsAtMost(n, grace);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline) {
            System.gc();
            if (server().awaitOpenConnectionsAtMost(n, Duration.ofMillis(500))) {
                return true;
            }
        }
        return server().awaitOpenConnectionsAtMost(n, Duration.ZERO);
    }

    private void ok() {
        server().handle("/ok", ex -> {
            ex.readRequest();
            ex.respond(200, GeneratedContent.bytes(51, 20_000));
        });
    }

    @Test
    void nameIsNotEmpty() {
        String name = transport().name();
        assertNotNull(name, "name() returned null");
        assertTrue(!name.trim().isEmpty(), "name() must be a short non-empty name for logs, e.g. \"netty\"");
    }

    @Test
    void providerIsDiscoverableWithServiceLoader() throws Exception {
        Class<? extends TransportProvider> type = suite.providerType();
        assertNotNull(type, "providerType() returned null");
        List<String> found = new ArrayList<>();
        TransportProvider provider = null;
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
            found.add(p.getClass().getName());
            if (type.isInstance(p)) {
                provider = p;
            }
        }
        assertNotNull(provider, () -> "ServiceLoader.load(TransportProvider.class) did not find " + type.getName()
                + "; list it in META-INF/services/io.github.convai4j.http.TransportProvider of the transport's jar."
                + " Found: " + found);
        assertTrue(provider.name() != null && !provider.name().trim().isEmpty(), "The provider's name() is empty");
        Transport t = newTransport(suite.options().build());
        assertEquals(provider.name(), t.name(), "The provider's name() and its transport's name() should agree");
        Transport created = provider.create(suite.options().build());
        assertNotNull(created, "TransportProvider.create returned null");
        suite.track(created::close);
        ok();
        Received received = suite.exchange(created, request(HttpMethod.GET, "/ok").build(), Mode.SYNC);
        assertEquals(200, received.status, "A transport made by the provider could not make a request");
    }

    @Test
    void requestsAfterCloseAreRejectedWithIllegalState() throws Exception {
        ok();
        Transport t = newTransport(options().build());
        assertEquals(200, suite.exchange(t, request(HttpMethod.GET, "/ok").build(), Mode.SYNC).status);
        bounded(PROMPTLY, "close()", () -> {
            t.close();
            return null;
        });
        bounded(PROMPTLY, "a second close()", () -> {
            t.close(); // idempotent
            return null;
        });
        expectFailure(IllegalStateException.class, PROMPTLY, "execute after close()",
                () -> t.execute(request(HttpMethod.GET, "/ok").build()));
        expectFailure(IllegalStateException.class, PROMPTLY, "executeAsync after close() (thrown, or as the future's"
                + " cause)", () -> t.executeAsync(request(HttpMethod.GET, "/ok").build()).get());
    }

    @Test
    void closeStopsEveryThreadAndClosesEverySocket() throws Exception {
        ok();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Transport t = newTransport(options().build());
        for (int i = 0; i < 3; i++) {
            suite.exchange(t, request(HttpMethod.GET, "/ok").build(), Mode.SYNC);
            suite.exchange(t, request(HttpMethod.GET, "/ok").build(), Mode.ASYNC);
        }
        List<CompletableFuture<HttpResponse>> concurrent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            concurrent.add(t.executeAsync(request(HttpMethod.GET, "/ok").build()));
        }
        for (CompletableFuture<HttpResponse> f : concurrent) {
            try (HttpResponse r = TransportConformanceTest.await(f, EXCHANGE_BOUND, "a concurrent request")) {
                readAll(r.body(), EXCHANGE_BOUND, "a concurrent body");
            }
        }
        assertTrue(server().openConnections() > 0, "test set-up: idle connections should be pooled");

        bounded(PROMPTLY, "close()", () -> {
            t.close();
            return null;
        });
        Duration grace = closeGrace();
        assertTrue(awaitOpenConnectionsAtMost(0, grace), () -> server().openConnections()
                + " connection(s) were still open " + grace.getSeconds() + " s after close(): close() must close"
                + " every pooled connection");
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> left = newThreads(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            if (suite.hasGap(KnownGap.CLOSED_BY_GARBAGE_COLLECTION)) {
                System.gc();
            }
            Thread.sleep(50);
            left = newThreads(before);
        }
        List<Thread> leftover = left;
        assertTrue(leftover.isEmpty(), () -> leftover.size() + " thread(s) started during the test were still alive "
                + grace.getSeconds() + " s after close(); close() must stop every thread the transport started: "
                + describe(leftover));
    }

    @Test
    void closeAbortsExchangesInFlight() throws Exception {
        server().handle("/silent", ex -> ex.awaitClientClose(Duration.ofSeconds(60)));
        server().handle("/stalled-body", ex -> {
            ex.readRequest();
            ex.sendHead(200, "Content-Length", "1000000");
            ex.write(new byte[1000]);
            ex.awaitClientClose(Duration.ofSeconds(60));
        });
        Transport t = newTransport(options().readTimeout(Duration.ofSeconds(60)).build());
        CompletableFuture<HttpResponse> pending = t.executeAsync(request(HttpMethod.GET, "/silent").build());
        Future<HttpResponse> blocked = suite.helpers().submit(() -> t.execute(request(HttpMethod.GET, "/silent").build()));
        HttpResponse streaming = suite.send(t, request(HttpMethod.GET, "/stalled-body").build(), Mode.SYNC);
        InputStream body = streaming.body();
        assertTrue(body.read(new byte[100]) > 0);
        long waitUntil = System.nanoTime() + PROMPTLY.toNanos();
        while (server().requests().size() < 3 && System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }
        assertEquals(3, server().requests().size(), "test set-up: three exchanges should be in flight");

        bounded(PROMPTLY, "close() with three exchanges in flight", () -> {
            t.close();
            return null;
        });
        expectFailure(Exception.class, PROMPTLY, "the pending future after close()", () -> pending.get());
        expectFailure(Exception.class, PROMPTLY, "execute blocked in another thread when close() was called",
                () -> blocked.get());
        expectFailure(IOException.class, PROMPTLY, "reading a body whose transport was closed", () -> {
            byte[] buffer = new byte[8192];
            while (body.read(buffer) >= 0) {
                // keep reading: it must fail, not end
            }
            return "end of stream: a body cut off by close() must fail, not end silently";
        });
        assertTrue(server().awaitOpenConnectionsAtMost(0, PROMPTLY), () -> server().openConnections()
                + " connection(s) of aborted exchanges were still open after close()");
    }

    /** Threads alive now that were not alive in {@code before}, minus those of the kit, JUnit and the JVM. */
    static List<Thread> newThreads(Set<Thread> before) {
        List<Thread> result = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isAlive() || before.contains(t)) {
                continue;
            }
            String name = t.getName();
            if (name.startsWith(TransportConformanceTest.KIT_THREAD_PREFIX) || name.startsWith("junit-")
                    || name.startsWith("surefire-") || name.startsWith("ForkJoinPool.commonPool-")
                    || name.equals("Attach Listener") || name.equals("process reaper")
                    || name.equals("Common-Cleaner") || name.equals("Signal Dispatcher")) {
                continue;
            }
            result.add(t);
        }
        return result;
    }

    private static String describe(List<Thread> threads) {
        StringBuilder sb = new StringBuilder();
        for (Thread t : threads) {
            sb.append("\n  \"").append(t.getName()).append("\" ").append(t.getState());
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(4, stack.length); i++) {
                sb.append("\n      at ").append(stack[i]);
            }
        }
        return sb.toString();
    }
}
