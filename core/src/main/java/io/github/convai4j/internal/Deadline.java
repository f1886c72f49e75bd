package io.github.convai4j.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The overall deadline of one call, across its attempts and the waits between them. */
final class Deadline {

    private final Duration timeout;
    private final long endNanos;
    private final LongSupplier nanoTime;

    private Deadline(Duration timeout, LongSupplier nanoTime) {
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.endNanos = timeout.isZero() ? 0 : nanoTime.getAsLong() + timeout.toNanos();
    }

    /** Starts a deadline {@code timeout} from now; {@link Duration#ZERO} means none. */
    static Deadline after(Duration timeout, LongSupplier nanoTime) {
        return new Deadline(timeout, nanoTime);
    }

    boolean isBounded() {
        return !timeout.isZero();
    }

    Duration timeout() {
        return timeout;
    }

    /** Returns the time left (zero or negative once passed), or {@code null} if there is no deadline. */
    Duration remaining() {
        return isBounded() ? Duration.ofNanos(endNanos - nanoTime.getAsLong()) : null;
    }

    /** Tells whether waiting {@code wait} and then starting an attempt still ends before the deadline. */
    boolean allows(Duration wait) {
        return !isBounded() || endNanos - nanoTime.getAsLong() > wait.toNanos();
    }
}
