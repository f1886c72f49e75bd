package io.github.convai4j.testkit;

import java.util.Map;

/**
 * The agent's side of the audio: an agent response is its {@code agent_response} followed by the response's
 * audio in the conversation's output format ({@link LiveAudio}), none when the conversation is text-only; also
 * the raw audio and interruptions a test sends.
 *
 * <p>Guarded by the session's lock, which every method takes.
 */
final class Speaking {

    private final Object lock;
    private final Outbox outbox;
    private final Transcript transcript;
    // Guarded by lock; fixed when the conversation starts.
    private boolean textOnly;
    private String outputFormat = "pcm_16000";

    Speaking(Object lock, Outbox outbox, Transcript transcript) {
        this.lock = lock;
        this.outbox = outbox;
        this.transcript = transcript;
    }

    /** The conversation's settings, from the agent and the initiation's overrides. */
    void speakAs(boolean textOnly, String outputFormat) {
        synchronized (lock) {
            this.textOnly = textOnly;
            this.outputFormat = outputFormat;
        }
    }

    /**
     * Sends an agent response and its audio; it joins the transcript.
     *
     * @return the {@code event_id} of the {@code agent_response}
     * @throws IllegalStateException if the session is closing
     */
    long respond(String text) {
        String format;
        boolean withAudio;
        long id;
        synchronized (lock) {
            id = outbox.sendNumbered(eventId -> ServerMessages.agentResponse(text, eventId));
            transcript.agent(text);
            format = outputFormat;
            withAudio = !textOnly;
        }
        if (withAudio) {
            sendResponseAudio(text, format);
        }
        return id;
    }

    long sendAudio(byte[] audio) {
        return outbox.sendNumbered(eventId -> ServerMessages.audio(audio, eventId));
    }

    /** Audio with a chosen {@code event_id}, e.g. a stale one; the session's counter is not changed. */
    void sendAudio(byte[] audio, long eventId) {
        outbox.send(ServerMessages.audio(audio, eventId));
    }

    /** An interruption of everything sent so far: its {@code event_id} is the last one given out. */
    long interrupt() {
        synchronized (lock) {
            long id = outbox.lastEventId();
            outbox.send(ServerMessages.interruption(id));
            return id;
        }
    }

    /**
     * Each part takes the lock on its own, not the whole response at once: a ping or a test's message may go out
     * between the parts, and a close between them stops the rest.
     */
    private void sendResponseAudio(String text, String format) {
        for (Map<String, Object> event : LiveAudio.responseEvents(text, format)) {
            try {
                outbox.sendNumbered(eventId -> ServerMessages.audio(event, eventId));
            } catch (IllegalStateException closedMeanwhile) {
                return; // e.g. the test closed the session meanwhile: the rest is not sent
            }
        }
    }
}
