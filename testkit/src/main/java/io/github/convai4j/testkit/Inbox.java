package io.github.convai4j.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the client sent on one session: its messages in arrival order, how far each type has been awaited, and
 * the client tool results by {@code tool_call_id}.
 *
 * <p>A message is recorded once the fake has handled it, so that a test that saw it also sees its effects
 * (audio counted, pong matched, metadata sent, error close begun), and before the close frame it causes: the
 * message being handled is held in {@link #handling(LiveMessage)} until {@link #recordHandled()}.
 *
 * <p>Guarded by the session's lock, which every method takes; recording wakes its waiters. The message being
 * handled is touched on the I/O thread only, so it needs no lock.
 */
final class Inbox {

    private final Object lock;
    // Guarded by lock.
    private final List<LiveMessage> received = new ArrayList<>();
    private final Map<String, Integer> awaitedPerType = new HashMap<>();
    private final Map<String, LiveMessage> toolResults = new HashMap<>();
    /** The client message being handled, until it is recorded; I/O thread only. */
    private LiveMessage unrecorded;

    Inbox(Object lock) {
        this.lock = lock;
    }

    /** A client message is about to be handled; on the I/O thread. */
    void handling(LiveMessage message) {
        unrecorded = message;
    }

    /** Records the message being handled, if not done yet; on the I/O thread. */
    void recordHandled() {
        if (unrecorded != null) {
            synchronized (lock) {
                received.add(unrecorded);
                lock.notifyAll();
            }
            unrecorded = null;
        }
    }

    /** A {@code client_tool_result}; recorded with it, so that a waiter finds both at once. On the I/O thread. */
    void toolResult(String toolCallId, LiveMessage result) {
        synchronized (lock) {
            toolResults.put(toolCallId, result);
            recordHandled();
        }
    }

    List<LiveMessage> received() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(received));
        }
    }

    /** The first message of the type that no earlier call returned, or null if it has not arrived yet. */
    LiveMessage nextOf(String type) {
        synchronized (lock) {
            int skip = awaitedPerType.containsKey(type) ? awaitedPerType.get(type) : 0;
            int seen = 0;
            for (LiveMessage message : received) {
                if (type.equals(message.type()) && seen++ == skip) {
                    awaitedPerType.put(type, skip + 1);
                    return message;
                }
            }
            return null;
        }
    }

    /** The result of a tool call, or null if it has not arrived yet. */
    LiveMessage toolResult(String toolCallId) {
        synchronized (lock) {
            return toolResults.get(toolCallId);
        }
    }

    /** The types received so far, for failure messages. */
    List<String> receivedTypes() {
        synchronized (lock) {
            List<String> types = new ArrayList<>(received.size());
            for (LiveMessage message : received) {
                types.add(message.type() != null ? message.type() : message.isJson() ? "(no type)" : "(not JSON)");
            }
            return types;
        }
    }
}
