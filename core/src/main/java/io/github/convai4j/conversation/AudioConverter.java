package io.github.convai4j.conversation;

import java.util.Arrays;
import java.util.Objects;

/**
 * Converts a stream of audio from one {@link AudioFormat} of the protocol to another: μ-law 8 kHz to and from
 * 16-bit PCM, and PCM between any of the rates the API uses (8000, 16000, 22050, 24000, 44100, 48000 Hz). Pure
 * Java, no dependency. For telephony, say, where the call carries μ-law at 8 kHz and the agent speaks
 * {@code pcm_16000}:
 * <pre>{@code
 * AudioConverter toCaller = AudioConverter.between(session.agentOutputAudioFormat(), AudioFormat.ULAW_8000);
 * byte[] forTheCall = toCaller.convert(audioEvent.audio());
 * }</pre>
 * {@link ConversationSession#sendUserAudio(byte[], AudioFormat)} uses one to send the user's audio in the format
 * the server declared.
 *
 * <p>μ-law is G.711's. Rates change by band-limited interpolation (a windowed sinc whose cutoff is 90 % of the
 * lower Nyquist frequency, so nothing above the new one folds back); it holds back a few milliseconds of
 * look-ahead until the next chunk or {@link #finish()}. A converter is a stream: chunks may split samples and
 * may be of any size, and what it returns is the same as for the whole audio at once.
 *
 * <p>Not thread-safe: use one per stream.
 */
public final class AudioConverter {

    private final AudioFormat from;
    private final AudioFormat to;
    private final Resampler resampler;
    /** A PCM byte whose sample's other half has not arrived yet, or -1. */
    private int carried = -1;

    private AudioConverter(AudioFormat from, AudioFormat to) {
        this.from = from;
        this.to = to;
        this.resampler = from.sampleRate() == to.sampleRate() ? null : new Resampler(from.sampleRate(), to.sampleRate());
    }

    /**
     * Returns a converter for one stream.
     *
     * @param from the format of the audio given to {@link #convert}
     * @param to the format it returns
     * @return a new converter
     * @throws IllegalArgumentException if either format is not one this version knows
     */
    public static AudioConverter between(AudioFormat from, AudioFormat to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        for (AudioFormat format : new AudioFormat[] {from, to}) {
            if (!format.isKnown()) {
                throw new IllegalArgumentException("Cannot convert " + format + ": this version of convai4j knows "
                        + "pcm_8000, pcm_16000, pcm_22050, pcm_24000, pcm_44100, pcm_48000 and ulaw_8000");
            }
        }
        return new AudioConverter(from, to);
    }

    /**
     * Converts a whole piece of audio at once.
     *
     * @param audio the audio in {@code from}
     * @param from its format
     * @param to the format wanted
     * @return the audio in {@code to}
     * @throws IllegalArgumentException if a format is unknown, or PCM audio has an odd number of bytes
     */
    public static byte[] convertAll(byte[] audio, AudioFormat from, AudioFormat to) {
        AudioConverter converter = between(from, to);
        byte[] head = converter.convert(audio);
        byte[] tail = converter.finish();
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /**
     * Returns the format this converter takes.
     *
     * @return the source format
     */
    public AudioFormat from() {
        return from;
    }

    /**
     * Returns the format this converter returns.
     *
     * @return the target format
     */
    public AudioFormat to() {
        return to;
    }

    /**
     * Converts the next chunk of the stream.
     *
     * @param audio the chunk
     * @return the converted audio this chunk completes; possibly empty
     */
    public byte[] convert(byte[] audio) {
        Objects.requireNonNull(audio, "audio");
        return convert(audio, 0, audio.length);
    }

    /**
     * Converts the next chunk of the stream, part of an array.
     *
     * @param audio the buffer
     * @param offset where the chunk starts
     * @param length its length in bytes
     * @return the converted audio this chunk completes; possibly empty
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    public byte[] convert(byte[] audio, int offset, int length) {
        Objects.requireNonNull(audio, "audio");
        if (offset < 0 || length < 0 || offset > audio.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " for " + audio.length
                    + " bytes");
        }
        short[] samples = decode(audio, offset, length);
        if (resampler != null) {
            samples = resampler.push(samples, samples.length);
        }
        return encode(samples);
    }

    /**
     * Ends the stream: returns what the resampler held back for its look-ahead (the stream is taken to fall
     * silent after its end). A PCM byte left over from an odd-length stream is dropped.
     *
     * @return the last converted audio; empty when the rates are equal
     */
    public byte[] finish() {
        carried = -1;
        return resampler == null ? new byte[0] : encode(resampler.finish());
    }

    private short[] decode(byte[] audio, int offset, int length) {
        if (from.encoding() == AudioFormat.Encoding.ULAW) {
            short[] samples = new short[length];
            for (int i = 0; i < length; i++) {
                samples[i] = MuLaw.decode(audio[offset + i]);
            }
            return samples;
        }
        int bytes = length + (carried >= 0 ? 1 : 0);
        short[] samples = new short[bytes / 2];
        int in = offset;
        int s = 0;
        if (carried >= 0 && length > 0) {
            samples[s++] = (short) ((carried & 0xFF) | (audio[in++] << 8));
            carried = -1;
        }
        for (; s < samples.length; s++, in += 2) {
            samples[s] = (short) ((audio[in] & 0xFF) | (audio[in + 1] << 8));
        }
        if (in < offset + length) {
            carried = audio[in] & 0xFF;
        }
        return samples;
    }

    private byte[] encode(short[] samples) {
        if (to.encoding() == AudioFormat.Encoding.ULAW) {
            byte[] out = new byte[samples.length];
            for (int i = 0; i < samples.length; i++) {
                out[i] = MuLaw.encode(samples[i]);
            }
            return out;
        }
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    @Override
    public String toString() {
        return "AudioConverter[" + from + " -> " + to + "]";
    }
}
