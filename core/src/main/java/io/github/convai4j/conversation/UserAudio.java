package io.github.convai4j.conversation;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The user's audio as the server declared it wants it ({@code user_input_audio_format}): raw chunks are checked
 * against the format (whole samples), chunks in another format are converted, one stream at a time, so that the
 * resampler's state carries across chunks.
 *
 * <p>Thread-safe.
 */
final class UserAudio {

    private final Supplier<AudioFormat> declared;
    private AudioConverter converter;

    UserAudio(Supplier<AudioFormat> declared) {
        this.declared = declared;
    }

    /** Checks a chunk the application says is in the declared format. */
    void checkRaw(byte[] audio, int offset, int length) {
        Objects.requireNonNull(audio, "audio");
        if (offset < 0 || length < 0 || offset > audio.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " for " + audio.length
                    + " bytes");
        }
        if (length == 0) {
            throw new IllegalArgumentException("An audio chunk must not be empty");
        }
        AudioFormat format = declared.get();
        if (format.encoding() == AudioFormat.Encoding.PCM_S16LE && length % 2 != 0) {
            throw new IllegalArgumentException("The server expects " + format + ", 16-bit PCM, so a chunk has an even"
                    + " number of bytes; got " + length + ". If your audio is in another format, send it with"
                    + " sendUserAudio(audio, format), which converts it");
        }
    }

    /** A chunk in {@code format}, converted to the declared format (unchanged if it is that already). */
    synchronized byte[] convert(byte[] audio, AudioFormat format) {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(format, "format");
        AudioFormat target = declared.get();
        if (format.equals(target)) {
            checkRaw(audio, 0, audio.length);
            return audio;
        }
        if (audio.length == 0) {
            throw new IllegalArgumentException("An audio chunk must not be empty");
        }
        if (!target.isKnown()) {
            throw new IllegalArgumentException("The server wants user audio in " + target + ", which this version of"
                    + " convai4j cannot convert to; send audio already in " + target + " with sendUserAudio(byte[])");
        }
        if (converter == null || !converter.from().equals(format) || !converter.to().equals(target)) {
            converter = AudioConverter.between(format, target); // refuses an unknown source format
        }
        return converter.convert(audio);
    }
}
