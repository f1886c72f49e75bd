package io.github.convai4j.testkit;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the agent's {@link ConversationScript} for one session, on a thread of the session's own, one call after
 * another in the order the turns arrived: a script may block (wait for a tool result, sleep) while the I/O
 * thread keeps reading and pinging. What a script throws ends the session with 1011, as a crash of the real
 * server would.
 *
 * <p>Thread-safe; the failure is guarded by the session's lock.
 */
final class ScriptRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FakeAgentsPlatform.class);

    private final Object lock;
    private final LiveSession session;
    private final LiveSessions registry;
    private final SessionLifecycle lifecycle;
    private final ExecutorService thread;
    private Throwable failure; // guarded by lock

    ScriptRunner(Object lock, LiveSession session, long sessionNumber, LiveSessions registry,
                 SessionLifecycle lifecycle) {
        this.lock = lock;
        this.session = session;
        this.registry = registry;
        this.lifecycle = lifecycle;
        this.thread = Executors.newSingleThreadExecutor(
                new DefaultThreadFactory("convai4j-fake-live-session-" + sessionNumber, true));
    }

    /** Has the agent's current script answer a user turn, or run its {@code onStart} when {@code text} is null. */
    void run(final String text) {
        final ConversationScript script = registry.scriptFor(session.agentId());
        try {
            thread.execute(() -> {
                try {
                    if (text == null) {
                        script.onStart(session);
                    } else {
                        script.onUserTurn(session, text);
                    }
                } catch (Throwable t) { // the script is the test's code: anything it throws ends the session
                    failed(script, t);
                }
            });
        } catch (RejectedExecutionException sessionEnded) {
            LOG.debug("live session {} ended before its script could run", session.conversationId());
        }
    }

    Throwable failure() {
        synchronized (lock) {
            return failure;
        }
    }

    /** The session ended: interrupts a script that is still running and runs no more. */
    void stop() {
        thread.shutdownNow();
    }

    private void failed(ConversationScript script, Throwable thrown) {
        synchronized (lock) {
            if (lifecycle.isClosing()) {
                LOG.debug("the script of live session {} stopped after the session closed: {}",
                        session.conversationId(), thrown.toString());
                return;
            }
            failure = thrown;
        }
        LOG.warn("convai4j-testkit: conversation script {} of agent {} failed; closing live session {} with 1011",
                script, session.agentId(), session.conversationId(), thrown);
        lifecycle.close(1011, "unknown_websocket_crash", "unknown_websocket_crash",
                "The fake agent's conversation script failed: " + thrown);
    }
}
