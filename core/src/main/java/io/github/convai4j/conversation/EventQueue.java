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
 * {@code capacity} of them and at most {@code maxBytes} of their messages (one event of any size may wait
 * alone). The transport gives no way to slow the server down (the WebSocket SPI has no read backpressure, and
 * its I/O thread must not block), so when the queue is full an event is dropped: the arriving one if it is
 * transient (audio, VAD and turn scores, tentative transcripts, pings), else the oldest transient event waiting,
 * else the oldest event waiting. The first drop is logged at WARN, the rest at DEBUG; all are counted.
 *
 * <p>Thread-safe.
 */
final class EventQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The most bytes of messages that wait by default: 16 MiB. */
    static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private final ArrayDeque<Entry> events = new ArrayDeque<>();
    private final int capacity;
    private final long maxBytes;
    private long bytes;
    private final AtomicLong dropped;
    private final Logger log;
    private final Supplier<String> owner;
    private boolean warned;
    private ConversationEnd end;

    /** An event and the size of the message it came in. */
    private static final class Entry {
        final ConversationEvent event;
        final long size;

        Entry(ConversationEvent event, long size) {
            this.event = event;
            this.size = size;
        }
    }

    EventQueue(int capacity, long maxBytes, AtomicLong dropped, Logger log, Supplier<String> owner) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.dropped = dropped;
        this.log = log;
        this.owner = owner;
    }

    static boolean isTransient(ConversationEvent event) {
        return event instanceof AudioEvent || event instanceof VadScoreEvent
                || event instanceof InternalTurnProbabilityEvent || event instanceof TentativeUserTranscriptEvent
                || event instanceof InternalTentativeAgentResponseEvent || event instanceof PingEvent;
    }

    /** Adds an event that came in a message of {@code size} bytes. */
    void add(ConversationEvent event, long size) {
        int droppedCount = 0;
        String droppedType = null;
        boolean firstDrop = false;
        lock.lock();
        try {
            if (end != null) {
                return; // nothing arrives after the close
            }
            boolean keep = true;
            while (!events.isEmpty() && (events.size() >= capacity || bytes + size > maxBytes)) {
                if (isTransient(event)) {
                    keep = false;
                    droppedType = event.type();
                    droppedCount++;
                    break;
                }
                Entry victim = removeOldestTransientOrOldest();
                bytes -= victim.size;
                droppedType = victim.event.type();
                droppedCount++;
            }
            if (keep) {
                events.addLast(new Entry(event, size));
                bytes += size;
                changed.signalAll();
            }
            if (droppedCount > 0 && !warned) {
                warned = true;
                firstDrop = true;
            }
        } finally {
            lock.unlock();
        }
        if (droppedCount > 0) {
            dropped.addAndGet(droppedCount);
            if (firstDrop) {
                log.warn("Conversation {}: {} events wait to be delivered (at most {}, and {} bytes), so a {} event"
                        + " was dropped; the events are not consumed fast enough (see"
                        + " LiveConversation.maxPendingEvents). Further drops are logged at DEBUG", owner.get(),
                        size(), capacity, maxBytes, droppedType);
            } else {
                log.debug("Conversation {}: queue full, dropped a {} event", owner.get(), droppedType);
            }
        }
    }

    private Entry removeOldestTransientOrOldest() {
        for (Iterator<Entry> it = events.iterator(); it.hasNext();) {
            Entry waiting = it.next();
            if (isTransient(waiting.event)) {
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
            return take();
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
            return take();
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private ConversationEvent take() {
        Entry entry = events.pollFirst();
        if (entry == null) {
            return null;
        }
        bytes -= entry.size;
        return entry.event;
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
