package io.github.convai4j.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The live sessions of one server: the ones a test has not claimed yet, the scripts per agent, the session
 * settings, and the hand-over of a finished session's conversation to the REST store. Thread-safe.
 *
 * <p>Lock order: never take the state's lock while holding this registry's or a session's lock the other
 * way round; this class takes the state's lock only while holding no other.
 */
final class LiveSessions {

    final long pingIntervalMillis;
    final long pongTimeoutMillis;
    final int audioBytesPerTranscript;

    private final FakeState state;
    private final ConversationRoutes conversations;
    private final PostCallWebhooks postCall;
    private final Object lock = new Object();
    private final List<LiveSession> all = new ArrayList<>();
    private final ArrayDeque<LiveSession> unclaimed = new ArrayDeque<>();
    private final Map<String, ConversationScript> scripts = new HashMap<>();
    private long generation;
    private long count;

    LiveSessions(FakeState state, ConversationRoutes conversations, PostCallWebhooks postCall,
                 long pingIntervalMillis, long pongTimeoutMillis, int audioBytesPerTranscript) {
        this.state = state;
        this.conversations = conversations;
        this.postCall = postCall;
        this.pingIntervalMillis = pingIntervalMillis;
        this.pongTimeoutMillis = pongTimeoutMillis;
        this.audioBytesPerTranscript = audioBytesPerTranscript;
    }

    /** The number and generation for a session about to be created. */
    long[] nextIdentity() {
        synchronized (lock) {
            return new long[] {++count, generation};
        }
    }

    /** A session whose handshake completed: visible to the test from now on. */
    void opened(LiveSession session) {
        boolean stale;
        synchronized (lock) {
            stale = session.generation() != generation;
            if (!stale) {
                all.add(session);
                unclaimed.add(session);
                lock.notifyAll();
            }
        }
        if (stale) { // the server was reset while the handshake was under way
            session.close(1001, "fake server reset");
        }
    }

    LiveSession await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (unclaimed.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no WebSocket session was opened on the fake server within " + timeout
                            + " (sessions opened since start or reset: " + all.size() + ", all already awaited)");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for a WebSocket session", e);
                }
            }
            return unclaimed.poll();
        }
    }

    List<LiveSession> all() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(all));
        }
    }

    void script(String agentId, ConversationScript script) {
        synchronized (lock) {
            if (script == null) {
                scripts.remove(agentId);
            } else {
                scripts.put(agentId, script);
            }
        }
    }

    ConversationScript scriptFor(String agentId) {
        synchronized (lock) {
            ConversationScript script = scripts.get(agentId);
            return script != null ? script : ConversationScript.echo();
        }
    }

    /** Forgets every session and script; open sessions are closed with 1001 and their conversations not kept. */
    void reset() {
        List<LiveSession> open;
        synchronized (lock) {
            generation++;
            open = new ArrayList<>(all);
            all.clear();
            unclaimed.clear();
            scripts.clear();
        }
        for (LiveSession session : open) {
            session.close(1001, "fake server reset");
        }
    }

    /** Closes every open session with 1001 (the server is stopping). */
    void closeAll() {
        for (LiveSession session : all()) {
            session.close(1001, "fake server closing");
        }
    }

    /**
     * Stores a finished session's conversation, unless the server was reset since or its agent is gone, and has
     * the post-call webhook (if any) sent.
     */
    void store(LiveSession session, ConversationSeed seed) {
        synchronized (lock) {
            if (session.generation() != generation) {
                return;
            }
        }
        boolean stored = false;
        synchronized (state) {
            FakeState.Agent agent = state.agents.get(session.agentId());
            if (agent != null && !state.conversations.containsKey(session.conversationId())) {
                conversations.add(seed, agent, session.conversationId());
                stored = true;
            }
        }
        if (stored) {
            postCall.conversationEnded(session.conversationId());
        }
    }

    /** A new conversation id, unused by the store. */
    String newConversationId() {
        synchronized (state) {
            return state.newId("conv_");
        }
    }

    /** A random string for tool call ids; thread-safe without the state's lock. */
    String random(int length) {
        return state.randomString("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", length);
    }
}
