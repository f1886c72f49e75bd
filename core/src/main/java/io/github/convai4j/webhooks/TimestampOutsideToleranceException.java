package io.github.convai4j.webhooks;

import java.time.Duration;

/**
 * The request's signature timestamp ({@code t=} of the {@code ElevenLabs-Signature} header) is further from
 * the verifier's clock than its tolerance (30 minutes by default), in the past or in the future. In the past
 * it is most likely a replay of an old request; otherwise the clock of this server is wrong (check NTP).
 */
public class TimestampOutsideToleranceException extends WebhookVerificationException {
    private static final long serialVersionUID = 1L;

    /** The signed timestamp, in seconds since the epoch. */
    private final long timestamp;
    /** How far the timestamp is from the clock: positive in the past, negative in the future. */
    private final long ageSeconds;

    /**
     * Creates the exception.
     *
     * @param message how far off the timestamp is and what to check
     * @param timestamp the signed timestamp, in seconds since the epoch
     * @param ageSeconds the clock's time minus the timestamp, in seconds: negative for a timestamp in the
     *                   future
     */
    public TimestampOutsideToleranceException(String message, long timestamp, long ageSeconds) {
        super(message);
        this.timestamp = timestamp;
        this.ageSeconds = ageSeconds;
    }

    /**
     * Returns the timestamp the request was signed with.
     *
     * @return seconds since the epoch
     */
    public long timestamp() {
        return timestamp;
    }

    /**
     * Returns how old the signature was when it was checked.
     *
     * @return the clock's time minus the timestamp; negative for a timestamp in the future
     */
    public Duration age() {
        return Duration.ofSeconds(ageSeconds);
    }
}
