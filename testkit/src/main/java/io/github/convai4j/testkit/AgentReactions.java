package io.github.convai4j.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * What the fake agent does by itself in one session, message by message: it answers the initiation (metadata,
 * first message, then pings and the script's {@code onStart}), hands user turns (typed, or transcribed from
 * audio) to the script, matches pongs, keeps tool results, and closes with 1008 on a protocol violation.
 *
 * <p>Runs on the session's I/O thread, one client message at a time; each message is recorded in the
 * {@link Inbox} once handled (see there).
 */
final class AgentReactions implements ClientMessages.Agent {

    private static final Logger LOG = LoggerFactory.getLogger(FakeAgentsPlatform.class);

    private final Object lock;
    private final String conversationId;
    private final ClientMessages reader;
    private final Outbox outbox;
    private final Inbox inbox;
    private final SessionLifecycle lifecycle;
    private final Transcript transcript;
    private final Speaking speaking;
    private final Listening listening;
    private final Pings pings;
    private final ScriptRunner scripts;

    AgentReactions(Object lock, RecordedRequest handshake, Map<String, Object> agentConfig, String agentId,
                   String conversationId, Outbox outbox, Inbox inbox, SessionLifecycle lifecycle,
                   Transcript transcript, Speaking speaking, Listening listening, Pings pings, ScriptRunner scripts) {
        this.lock = lock;
        this.conversationId = conversationId;
        this.reader = new ClientMessages(this, handshake, agentConfig, agentId, conversationId);
        this.outbox = outbox;
        this.inbox = inbox;
        this.lifecycle = lifecycle;
        this.transcript = transcript;
        this.speaking = speaking;
        this.listening = listening;
        this.pings = pings;
        this.scripts = scripts;
    }

    /** A text frame from the client. Once the session is closing it is only recorded. */
    void onText(String text) {
        LiveMessage message = LiveMessage.parse(text);
        boolean act = !lifecycle.isClosing();
        inbox.handling(message);
        if (act) {
            reader.read(message);
        }
        inbox.recordHandled();
    }

    /** A binary frame from the client: the protocol has none. */
    void onBinary(int length) {
        reader.readBinary(length);
    }

    @Override
    public boolean conversationStarted() {
        return lifecycle.isStarted();
    }

    @Override
    public void start(ClientMessages.Initiation initiation) {
        synchronized (lock) { // the conversation's settings are all in place before the metadata announces it
            lifecycle.started();
            transcript.start(initiation.userId);
            speaking.speakAs(initiation.textOnly, initiation.outputFormat);
            try {
                outbox.send(ServerMessages.initiationMetadata(conversationId, initiation.outputFormat,
                        initiation.inputFormat));
            } catch (IllegalStateException closedMeanwhile) {
                return;
            }
        }
        if (!initiation.firstMessage.isEmpty()) {
            try {
                speaking.respond(initiation.firstMessage);
            } catch (IllegalStateException closedMeanwhile) {
                return;
            }
        }
        pings.start();
        runScript(null);
    }

    @Override
    public void pong(long eventId) {
        pings.pong(eventId);
    }

    @Override
    public void userAudio(byte[] audio) {
        String transcribed = listening.heard(audio);
        if (transcribed != null) {
            userTurn(transcribed);
        }
    }

    @Override
    public void userTurn(String text) {
        transcript.user(text);
        runScript(text);
    }

    @Override
    public void toolResult(String toolCallId, LiveMessage result) {
        inbox.toolResult(toolCallId, result);
    }

    @Override
    public void violation(String errorType, String message) {
        inbox.recordHandled(); // before the close frame it causes
        LOG.debug("live session {} closes with 1008 {}: {}", conversationId, errorType, message);
        lifecycle.close(1008, errorType, errorType, message);
    }

    /** The script's {@code onStart} when {@code text} is null. */
    private void runScript(String text) {
        inbox.recordHandled(); // the script may look for the message that made it run
        scripts.run(text);
    }
}
