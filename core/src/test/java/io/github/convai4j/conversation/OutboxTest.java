package io.github.convai4j.conversation;

import io.github.convai4j.http.WebSocket;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The send backlog: what a queued message costs, its cap, coalesced pongs, and the end when nothing is written. */
class OutboxTest {

    /** A connection whose writes complete only when the test says so, as with a peer that does not read. */
    static final class StuckSocket implements WebSocket {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> writes = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> sendText(String text) {
            sent.add(text);
            CompletableFuture<Void> write = new CompletableFuture<>();
            writes.add(write);
            return write;
        }

        void writeAll() {
            for (CompletableFuture<Void> write : writes) {
                write.complete(null);
            }
        }

        @Override
        public CompletableFuture<Void> close(int code, String reason) {
            return new CompletableFuture<>();
        }

        @Override
        public void abort() {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public String subprotocol() {
            return null;
        }
    }

    private final StuckSocket socket = new StuckSocket();
    private final AtomicReference<String> stalled = new AtomicReference<>();
    private final CountDownLatch stall = new CountDownLatch(1);

    private Outbox outbox(long maxBacklog, Duration stallTimeout) {
        Outbox outbox = new Outbox(maxBacklog, stallTimeout, new SessionTimers(TestClients.SCHEDULER,
                LoggerFactory.getLogger(OutboxTest.class), () -> "test"), Runnable::run, (bytes, messages, idle) -> {
                    stalled.set(bytes + " bytes in " + messages);
                    stall.countDown();
                }, LoggerFactory.getLogger(OutboxTest.class), () -> "test");
        outbox.attach(socket);
        return outbox;
    }

    @Test
    void eachMessageCostsItsUtf8BytesAndTheOverhead() {
        assertThat(Outbox.cost("{}")).isEqualTo(2 + LiveConversation.SEND_MESSAGE_OVERHEAD);
        assertThat(Outbox.utf8Length("é€😀")).isEqualTo(2 + 3 + 4);
        Outbox outbox = outbox(1 << 20, Duration.ZERO);
        outbox.send("{\"a\":\"é\"}");
        assertThat(outbox.backlogBytes()).isEqualTo(10 + LiveConversation.SEND_MESSAGE_OVERHEAD);
        socket.writeAll();
        assertThat(outbox.backlogBytes()).isZero();
    }

    @Test
    void aSendPastTheCapFailsAtOnceAndTheOthersGoOn() throws Exception {
        long cap = 10 * (100 + LiveConversation.SEND_MESSAGE_OVERHEAD);
        Outbox outbox = outbox(cap, Duration.ZERO);
        String hundred = repeat('x', 100);
        for (int i = 0; i < 10; i++) {
            outbox.send(hundred);
        }
        CompletableFuture<Void> refused = outbox.send(hundred);
        assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(IOException.class).hasMessageContaining("maxSendBacklog");
        assertThat(socket.sent).hasSize(10);
        assertThat(outbox.backlogBytes()).isEqualTo(cap);
        socket.writes.get(0).complete(null);
        assertThat(outbox.send(hundred)).isNotDone(); // room again
        assertThat(socket.sent).hasSize(11);
    }

    @Test
    void oneMessageLargerThanTheCapStillGoesWhenNothingWaits() {
        Outbox outbox = outbox(1000, Duration.ZERO);
        CompletableFuture<Void> big = outbox.send(repeat('x', 5000));
        assertThat(big).isNotDone();
        assertThat(socket.sent).hasSize(1);
        assertThat(outbox.send("{}")).isCompletedExceptionally();
    }

    @Test
    void aPingFloodQueuesOnePongAndAnswersTheNewestPingOnceItIsWritten() {
        Outbox outbox = outbox(1 << 20, Duration.ZERO);
        for (long id = 1; id <= 10_000; id++) {
            outbox.pong(id);
        }
        assertThat(socket.sent).containsExactly("{\"type\":\"pong\",\"event_id\":1}");
        assertThat(outbox.coalescedPongs()).isEqualTo(10_000 - 2);
        socket.writes.get(0).complete(null);
        assertThat(socket.sent).hasSize(2).last().isEqualTo("{\"type\":\"pong\",\"event_id\":10000}");
        socket.writes.get(1).complete(null);
        assertThat(socket.sent).hasSize(2);
        assertThat(outbox.backlogBytes()).isZero();
    }

    @Test
    void pongsAreSentEvenWhenTheBacklogIsFull() {
        Outbox outbox = outbox(64 * 1024, Duration.ZERO);
        outbox.send(repeat('x', 64 * 1024));
        outbox.pong(7);
        assertThat(socket.sent).hasSize(2).last().isEqualTo("{\"type\":\"pong\",\"event_id\":7}");
    }

    @Test
    void messagesThatWaitWithoutProgressForTheStallTimeoutEndTheSession() throws Exception {
        Outbox outbox = outbox(1 << 20, Duration.ofMillis(300));
        long start = System.nanoTime();
        outbox.pong(1);
        outbox.send("{\"type\":\"user_activity\"}");
        assertThat(stall.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
        assertThat(stalled.get()).endsWith(" in 2");
        assertThat(outbox.send("{}")).isCompletedExceptionally(); // closed
    }

    @Test
    void progressKeepsTheSessionAliveAndAnEmptyBacklogNeverStalls() throws Exception {
        Outbox outbox = outbox(1 << 20, Duration.ofMillis(400));
        for (int i = 0; i < 8; i++) {
            outbox.send("{}");
            Thread.sleep(100);
            socket.writes.get(i).complete(null); // written one by one, each within the timeout
        }
        Thread.sleep(600); // nothing waits: no stall
        assertThat(stall.getCount()).isEqualTo(1);
        assertThat(stalled.get()).isNull();
    }

    @Test
    void aTrickleThatNeverCatchesUpWithAPingFloodStallsAlthoughEveryPongIsWritten() throws Exception {
        Outbox outbox = outbox(1 << 20, Duration.ofMillis(400));
        long start = System.nanoTime();
        long id = 0;
        // Each pong is written within 50 ms, but two newer pings came meanwhile: a pong is always owed.
        while (stall.getCount() > 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
            outbox.pong(++id);
            outbox.pong(++id);
            Thread.sleep(50);
            socket.writes.get(socket.writes.size() - 1).complete(null);
        }
        assertThat(stall.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(400);
        assertThat(socket.sent.size()).as("pongs were written meanwhile").isGreaterThan(3);
    }

    @Test
    void aPingAnsweredBeforeTheNextComesNeverStalls() throws Exception {
        Outbox outbox = outbox(1 << 20, Duration.ofMillis(300));
        for (long id = 1; id <= 10; id++) {
            outbox.pong(id);
            Thread.sleep(60);
            socket.writes.get(socket.writes.size() - 1).complete(null);
        }
        Thread.sleep(400);
        assertThat(stalled.get()).isNull();
        assertThat(socket.sent).hasSize(10);
    }

    private static String repeat(char c, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(c);
        }
        return sb.toString();
    }
}
