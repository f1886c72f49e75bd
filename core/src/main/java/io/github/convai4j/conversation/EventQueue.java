package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.AudioEvent;
import io.github.convai4j.conversation.events.ConversationEvent;
import io.github.convai4j.conversation.events.InternalTentativeAgentResponseEvent;
import io.github.convai4j.conversation.events.InternalTurnProbabilityEvent;
import io.github.convai4j.conversation.events.PingEvent;
import io.github.convai4j.conversation.events.TentativeUserTranscriptEvent;
import io.github.convai4j.conversation.events.VadScoreEvent;
import org.slf4j.Logger;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events of one session that wait to be delivered (to the listener, or to {@code nextEvent}), at most
 * {@code capacity} of them. The transport gives no way to slow the server down (the WebSocket SPI has no
 * read backpressure, and its I/O thread must not block), so when the queue is full an event is dropped:
 * the arriving one if it is transient (audio, VAD and turn scores, tentative transcripts, pings), else the
 * oldest transient event waiting, else the oldest event waiting. The first drop is logged at WARN, the
 * rest at DEBUG; all are counted.
 *
 * <p>Thread-safe.
 */
final class EventQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ConversationEvent> events = new ArrayDeque<>();
    private final int capacity;
    private final AtomicLong dropped;
    private final Logger log;
    private final Supplier<String> owner;
    private boolean warned;
    private ConversationEnd end;

    EventQueue(int capacity, AtomicLong dropped, Logger log, Supplier<String> owner) {
        this.capacity = capacity;
        this.dropped = dropped;
        this.log = log;
        this.owner = owner;
    }

    static boolean isTransient(ConversationEvent event) {
        return event instanceof AudioEvent || event instanceof VadScoreEvent
                || event instanceof InternalTurnProbabilityEvent || event instanceof TentativeUserTranscriptEvent
                || event instanceof InternalTentativeAgentResponseEvent || event instanceof PingEvent;
    }

    void add(ConversationEvent event) {
        ConversationEvent droppedEvent = null;
        boolean firstDrop = false;
        lock.lock();
        try {
            if (end != null) {
                return; // nothing arrives after the close
            }
            if (events.size() >= capacity) {
                droppedEvent = isTransient(event) ? event : removeOldestTransientOrOldest();
            }
            if (droppedEvent != event) {
                events.addLast(event);
                changed.signalAll();
            }
            if (droppedEvent != null && !warned) {
                warned = true;
                firstDrop = true;
            }
        } finally {
            lock.unlock();
        }
        if (droppedEvent != null) {
            dropped.incrementAndGet();
            if (firstDrop) {
                log.warn("Conversation {}: {} events wait to be delivered, so a {} event was dropped; the events are"
                        + " not consumed fast enough (see LiveConversation.maxPendingEvents). Further drops are"
                        + " logged at DEBUG", owner.get(), capacity, droppedEvent.type());
            } else {
                log.debug("Conversation {}: queue full, dropped a {} event", owner.get(), droppedEvent.type());
            }
        }
    }

    private ConversationEvent removeOldestTransientOrOldest() {
        for (Iterator<ConversationEvent> it = events.iterator(); it.hasNext();) {
            ConversationEvent waiting = it.next();
            if (isTransient(waiting)) {
                it.remove();
                return waiting;
            }
        }
        return events.pollFirst();
    }

    /** The next event, or {@code null} if none waits. */
    ConversationEvent poll() {
        lock.lock();
        try {
            return events.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next event, waiting up to {@code timeoutNanos}; {@code null} if none came, or if the queue is
     * finished and empty ({@link #endIfDrained()} tells).
     */
    ConversationEvent poll(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (events.isEmpty() && end == null) {
                if (left <= 0) {
                    return null;
                }
                left = changed.awaitNanos(left);
            }
            return events.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** No more events will come; those waiting can still be taken. */
    void finish(ConversationEnd conversationEnd) {
        lock.lock();
        try {
            if (end == null) {
                end = conversationEnd;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The end, once it is known and no event waits any more; else {@code null}. */
    ConversationEnd endIfDrained() {
        lock.lock();
        try {
            return events.isEmpty() ? end : null;
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return events.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }
}
