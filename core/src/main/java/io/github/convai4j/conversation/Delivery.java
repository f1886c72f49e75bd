package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ConversationEvent;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Hands a session's events to the application: to its {@link ConversationListener} on the event thread (or
 * the event executor), one call at a time and in order, then {@code onEnd} once after the last event; or,
 * without a listener, to {@link ConversationSession#nextEvent} through the bounded {@link EventQueue}. Either
 * way, audio an interruption cut off while it waited is left out. Completes {@link #ended()} once: with a
 * listener after its {@code onEnd}, without one when the end is known.
 *
 * <p>Thread-safe. Events are added on the transport's I/O thread; the listener never runs there.
 */
final class Delivery {

    /** How many events one run on a shared executor delivers before it yields and is scheduled again. */
    private static final int BATCH = 256;

    private final EventQueue queue;
    private final ConversationListener listener;
    private final Interruptions interruptions;
    private final AtomicLong dropped;
    private final Executor completionExecutor;
    private final Logger log;
    private final Supplier<String> owner;
    private final ThreadPoolExecutor ownEventThread;
    private final Executor eventExecutor;
    private final CompletableFuture<ConversationEnd> ended = new CompletableFuture<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean endDelivered = new AtomicBoolean();
    private volatile ConversationSession session;
    private volatile ConversationEnd end;
    private volatile Thread deliveryThread;

    Delivery(EventQueue queue, ConversationListener listener, Executor eventExecutor, long sessionNumber,
            Interruptions interruptions, AtomicLong dropped, Executor completionExecutor, Logger log,
            Supplier<String> owner) {
        this.queue = queue;
        this.listener = listener;
        this.interruptions = interruptions;
        this.dropped = dropped;
        this.completionExecutor = completionExecutor;
        this.log = log;
        this.owner = owner;
        if (listener != null && eventExecutor == null) {
            ownEventThread = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(),
                    task -> {
                        Thread thread = new Thread(task, "convai4j-conversation-events-" + sessionNumber);
                        thread.setDaemon(true);
                        return thread;
                    });
            ownEventThread.allowCoreThreadTimeOut(true);
            this.eventExecutor = ownEventThread;
        } else {
            ownEventThread = null;
            this.eventExecutor = eventExecutor;
        }
    }

    /** The session the listener is called with; set once, before any event arrives. */
    void deliverFor(ConversationSession forSession) {
        this.session = forSession;
    }

    boolean hasListener() {
        return listener != null;
    }

    CompletableFuture<ConversationEnd> ended() {
        return ended;
    }

    /** Whether the calling thread is running a listener callback of this session right now. */
    boolean isDeliveryThread() {
        return Thread.currentThread() == deliveryThread;
    }

    /** An event arrived in a message of {@code size} bytes (I/O thread). */
    void add(ConversationEvent event, long size) {
        queue.add(event, size);
        if (listener != null) {
            scheduleDelivery();
        }
    }

    /** The conversation has ended: no event comes any more; those waiting are still delivered. Once. */
    void finish(ConversationEnd conversationEnd) {
        end = conversationEnd;
        queue.finish(conversationEnd);
        if (listener != null) {
            scheduleDelivery();
        } else {
            Completions.run(completionExecutor, () -> ended.complete(conversationEnd));
        }
    }

    /** {@link ConversationSession#nextEvent}: the next event, waiting up to {@code timeout}. */
    ConversationEvent next(Duration timeout) {
        if (listener != null) {
            throw new IllegalStateException("This session delivers its events to its listener; nextEvent is for"
                    + " sessions opened with open() or openAsync() without a listener");
        }
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or positive");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                ConversationEvent event = queue.poll(deadline - System.nanoTime());
                if (event == null) {
                    ConversationEnd done = queue.endIfDrained();
                    if (done != null) {
                        throw new ConversationClosedException("No more events", done);
                    }
                    return null;
                }
                if (interruptions.cutOff(event)) {
                    dropped.incrementAndGet();
                    continue;
                }
                return event;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConversationException("Interrupted while waiting for an event", e);
        }
    }

    private void scheduleDelivery() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            eventExecutor.execute(this::deliver);
        } catch (RejectedExecutionException e) {
            draining.set(false);
            log.error("Conversation {}: the event executor refused to run the listener; events are not delivered",
                    owner.get());
            ConversationEnd done = end;
            if (done != null && endDelivered.compareAndSet(false, true)) {
                completeEnded(done);
            }
        }
    }

    private void deliver() {
        deliveryThread = Thread.currentThread();
        try {
            for (int i = 0; i < BATCH; i++) {
                ConversationEvent event = queue.poll();
                if (event == null) {
                    break;
                }
                if (interruptions.cutOff(event)) {
                    dropped.incrementAndGet();
                    continue;
                }
                try {
                    listener.onEvent(session, event);
                } catch (RuntimeException | Error e) {
                    log.warn("Conversation {}: the listener threw on a {} event; the session goes on", owner.get(),
                            event.type(), e);
                }
            }
            ConversationEnd done = queue.endIfDrained();
            if (done != null && endDelivered.compareAndSet(false, true)) {
                try {
                    listener.onEnd(session, done);
                } catch (RuntimeException | Error e) {
                    log.warn("Conversation {}: the listener threw in onEnd", owner.get(), e);
                }
                completeEnded(done);
            }
        } finally {
            deliveryThread = null;
            draining.set(false);
        }
        if (!queue.isEmpty() || queue.endIfDrained() != null && !endDelivered.get()) {
            scheduleDelivery();
        }
    }

    private void completeEnded(ConversationEnd done) {
        ended.complete(done);
        if (ownEventThread != null) {
            ownEventThread.shutdown();
        }
    }

}
