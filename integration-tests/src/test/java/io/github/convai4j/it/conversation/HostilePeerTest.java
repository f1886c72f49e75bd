package io.github.convai4j.it.conversation;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationEnd;
import io.github.convai4j.conversation.ConversationSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live session's memory stays bounded whatever the server does: it floods pings of either kind, never reads,
 * or sends a 100 MB frame. Run in a JVM of its own with {@code -Xmx64m -XX:MaxDirectMemorySize=32m} (the
 * {@code hostile-peer} execution of this module), once per transport with a WebSocket; each test prints the peak
 * heap and direct memory it saw.
 */
@Tag("hostile-peer")
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"netty", "jdk"})
class HostilePeerTest {

    private static final Duration STALL = Duration.ofSeconds(2);
    private static final long END_WAIT_SECONDS = 60;
    private static final long FLOOD_SECONDS = 10;

    @Parameter
    String transportName;

    private HostilePeer peer;
    private ConvaiClient client;
    private MemoryWatch memory;

    private void start(HostilePeer.Behaviour behaviour) throws IOException {
        peer = new HostilePeer(behaviour);
        client = ConvaiClient.builder().apiKey("sk_hostile_peer_test").baseUrl(peer.baseUrl())
                .transportName(transportName).build();
        System.gc();
        memory = new MemoryWatch();
    }

    @BeforeEach
    void checkTheLimits() {
        // The point is the limits: refuse to pass vacuously in a JVM with room to spare.
        assertThat(MemoryWatch.maxHeap()).as("run with -Xmx64m (the hostile-peer execution)")
                .isLessThanOrEqualTo(64L * 1024 * 1024);
    }

    @AfterEach
    void stop() throws IOException {
        if (memory != null) {
            memory.close();
        }
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private ConversationSession open() {
        return client.liveConversation("agent_hostile").sendStallTimeout(STALL).open();
    }

    private void report(String what, ConversationEnd end) {
        System.out.printf("[hostile peer] %-5s %-58s %s; peer sent %,d frames / %,d bytes; end: %s%n", transportName,
                what, memory.report(), peer.framesSent(), peer.bytesSent(), end);
    }

    /**
     * Whether this flood ends the session depends on where the pongs wait. On java.net.http the client's own
     * reading starves its writes, a pong stays owed past the stall timeout, and the session ends
     * {@code PEER_NOT_READING}. On Netty the coalesced pongs (a few per read cycle) are taken by the kernel's
     * send buffer (4 MiB on Linux loopback) as fast as they come, so nothing waits in the session: it goes on,
     * in bounded memory, until the user closes it. Either way is an end with a reason, within the heap.
     */
    @Test
    void aJsonPingFloodFromAPeerThatDoesNotReadCoalescesThePongsInBoundedMemory() throws Exception {
        start(HostilePeer.Behaviour.JSON_PINGS);
        ConversationEnd end;
        long droppedEvents;
        try (ConversationSession session = open()) {
            try {
                end = session.ended().get(FLOOD_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException stillOpen) {
                assertThat(session.isOpen()).isTrue();
                session.close(); // the peer does not answer the close frame: aborted after the close wait
                end = session.ended().get(END_WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.USER);
                assertThat(end.closeCode()).isEqualTo(1000);
            }
            droppedEvents = session.droppedEvents();
        }
        memory.close();
        report("JSON ping flood, never reads", end);
        if (end.reason() != ConversationEnd.Reason.USER) {
            assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.PEER_NOT_READING);
            assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.TIMEOUT);
            assertThat(end.cause()).get().asString().contains("the server does not read");
        }
        assertThat(peer.framesSent()).as("a flood").isGreaterThan(20_000);
        assertThat(droppedEvents).as("pings nobody consumed were dropped").isPositive();
    }

    @Test
    void aControlPingFloodCostsOnePongAndTheSessionEndsWhenWhatItSendsStalls() throws Exception {
        start(HostilePeer.Behaviour.CONTROL_PINGS);
        try (ConversationSession session = open()) {
            // Nothing sent: the transport's pongs alone, one of them queued however many pings come.
            Thread.sleep(3000);
            assertThat(session.isOpen()).isTrue();
            long framesBeforeAudio = peer.framesSent();
            // Then the user's audio in real time, as a voice session sends it: it cannot be written either.
            byte[] tenthOfASecond = new byte[3200];
            CompletableFuture<ConversationEnd> ended = session.ended();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(END_WAIT_SECONDS);
            while (!ended.isDone() && System.nanoTime() < deadline) {
                try {
                    session.sendUserAudio(tenthOfASecond);
                } catch (io.github.convai4j.conversation.ConversationClosedException endedMeanwhile) {
                    break;
                }
                Thread.sleep(100);
            }
            ConversationEnd end = ended.get(5, TimeUnit.SECONDS);
            memory.close();
            report("control ping flood, never reads, audio in real time", end);
            assertThat(framesBeforeAudio).as("a flood before any audio").isGreaterThan(20_000);
            assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.PEER_NOT_READING);
            assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.TIMEOUT);
        }
    }

    @Test
    void aPeerThatNeverReadsFillsTheSendBacklogToItsCapAndTheSessionEnds() throws Exception {
        start(HostilePeer.Behaviour.SILENT);
        try (ConversationSession session = open()) {
            byte[] aSecond = new byte[32_000];
            int refused = 0;
            int sent = 0;
            CompletableFuture<ConversationEnd> ended = session.ended();
            // As fast as the session takes it (not in real time): far more than the 4 MiB backlog.
            while (!ended.isDone() && sent < 2_000) {
                CompletableFuture<Void> written;
                try {
                    written = session.sendUserAudio(aSecond);
                } catch (io.github.convai4j.conversation.ConversationClosedException endedMeanwhile) {
                    break;
                }
                sent++;
                if (written.isCompletedExceptionally()) {
                    Throwable why = failure(written);
                    assertThat(why).isInstanceOf(IOException.class);
                    if (why.getMessage().contains("maxSendBacklog")) {
                        refused++;
                    } else {
                        // the session is ending: its send stalled meanwhile
                        assertThat(why).hasMessageContaining("The conversation has ended");
                    }
                    Thread.sleep(5);
                }
            }
            ConversationEnd end = ended.get(END_WAIT_SECONDS, TimeUnit.SECONDS);
            memory.close();
            report("never reads, " + sent + " s of audio sent at once, " + refused + " refused", end);
            assertThat(refused).as("sends past the backlog's cap fail at once").isPositive();
            assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.PEER_NOT_READING);
            assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.TIMEOUT);
        }
    }

    @Test
    void aHundredMegabyteFrameEndsTheSessionWith1009WithoutBeingBuffered() throws Exception {
        start(HostilePeer.Behaviour.HUGE_FRAME);
        try (ConversationSession session = open()) {
            ConversationEnd end = session.ended().get(END_WAIT_SECONDS, TimeUnit.SECONDS);
            memory.close();
            report("one 100 MB text frame", end);
            assertThat(end.closeCode()).isEqualTo(1009);
            assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.ERROR);
            // Whether the peer got to send all of it depends on the transport (Netty reads and discards the rest
            // while it waits for the answer to its close frame); a heap of 64 MiB could not have held it.
        }
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
