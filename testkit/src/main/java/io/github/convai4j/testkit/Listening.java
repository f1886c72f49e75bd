package io.github.convai4j.testkit;

/**
 * The user's side of the audio: the bytes of the {@code user_audio_chunk}s counted, and every
 * {@link FakeAgentsPlatform.Builder#audioBytesPerTranscript(int)} bytes a {@code user_transcript}
 * {@code "[user audio: N bytes]"} sent, which then counts as a user turn. The fake does not recognise speech:
 * the transcript says how much was heard, so that a test can check what arrived.
 *
 * <p>Guarded by the session's lock, which every method takes.
 */
final class Listening {

    private final Object lock;
    private final Outbox outbox;
    private final int bytesPerTranscript;
    // Guarded by lock.
    private long userAudioBytes;
    private long sinceTranscript;

    Listening(Object lock, Outbox outbox, int bytesPerTranscript) {
        this.lock = lock;
        this.outbox = outbox;
        this.bytesPerTranscript = bytesPerTranscript;
    }

    /**
     * Counts a decoded chunk.
     *
     * @return the transcript sent because of it, or null if none was due (or it could not be sent any more)
     */
    String heard(byte[] audio) {
        synchronized (lock) {
            userAudioBytes += audio.length;
            sinceTranscript += audio.length;
            if (bytesPerTranscript <= 0 || sinceTranscript < bytesPerTranscript) {
                return null;
            }
            String transcript = "[user audio: " + sinceTranscript + " bytes]";
            sinceTranscript = 0;
            try {
                outbox.sendNumbered(eventId -> ServerMessages.userTranscript(transcript, eventId));
            } catch (IllegalStateException closedMeanwhile) {
                return null;
            }
            return transcript;
        }
    }

    long userAudioBytes() {
        synchronized (lock) {
            return userAudioBytes;
        }
    }
}
