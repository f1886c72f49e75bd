package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.AudioEvent;
import io.github.convai4j.conversation.events.ConversationEvent;

import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last {@code interruption} of a session, and what it cut off: agent audio of a turn at or before it must
 * not be played (the official clients drop {@code audio} whose {@code event_id} is at or below it). Checked
 * when audio arrives and again when it is delivered, since an interruption may come while audio waits.
 *
 * <p>Thread-safe.
 */
final class Interruptions {

    private final AtomicLong lastInterruptId = new AtomicLong(Long.MIN_VALUE);

    void interrupted(long eventId) {
        lastInterruptId.accumulateAndGet(eventId, Math::max);
    }

    long last() {
        return lastInterruptId.get();
    }

    /** Audio of a turn at or before the last interruption: it was cut off and must not be played. */
    boolean cutOff(ConversationEvent event) {
        if (!(event instanceof AudioEvent)) {
            return false;
        }
        long interrupted = lastInterruptId.get();
        if (interrupted == Long.MIN_VALUE) {
            return false;
        }
        try {
            return ((AudioEvent) event).eventId() <= interrupted;
        } catch (NoSuchElementException noEventId) {
            return false; // cannot tell: deliver it
        }
    }
}
