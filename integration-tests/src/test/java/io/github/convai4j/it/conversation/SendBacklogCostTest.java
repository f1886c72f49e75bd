package io.github.convai4j.it.conversation;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.conversation.LiveConversation;
import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketListener;
import io.github.convai4j.http.WebSocketRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.util.internal.PlatformDependent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures what a message waiting to be written costs besides its bytes, with a server that does not read, and
 * checks that the overhead the send backlog counts per message is at least that: the session's
 * {@link LiveConversation#SEND_MESSAGE_OVERHEAD} (session and transport together), and each transport's own
 * (for its cap, through the SPI alone). First a message larger than the kernel's socket buffers is sent, so that
 * everything after it waits in the process; then {@value #MESSAGES} small messages; the cost is the heap (after
 * a full collection) and direct memory they added, divided by their number. Runs in the {@code hostile-peer}
 * execution; prints what it measured.
 */
@Tag("hostile-peer")
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"netty", "jdk"})
class SendBacklogCostTest {

    private static final int MESSAGES = 10_000;
    /** More than Linux's largest loopback send buffer (4 MiB) and the peer's receive buffer together. */
    private static final int FILLER_CHARS = 6 * 1024 * 1024;
    /** The transports' own overhead constants (package-private there); checked against what is measured. */
    private static final int NETTY_OVERHEAD = 448;
    private static final int JDK_OVERHEAD = 448;

    @Parameter
    String transportName;

    private HostilePeer peer;
    private ConvaiClient client;

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void aWaitingSessionMessageCostsNoMoreThanTheOverheadTheBacklogCounts() throws Exception {
        peer = new HostilePeer(HostilePeer.Behaviour.SILENT);
        client = ConvaiClient.builder().apiKey("sk_backlog_cost_test").baseUrl(peer.baseUrl())
                .transportName(transportName).build();
        try (ConversationSession session = client.liveConversation("agent_cost").sendStallTimeout(Duration.ZERO)
                .maxSendBacklog(64L * 1024 * 1024).open()) {
            CompletableFuture<Void> filler = session.sendContextualUpdate(repeat('f', FILLER_CHARS));
            Thread.sleep(1000);
            assertThat(filler).as("the filler is stuck: the peer does not read").isNotDone();
            long directBefore = direct();
            long before = usedAfterGc();
            List<CompletableFuture<Void>> waiting = new ArrayList<>(MESSAGES);
            long bytes = 0;
            for (int i = 0; i < MESSAGES; i++) {
                String text = "message " + (1_000_000 + i);
                waiting.add(session.sendUserMessage(text));
                bytes += ("{\"type\":\"user_message\",\"text\":\"" + text + "\"}").length();
            }
            long after = usedAfterGc();
            long directAdded = direct() - directBefore;
            assertThat(waiting).allSatisfy(f -> assertThat(f).isNotDone());
            long overhead = (after - before - bytes) / MESSAGES;
            System.out.printf("[send backlog cost] %-5s session: %,d messages of %d bytes added %,d bytes (%,d direct): %d"
                    + " bytes of overhead each (counted: %d)%n", transportName, MESSAGES, bytes / MESSAGES, after - before,
                    directAdded, overhead, LiveConversation.SEND_MESSAGE_OVERHEAD);
            assertThat(overhead).as("what a waiting message costs besides its bytes").isPositive()
                    .isLessThanOrEqualTo(LiveConversation.SEND_MESSAGE_OVERHEAD);
        }
    }

    @Test
    void aWaitingTransportMessageCostsNoMoreThanTheOverheadItsCapCounts() throws Exception {
        peer = new HostilePeer(HostilePeer.Behaviour.SILENT);
        client = ConvaiClient.builder().apiKey("sk_backlog_cost_test").baseUrl(peer.baseUrl())
                .transportName(transportName).build();
        WebSocketRequest request = WebSocketRequest.builder(URI.create(peer.baseUrl().replace("http:", "ws:")
                + "/v1/convai/conversation?agent_id=agent_cost")).build();
        WebSocket ws = client.webSocketTransport().connect(request, new WebSocketListener() {
            @Override
            public void onText(WebSocket socket, String text) {
            }

            @Override
            public void onClose(WebSocket socket, int code, String reason) {
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            ws.sendText("{\"type\":\"conversation_initiation_client_data\"}"); // the one the peer reads
            CompletableFuture<Void> filler = ws.sendText(repeat('f', FILLER_CHARS));
            Thread.sleep(1000);
            assertThat(filler).as("the filler is stuck: the peer does not read").isNotDone();
            long directBefore = direct();
            long before = usedAfterGc();
            List<CompletableFuture<Void>> waiting = new ArrayList<>(MESSAGES);
            long bytes = 0;
            for (int i = 0; i < MESSAGES; i++) {
                String text = "{\"n\":" + (1_000_000 + i) + "}";
                waiting.add(ws.sendText(text));
                bytes += text.length();
            }
            long after = usedAfterGc();
            long directAdded = direct() - directBefore;
            assertThat(waiting).allSatisfy(f -> assertThat(f).isNotDone());
            long overhead = (after - before - bytes) / MESSAGES;
            int counted = transportName.equals("netty") ? NETTY_OVERHEAD : JDK_OVERHEAD;
            System.out.printf("[send backlog cost] %-5s transport: %,d messages of %d bytes added %,d bytes (%,d"
                    + " direct): %d bytes of overhead each (counted: %d)%n", transportName, MESSAGES, bytes / MESSAGES,
                    after - before, directAdded, overhead, counted);
            assertThat(overhead).as("what a waiting message costs besides its bytes").isPositive()
                    .isLessThanOrEqualTo(counted);
        } finally {
            ws.abort();
        }
    }

    /** Heap in use after full collections, plus direct memory (the JDK's pool and Netty's own count). */
    private static long usedAfterGc() throws InterruptedException {
        return heapAfterGc() + direct();
    }

    private static long heapAfterGc() throws InterruptedException {
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return heap;
    }

    private static long direct() {
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct = pool.getMemoryUsed();
            }
        }
        return direct + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    private static String repeat(char c, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(c);
        }
        return sb.toString();
    }
}
