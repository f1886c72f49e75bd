package io.github.convai4j.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits the user's raw audio into chunks for {@link ConversationSession#sendUserAudio(byte[])}. The server
 * takes 16-bit little-endian mono PCM (or 8-bit μ-law for {@code ulaw_8000}) without a header, in the format
 * {@link io.github.convai4j.conversation.events.ConversationMetadataEvent#userInputAudioFormat()} names
 * ({@code pcm_16000} by default); the official SDKs send chunks of 250 ms (4000 samples at 16 kHz).
 * <pre>{@code
 * for (byte[] chunk : AudioChunker.pcm16(pcm, 16_000).split()) {
 *     session.sendUserAudio(chunk);
 *     Thread.sleep(250);   // pace live audio in real time
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AudioChunker {

    /** The chunk length the official SDKs use: 250 ms. */
    public static final Duration DEFAULT_CHUNK_DURATION = Duration.ofMillis(250);

    private final byte[] audio;
    private final int chunkBytes;

    private AudioChunker(byte[] audio, int chunkBytes) {
        this.audio = audio;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Chunks 16-bit mono PCM into {@link #DEFAULT_CHUNK_DURATION} pieces.
     *
     * @param pcm the audio, 16-bit little-endian mono, an even number of bytes
     * @param sampleRateHz its sample rate, e.g. 16000
     * @return the chunker
     * @throws IllegalArgumentException if the length is odd or the rate is not positive
     */
    public static AudioChunker pcm16(byte[] pcm, int sampleRateHz) {
        return pcm16(pcm, sampleRateHz, DEFAULT_CHUNK_DURATION);
    }

    /**
     * Chunks 16-bit mono PCM into pieces of a given duration.
     *
     * @param pcm the audio, 16-bit little-endian mono, an even number of bytes
     * @param sampleRateHz its sample rate, e.g. 16000
     * @param chunkDuration the length of each chunk but the last, at least one sample
     * @return the chunker
     * @throws IllegalArgumentException if the length is odd, the rate is not positive or the duration is
     *     shorter than one sample
     */
    public static AudioChunker pcm16(byte[] pcm, int sampleRateHz, Duration chunkDuration) {
        Objects.requireNonNull(pcm, "pcm");
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("16-bit PCM has an even number of bytes, got " + pcm.length
                    + "; a sample is 2 bytes");
        }
        return new AudioChunker(pcm, 2 * samplesPerChunk(sampleRateHz, chunkDuration));
    }

    /**
     * Chunks 8-bit μ-law audio ({@code ulaw_8000}) into {@link #DEFAULT_CHUNK_DURATION} pieces.
     *
     * @param ulaw the audio, one byte per sample, 8 kHz
     * @return the chunker
     */
    public static AudioChunker ulaw8000(byte[] ulaw) {
        Objects.requireNonNull(ulaw, "ulaw");
        return new AudioChunker(ulaw, samplesPerChunk(8000, DEFAULT_CHUNK_DURATION));
    }

    /**
     * Returns the sample rate an audio format names.
     *
     * @param audioFormat e.g. {@code "pcm_16000"} or {@code "ulaw_8000"}
     * @return the rate in Hz, e.g. 16000
     * @throws IllegalArgumentException if the text is not such a format
     */
    public static int sampleRate(String audioFormat) {
        Objects.requireNonNull(audioFormat, "audioFormat");
        String f = audioFormat.toLowerCase(Locale.ROOT);
        int underscore = f.lastIndexOf('_');
        if (underscore > 0 && (f.startsWith("pcm_") || f.startsWith("ulaw_"))) {
            try {
                int rate = Integer.parseInt(f.substring(underscore + 1));
                if (rate > 0) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("Not an audio format like \"pcm_16000\" or \"ulaw_8000\": " + audioFormat);
    }

    /**
     * Returns how many bytes one chunk holds.
     *
     * @return the chunk size in bytes (the last chunk may be shorter)
     */
    public int chunkBytes() {
        return chunkBytes;
    }

    /**
     * Splits the audio. The chunks are copies; the last one may be shorter.
     *
     * @return the chunks, in order; empty for empty audio
     */
    public List<byte[]> split() {
        List<byte[]> chunks = new ArrayList<>((audio.length + chunkBytes - 1) / chunkBytes);
        for (int from = 0; from < audio.length; from += chunkBytes) {
            chunks.add(Arrays.copyOfRange(audio, from, Math.min(audio.length, from + chunkBytes)));
        }
        return Collections.unmodifiableList(chunks);
    }

    private static int samplesPerChunk(int sampleRateHz, Duration chunkDuration) {
        Objects.requireNonNull(chunkDuration, "chunkDuration");
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException("The sample rate must be positive, got " + sampleRateHz);
        }
        long samples = chunkDuration.toNanos() / 1000 * sampleRateHz / 1_000_000L;
        if (samples < 1) {
            throw new IllegalArgumentException("A chunk of " + chunkDuration.toMillis() + " ms holds no sample at "
                    + sampleRateHz + " Hz");
        }
        if (samples > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("A chunk of " + chunkDuration + " is too long");
        }
        return (int) samples;
    }

    @Override
    public String toString() {
        return "AudioChunker[" + audio.length + " bytes in chunks of " + chunkBytes + "]";
    }
}
