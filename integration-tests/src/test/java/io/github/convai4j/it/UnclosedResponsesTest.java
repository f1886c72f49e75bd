package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.BinaryResponse;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.it.FaultServer.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18, item 8: a {@link BinaryResponse} the caller forgets to close holds a pooled connection. With a
 * pool of two connections, two forgotten downloads block every further call to the host; once they are
 * unreachable, the next call's start finds them, logs one WARN each (the operation's path template and the
 * caller's frame where the response was opened) and releases their connections. Responses that were closed,
 * read to their end or are still referenced never warn. On every shipped transport, against a real server
 * on loopback.
 */
class UnclosedResponsesTest extends RuntimeTestSupport {

    private static final int POOL = 2;
    /** Larger than every buffer between the server and the reader, so an unread download keeps its connection. */
    private static final long LARGE = 64L * 1024 * 1024;
    private static final String OPERATION = "get_conversation_audio_route GET /v1/convai/conversations/{conversation_id}/audio";
    private static final Duration GC_DEADLINE = Duration.ofSeconds(30);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void unclosedResponsesStillReferencedBlockTheNextCall(String transport) {
        ConvaiClient client = smallPool(transport);
        List<BinaryResponse> forgotten = openLarge(client, POOL);

        server.enqueue(Reply.json(200, agentJson("agent_1", "After")));
        assertThatThrownBy(() -> client.agents().get("agent_1", null, quickProbe()))
                .isInstanceOf(ConvaiException.class);

        forgotten.forEach(BinaryResponse::close);
        server.clearScript();
        server.enqueue(Reply.json(200, agentJson("agent_1", "After")));
        assertThat(client.agents().get("agent_1").name()).isEqualTo("After");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void forgottenResponsesAreReportedOnceEachAndTheirConnectionsReleased(String transport) throws Exception {
        ConvaiClient client = smallPool(transport);
        LogCapture.start();
        List<LogCapture.Event> log;
        try {
            List<WeakReference<BinaryResponse>> forgotten = new ArrayList<>();
            openLarge(client, POOL).forEach(r -> forgotten.add(new WeakReference<>(r)));

            awaitCollected(forgotten);
            // The pool is full of forgotten downloads until a call's start finds them unreachable.
            assertThat(callUntilItSucceeds(client, false)).isEqualTo("After");
            // A few more calls: each leak is reported once, not at every call.
            for (int i = 0; i < 3; i++) {
                server.enqueue(Reply.json(200, agentJson("agent_1", "Again")));
                assertThat(client.agents().get("agent_1").name()).isEqualTo("Again");
            }
        } finally {
            log = LogCapture.stop();
        }
        List<String> warnings = leakWarnings(log);
        assertThat(warnings).hasSize(POOL);
        assertThat(warnings).allSatisfy(w -> {
            assertThat(w).contains(OPERATION)
                    .contains("UnclosedResponsesTest.openLarge(")
                    .contains("UnclosedResponsesTest.forgottenResponsesAreReportedOnceEachAndTheirConnectionsReleased(")
                    .doesNotContain("conv_1").doesNotContain(API_KEY);
            // The frames of the client's runtime are left out: the generated service, then the caller's code.
            assertThat(w).doesNotContain("io.github.convai4j.internal.");
            assertThat(w.substring(w.indexOf("\tat "))).startsWith("\tat io.github.convai4j.services.conversations.");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aForgottenAsyncResponseIsReportedWithTheCallersFrame(String transport) throws Exception {
        ConvaiClient client = client(transport, b -> b.transportOptions(
                TransportOptions.builder().maxConnectionsPerHost(1).build()));
        LogCapture.start();
        List<LogCapture.Event> log;
        try {
            server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").streamed(LARGE));
            // The response is opened on the client's executor; where the caller started the call is what counts.
            List<WeakReference<BinaryResponse>> forgotten = List.of(new WeakReference<>(
                    client.async().conversations().audio().get("conv_async").get(10, TimeUnit.SECONDS)));

            awaitCollected(forgotten);
            assertThat(callUntilItSucceeds(client, true)).isEqualTo("After");
        } finally {
            log = LogCapture.stop();
        }
        List<String> warnings = leakWarnings(log);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains(OPERATION)
                .contains("ConversationsAudioAsyncService")
                .contains("UnclosedResponsesTest.aForgottenAsyncResponseIsReportedWithTheCallersFrame(")
                .doesNotContain("conv_async");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void closedOrFullyReadResponsesNeverWarn(String transport) throws Exception {
        ConvaiClient client = client(transport, b -> b.transportOptions(
                TransportOptions.builder().maxConnectionsPerHost(1).build()));
        LogCapture.start();
        List<LogCapture.Event> log;
        try {
            List<WeakReference<Object>> done = new ArrayList<>();
            long small = 200_000;
            // Closed without reading.
            server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").streamed(LARGE));
            BinaryResponse closed = client.conversations().audio().get("conv_1");
            closed.close();
            done.add(new WeakReference<>(closed));
            // Written out (writeTo closes it).
            server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").streamed(small));
            BinaryResponse written = client.conversations().audio().get("conv_2");
            assertThat(written.writeTo(new ByteArrayOutputStream())).isEqualTo(small);
            done.add(new WeakReference<>(written));
            // Its body closed, not the response.
            server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").streamed(LARGE));
            BinaryResponse bodyClosed = client.conversations().audio().get("conv_3");
            bodyClosed.body().close();
            done.add(new WeakReference<>(bodyClosed));
            // Read to its end and never closed: with a pool of one, the next call proves the end released it.
            server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").streamed(small));
            BinaryResponse readWhole = client.conversations().audio().get("conv_4");
            InputStream body = readWhole.body();
            assertThat(body.readAllBytes()).hasSize((int) small);
            assertThat(body.read()).isEqualTo(-1);
            done.add(new WeakReference<>(readWhole));
            server.enqueue(Reply.json(200, agentJson("agent_1", "Next")));
            assertThat(client.agents().get("agent_1", null, quickProbe()).name()).isEqualTo("Next");

            closed = null;
            written = null;
            bodyClosed = null;
            readWhole = null;
            body = null;
            awaitCollected(done);
            for (int i = 0; i < 3; i++) {
                server.enqueue(Reply.json(200, agentJson("agent_1", "Next")));
                assertThat(client.agents().get("agent_1").name()).isEqualTo("Next");
            }
        } finally {
            log = LogCapture.stop();
        }
        assertThat(leakWarnings(log)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void responsesStillReferencedNeverWarnNorLoseTheirBody(String transport) throws Exception {
        ConvaiClient client = client(transport, b -> b.transportOptions(
                TransportOptions.builder().maxConnectionsPerHost(4).build()));
        long size = 3_000_000;
        LogCapture.start();
        List<LogCapture.Event> log;
        BinaryResponse held;
        InputStream onlyTheBody;
        try {
            server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").streamed(size));
            held = client.conversations().audio().get("conv_1");
            // The caller keeps only the stream: the response object itself becomes unreachable.
            server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").streamed(size));
            onlyTheBody = client.conversations().audio().get("conv_2").body();

            // An unrelated forgotten response, so the test knows a collection and a sweep happened.
            server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").streamed(LARGE));
            List<WeakReference<BinaryResponse>> probe = List.of(
                    new WeakReference<>(client.conversations().audio().get("conv_probe")));
            awaitCollected(probe);
            callUntilItSucceeds(client, false);
            assertThat(leakWarnings(LogCapture.stop())).hasSize(1);
            LogCapture.start();
            for (int i = 0; i < 3; i++) {
                System.gc();
                server.enqueue(Reply.json(200, agentJson("agent_1", "Next")));
                assertThat(client.agents().get("agent_1").name()).isEqualTo("Next");
            }
            assertThat(readAll(onlyTheBody)).isEqualTo(size);
            try (InputStream in = held.body()) {
                assertThat(readAll(in)).isEqualTo(size);
            }
        } finally {
            log = LogCapture.stop();
        }
        assertThat(leakWarnings(log)).isEmpty();
        Reference.reachabilityFence(held);
        Reference.reachabilityFence(onlyTheBody);
    }

    private ConvaiClient smallPool(String transport) {
        return client(transport, b -> b.transportOptions(
                TransportOptions.builder().maxConnectionsPerHost(POOL).build()));
    }

    /** Opens {@code n} large downloads and reads none of them. */
    private List<BinaryResponse> openLarge(ConvaiClient client, int n) {
        List<BinaryResponse> opened = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").streamed(LARGE));
            BinaryResponse response = client.conversations().audio().get("conv_1");
            assertThat(response.statusCode()).isEqualTo(200);
            opened.add(response);
        }
        return opened;
    }

    /** A call that gives up quickly, so a test can probe a full pool without waiting minutes. */
    private static RequestOptions quickProbe() {
        return RequestOptions.builder().timeout(Duration.ofMillis(1500)).maxRetries(0).build();
    }

    /**
     * Calls until a call gets a connection: the sweep at a call's start releases what the collector found, but
     * the collector hands references over on its own thread, so the first call may still find the pool full.
     */
    private String callUntilItSucceeds(ConvaiClient client, boolean async) {
        long deadline = System.nanoTime() + GC_DEADLINE.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            server.clearScript();
            server.enqueue(Reply.json(200, agentJson("agent_1", "After")));
            try {
                return async
                        ? client.async().agents().get("agent_1", null, quickProbe()).join().name()
                        : client.agents().get("agent_1", null, quickProbe()).name();
            } catch (ConvaiException | CompletionException e) {
                last = e;
                System.gc();
            }
        }
        throw new AssertionError("No call got a connection within " + GC_DEADLINE, last);
    }

    private static <T> void awaitCollected(List<WeakReference<T>> refs) throws InterruptedException {
        long deadline = System.nanoTime() + GC_DEADLINE.toNanos();
        while (refs.stream().anyMatch(r -> r.get() != null)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not collected within " + GC_DEADLINE);
            }
            System.gc();
            Thread.sleep(20);
        }
    }

    private static List<String> leakWarnings(List<LogCapture.Event> log) {
        return log.stream()
                .filter(e -> e.level() == Level.WARN && e.text().contains("was not closed"))
                .map(LogCapture.Event::text)
                .toList();
    }

    private static long readAll(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
        }
        return total;
    }
}
