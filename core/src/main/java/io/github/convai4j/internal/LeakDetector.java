package io.github.convai4j.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Finds the streamed responses ({@link io.github.convai4j.core.BinaryResponse}) of one client that became
 * unreachable while still open: each holds a pooled connection until the call's deadline, and enough of them
 * block every further call to the host. For each, it logs one WARN to {@value ExchangeLogger#LOGGER_NAME}
 * naming the operation (its path template: never the URL, which may carry a signed token) and where the
 * response was opened, and closes it, so that the transport gets its connection back.
 *
 * <p>Every streamed response's body is a {@link TrackedBody}, watched through a phantom reference. Closing it,
 * or reading it to its end, forgets it: nothing is kept for a response that was released. The references the
 * collector hands over are swept at the start of each call of the client ({@link #run()}): no thread of its
 * own, nothing from {@code java.lang.ref.Cleaner} (Java 9; Android API 33). At most {@value #MAX_TRACKED}
 * responses are watched at once; those opened beyond that are not.
 *
 * <p>A client creates its detector at its first streamed response ({@link #of}); a client that never streams
 * has none, and an app shrunk with R8 or ProGuard that never streams keeps none of this.
 *
 * <p>Thread-safe.
 */
final class LeakDetector implements Runnable {

    /**
     * Most responses watched at once: 16 times what a transport pools per host by default, and a bound on the
     * bookkeeping (a reference and the caller's stack, about 1 KiB, each).
     */
    static final int MAX_TRACKED = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeLogger.LOGGER_NAME);
    private static final String RUNTIME_PACKAGE = "io.github.convai4j.internal.";

    /** Package-private: {@link Watched} registers with it (a private field would cost a synthetic accessor). */
    final ReferenceQueue<TrackedBody> unreachable = new ReferenceQueue<>();
    /** The open responses, most recent first: linked through their references, so forgetting one is O(1). */
    private Watched open;
    private int count;

    /**
     * Returns the detector of a client, created the first time it is asked for.
     *
     * @param slot where the client keeps its detector, which it runs at the start of each call
     */
    static LeakDetector of(AtomicReference<Runnable> slot) {
        Runnable current = slot.get();
        if (current == null) {
            slot.compareAndSet(null, new LeakDetector());
            current = slot.get();
        }
        return (LeakDetector) current;
    }

    /**
     * Returns {@code body} wrapped so that it is watched until it is closed or read to its end.
     *
     * @param body the body of a response handed over to the caller
     * @param operation the operation, safe to log (its id, method and path template)
     * @param openedAt the caller's stack when the call started, or {@code null}
     * @return the body to hand over; {@code body} itself if {@value #MAX_TRACKED} are watched already
     */
    synchronized InputStream watch(InputStream body, String operation, Throwable openedAt) {
        if (count == MAX_TRACKED) {
            return body;
        }
        // Registered only once counted: a reference registered but never linked, if the collector enqueued it,
        // would be swept as a leak, closing a body its caller still reads and uncounting one never counted.
        TrackedBody tracked = new TrackedBody(body, this, operation, openedAt);
        Watched watched = tracked.watched;
        count++;
        watched.next = open;
        if (open != null) {
            open.previous = watched;
        }
        open = watched;
        return tracked;
    }

    /** Sweeps: reports and closes every watched response that became unreachable while open. */
    @Override
    public void run() {
        Reference<? extends TrackedBody> ref;
        while ((ref = unreachable.poll()) != null) {
            Watched watched = (Watched) ref;
            Throwable openedAt;
            synchronized (this) {
                openedAt = watched.openedAt;
                if (!forget(watched)) {
                    continue; // its reader closed it as the collector found it (see TrackedBody)
                }
            }
            try {
                watched.body.close();
            } catch (IOException | RuntimeException ignored) {
                // The transport drops a connection it cannot release.
            }
            report(watched.operation, openedAt);
        }
    }

    /**
     * Stops watching a response: it was closed, read to its end, or found unreachable.
     *
     * @return {@code false} if it was not watched any more
     */
    synchronized boolean forget(Watched watched) {
        if (watched.forgotten) {
            return false;
        }
        watched.forgotten = true;
        watched.openedAt = null;
        if (watched.previous != null) {
            watched.previous.next = watched.next;
        } else {
            open = watched.next;
        }
        if (watched.next != null) {
            watched.next.previous = watched.previous;
        }
        watched.previous = null;
        watched.next = null;
        count--;
        watched.clear();
        return true;
    }

    private static void report(String operation, Throwable openedAt) {
        if (openedAt != null) {
            // Where the caller's code called the client, not the client's runtime, comes first.
            StackTraceElement[] frames = openedAt.getStackTrace();
            int first = 0;
            while (first < frames.length - 1 && frames[first].getClassName().startsWith(RUNTIME_PACKAGE)) {
                first++;
            }
            openedAt.setStackTrace(Arrays.copyOfRange(frames, first, frames.length));
        }
        LOG.warn("A BinaryResponse of {} was not closed: it held its connection until it was garbage-collected,"
                + " and is closed now. Close every BinaryResponse (try-with-resources), or read it with writeTo(...)."
                + " It was opened here:", operation, openedAt);
    }

    /** A watched response: the reference to its body and what is needed to report and close it. */
    static final class Watched extends PhantomReference<TrackedBody> {
        final LeakDetector detector;
        final InputStream body;
        final String operation;
        /** Guarded by {@code detector}. */
        Throwable openedAt;
        Watched previous;
        Watched next;
        boolean forgotten;

        Watched(TrackedBody referent, LeakDetector detector, InputStream body, String operation, Throwable openedAt) {
            super(referent, detector.unreachable);
            this.detector = detector;
            this.body = body;
            this.operation = operation;
            this.openedAt = openedAt;
        }
    }
}
