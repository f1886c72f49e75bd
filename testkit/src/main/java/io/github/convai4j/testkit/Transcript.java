package io.github.convai4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The conversation as it will be stored when the session ends: its start, the user, and the turns (the first
 * message, user turns and agent responses) with their times into the call.
 *
 * <p>Guarded by the session's lock, which every method takes.
 */
final class Transcript {

    private static final class Turn {
        final String role;
        final String text;
        final long atNanos;

        Turn(String role, String text, long atNanos) {
            this.role = role;
            this.text = text;
            this.atNanos = atNanos;
        }
    }

    private final Object lock;
    private final String agentId;
    // Guarded by lock.
    private final List<Turn> turns = new ArrayList<>();
    private long startNanos;
    private long startUnixSecs;
    private String userId;

    Transcript(Object lock, String agentId) {
        this.lock = lock;
        this.agentId = agentId;
    }

    /** The conversation starts now; {@code userId} is the initiation's, or null. */
    void start(String userId) {
        synchronized (lock) {
            startNanos = System.nanoTime();
            startUnixSecs = FakeState.nowSecs();
            this.userId = userId;
        }
    }

    void user(String text) {
        add("user", text);
    }

    void agent(String text) {
        add("agent", text);
    }

    /** The conversation to store, ended now as {@code closure} says: 1000 is a success, anything else a failure. */
    ConversationSeed seed(LiveSession.Closure closure) {
        synchronized (lock) {
            ConversationSeed seed = ConversationSeed.forAgent(agentId);
            for (Turn turn : turns) {
                long secs = TimeUnit.NANOSECONDS.toSeconds(turn.atNanos - startNanos);
                seed.message(turn.role, turn.text, (int) Math.max(0, secs));
            }
            boolean normal = closure.code() == 1000;
            String who = closure.byServer() ? "Agent ended the conversation" : closure.code() == 1006
                    ? "Client disconnected without a close frame" : "Client ended the conversation";
            return seed.startTimeUnixSecs(startUnixSecs)
                    .callDurationSecs((int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos))
                    .status(normal ? "done" : "failed")
                    .callSuccessful(normal ? "success" : "failure")
                    .terminationReason(who + ": " + closure.code()
                            + (closure.reason().isEmpty() ? "" : " " + closure.reason()))
                    .userId(userId);
        }
    }

    private void add(String role, String text) {
        synchronized (lock) {
            turns.add(new Turn(role, text, System.nanoTime()));
        }
    }
}
