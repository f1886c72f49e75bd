package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ConversationMetadataEvent;

import java.util.NoSuchElementException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * An audio format of a live conversation, as the server names it in {@code conversation_initiation_metadata}:
 * {@code pcm_<rate>} is raw 16-bit little-endian mono PCM at that rate (8000, 16000, 22050, 24000, 44100 or
 * 48000 Hz), {@code ulaw_8000} is 8-bit G.711 μ-law at 8 kHz, as telephony uses. No header, no container. The
 * user's audio must be in {@link ConversationSession#userInputAudioFormat()}, and the agent's audio comes in
 * {@link ConversationSession#agentOutputAudioFormat()}; {@link AudioConverter} converts between any two of
 * these.
 *
 * <p>Open, like the protocol's other lists: a format this version does not know (a name the server may add)
 * is kept with {@link Encoding#UNKNOWN}; its bytes can be passed on, not converted.
 *
 * <p>Immutable and thread-safe.
 */
public final class AudioFormat {

    /** How samples are stored. */
    public enum Encoding {
        /** 16-bit signed little-endian PCM, mono: two bytes per sample. */
        PCM_S16LE,
        /** 8-bit G.711 μ-law, mono: one byte per sample. */
        ULAW,
        /** A format this version of the library does not know. */
        UNKNOWN
    }

    /** {@code pcm_8000}. */
    public static final AudioFormat PCM_8000 = new AudioFormat("pcm_8000", Encoding.PCM_S16LE, 8000);
    /** {@code pcm_16000}: the protocol's default for both directions. */
    public static final AudioFormat PCM_16000 = new AudioFormat("pcm_16000", Encoding.PCM_S16LE, 16000);
    /** {@code pcm_22050}. */
    public static final AudioFormat PCM_22050 = new AudioFormat("pcm_22050", Encoding.PCM_S16LE, 22050);
    /** {@code pcm_24000}. */
    public static final AudioFormat PCM_24000 = new AudioFormat("pcm_24000", Encoding.PCM_S16LE, 24000);
    /** {@code pcm_44100}. */
    public static final AudioFormat PCM_44100 = new AudioFormat("pcm_44100", Encoding.PCM_S16LE, 44100);
    /** {@code pcm_48000}. */
    public static final AudioFormat PCM_48000 = new AudioFormat("pcm_48000", Encoding.PCM_S16LE, 48000);
    /** {@code ulaw_8000}: μ-law at 8 kHz, as telephony (Twilio, SIP) carries it. */
    public static final AudioFormat ULAW_8000 = new AudioFormat("ulaw_8000", Encoding.ULAW, 8000);

    private static final AudioFormat[] KNOWN = {PCM_8000, PCM_16000, PCM_22050, PCM_24000, PCM_44100, PCM_48000,
        ULAW_8000};

    private final String name;
    private final Encoding encoding;
    private final int sampleRate;

    private AudioFormat(String name, Encoding encoding, int sampleRate) {
        this.name = name;
        this.encoding = encoding;
        this.sampleRate = sampleRate;
    }

    /**
     * Returns the format of a name, e.g. {@code "pcm_16000"} or {@code "ulaw_8000"}; case is ignored.
     *
     * @param name the server's name of the format
     * @return one of the constants, or a format with {@link Encoding#UNKNOWN} for a name this version does not know
     * @throws IllegalArgumentException if the name is empty
     */
    public static AudioFormat of(String name) {
        Objects.requireNonNull(name, "name");
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            throw new IllegalArgumentException("An audio format name like \"pcm_16000\" or \"ulaw_8000\" is needed");
        }
        for (AudioFormat known : KNOWN) {
            if (known.name.equals(lower)) {
                return known;
            }
        }
        return new AudioFormat(name.trim(), Encoding.UNKNOWN, rateSuffix(lower));
    }

    /**
     * The format the metadata names for one direction; the protocol's default {@code pcm_16000} if the server
     * left it out.
     */
    static AudioFormat fromMetadata(ConversationMetadataEvent metadata, boolean userInput) {
        try {
            return of(userInput ? metadata.userInputAudioFormat() : metadata.agentOutputAudioFormat());
        } catch (NoSuchElementException | IllegalArgumentException absent) {
            return PCM_16000;
        }
    }

    private static int rateSuffix(String name) {
        int underscore = name.lastIndexOf('_');
        if (underscore > 0) {
            try {
                return Math.max(0, Integer.parseInt(name.substring(underscore + 1)));
            } catch (NumberFormatException notARate) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * Returns the server's name of the format.
     *
     * @return e.g. {@code "pcm_16000"}
     */
    public String name() {
        return name;
    }

    /**
     * Returns how samples are stored.
     *
     * @return the encoding; {@link Encoding#UNKNOWN} for a format this version does not know
     */
    public Encoding encoding() {
        return encoding;
    }

    /**
     * Returns the sample rate.
     *
     * @return samples per second, e.g. 16000; for an unknown format the number its name ends with, else 0
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Tells whether this version can read and convert the format.
     *
     * @return {@code false} for {@link Encoding#UNKNOWN}
     */
    public boolean isKnown() {
        return encoding != Encoding.UNKNOWN;
    }

    /**
     * Returns the bytes of one sample.
     *
     * @return 2 for PCM, 1 for μ-law
     * @throws IllegalStateException for an unknown format
     */
    public int bytesPerSample() {
        switch (encoding) {
            case PCM_S16LE:
                return 2;
            case ULAW:
                return 1;
            default:
                throw new IllegalStateException("The audio format " + name + " is not known to this version of"
                        + " convai4j: its sample size is unknown");
        }
    }

    /**
     * Returns how many bytes a duration of audio takes, in whole samples.
     *
     * @param duration the duration
     * @return the byte count
     * @throws IllegalStateException for an unknown format
     */
    public int bytesFor(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        long samples = duration.toNanos() / 1000 * sampleRate / 1_000_000L;
        return Math.toIntExact(samples * bytesPerSample());
    }

    /**
     * Returns how long some bytes of audio play.
     *
     * @param bytes the byte count
     * @return the duration, to the microsecond
     * @throws IllegalStateException for an unknown format
     */
    public Duration durationOf(long bytes) {
        long samples = bytes / bytesPerSample();
        return Duration.ofNanos(samples * 1_000_000L / sampleRate * 1000);
    }

    /**
     * Two formats are equal if their names are (case ignored).
     *
     * @param o the other object
     * @return whether it is the same format
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof AudioFormat && ((AudioFormat) o).name.equalsIgnoreCase(name);
    }

    @Override
    public int hashCode() {
        return name.toLowerCase(Locale.ROOT).hashCode();
    }

    /**
     * Returns the server's name of the format.
     *
     * @return e.g. {@code "ulaw_8000"}
     */
    @Override
    public String toString() {
        return name;
    }
}
