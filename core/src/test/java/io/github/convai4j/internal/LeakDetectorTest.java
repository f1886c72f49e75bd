package io.github.convai4j.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak detector's bookkeeping: bounded, and nothing kept for a body that was closed, read to its end or
 * found unreachable. (UnclosedResponsesTest in integration-tests checks the whole story on real transports.)
 */
class LeakDetectorTest {

    private final AtomicInteger closed = new AtomicInteger();

    @Test
    void watchesAtMostItsBoundAndForgetsClosedBodies() throws IOException {
        LeakDetector detector = new LeakDetector();
        List<InputStream> watched = new ArrayList<>();
        for (int i = 0; i < LeakDetector.MAX_TRACKED; i++) {
            watched.add(watchOne(detector));
        }
        assertThat(watched).allSatisfy(body -> assertThat(body).isInstanceOf(TrackedBody.class));
        InputStream over = body();
        assertThat(detector.watch(over, "op", null)).isSameAs(over);

        watched.get(0).close();
        assertThat(closed).hasValue(1);
        assertThat(watchOne(detector)).isInstanceOf(TrackedBody.class);
        assertThat(detector.watch(over, "op", null)).isSameAs(over);
    }

    @Test
    void aBodyReadToItsEndIsClosedAndForgotten() throws IOException {
        LeakDetector detector = new LeakDetector();
        List<InputStream> watched = new ArrayList<>();
        for (int i = 0; i < LeakDetector.MAX_TRACKED; i++) {
            watched.add(watchOne(detector));
        }
        InputStream first = watched.get(0);
        assertThat(first.readAllBytes()).hasSize(3);
        assertThat(closed).hasValue(1);
        assertThat(first.read()).isEqualTo(-1); // not a "stream closed" failure: the end, as before
        assertThat(first.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(watchOne(detector)).isInstanceOf(TrackedBody.class);
    }

    @Test
    void unreachableBodiesAreClosedAndForgottenAtTheNextSweep() throws InterruptedException {
        AtomicReference<Runnable> slot = new AtomicReference<>();
        LeakDetector detector = LeakDetector.of(slot);
        assertThat(LeakDetector.of(slot)).isSameAs(detector).isSameAs(slot.get());
        List<InputStream> held = new ArrayList<>();
        for (int i = 0; i < LeakDetector.MAX_TRACKED - 3; i++) {
            held.add(watchOne(detector));
        }
        for (int i = 0; i < 3; i++) {
            watchOne(detector); // dropped at once
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (closed.get() < 3 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            slot.get().run();
        }
        assertThat(closed).hasValue(3);
        for (int i = 0; i < 3; i++) {
            held.add(watchOne(detector));
        }
        assertThat(held).allSatisfy(body -> assertThat(body).isInstanceOf(TrackedBody.class));
        InputStream over = body();
        assertThat(detector.watch(over, "op", null)).isSameAs(over);
    }

    private InputStream watchOne(LeakDetector detector) {
        return detector.watch(body(), "get_conversation_audio_route GET /v1/convai/conversations/{conversation_id}/audio",
                new Throwable("opened here"));
    }

    /** A body that counts its closes. */
    private InputStream body() {
        return new ByteArrayInputStream(new byte[] {1, 2, 3}) {
            private boolean done;

            @Override
            public void close() {
                if (!done) {
                    done = true;
                    closed.incrementAndGet();
                }
            }
        };
    }
}
