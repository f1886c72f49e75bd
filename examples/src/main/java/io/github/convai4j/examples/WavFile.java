package io.github.convai4j.examples;

import io.github.convai4j.conversation.AudioFormat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mono WAV files in the formats of the Agents Platform: 16-bit PCM at 8 to 48 kHz, or G.711 mu-law at 8 kHz.
 * Reads the samples of one, and writes samples into one, without {@code javax.sound} (not on Android).
 */
final class WavFile {

    private static final int PCM = 1;
    private static final int MU_LAW = 7;

    private final AudioFormat format;
    private final byte[] samples;

    private WavFile(AudioFormat format, byte[] samples) {
        this.format = format;
        this.samples = samples;
    }

    /** The format of the samples, as the Agents Platform names it. */
    AudioFormat format() {
        return format;
    }

    /** The samples: little-endian 16-bit PCM, or one mu-law byte each. */
    byte[] samples() {
        return samples;
    }

    /**
     * Reads a mono WAV file.
     *
     * @throws IOException if it cannot be read, is no WAV file, or its format is none the Agents Platform takes
     */
    static WavFile read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(new DataInputStream(in), file.toString());
        }
    }

    private static WavFile read(DataInputStream in, String name) throws IOException {
        byte[] riff = new byte[12];
        in.readFully(riff);
        if (!ascii(riff, 0).equals("RIFF") || !ascii(riff, 8).equals("WAVE")) {
            throw new IOException(name + " is not a WAV file (no RIFF/WAVE header)");
        }
        AudioFormat format = null;
        for (;;) {
            byte[] header = new byte[8];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                throw new IOException(name + " has no data chunk");
            }
            String id = ascii(header, 0);
            long size = ByteBuffer.wrap(header, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            if (id.equals("fmt ")) {
                byte[] fmt = new byte[(int) size + (int) (size & 1)];
                in.readFully(fmt);
                format = format(ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN), name);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new IOException(name + ": the data chunk comes before the fmt chunk");
                }
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                long left = size;
                int n;
                while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                    data.write(buffer, 0, n);
                    left -= n;
                }
                return new WavFile(format, data.toByteArray());
            } else {
                in.skipBytes((int) (size + (size & 1)));
            }
        }
    }

    private static AudioFormat format(ByteBuffer fmt, String name) throws IOException {
        int encoding = fmt.getShort(0) & 0xFFFF;
        int channels = fmt.getShort(2);
        int rate = fmt.getInt(4);
        int bits = fmt.getShort(14);
        if (channels != 1) {
            throw new IOException(name + " has " + channels + " channels; the Agents Platform takes mono audio");
        }
        if (encoding == MU_LAW && bits == 8 && rate == 8000) {
            return AudioFormat.ULAW_8000;
        }
        AudioFormat pcm = AudioFormat.of("pcm_" + rate);
        if (encoding != PCM || bits != 16 || !pcm.isKnown()) {
            throw new IOException(name + " is " + bits + "-bit, encoding " + encoding + ", " + rate + " Hz; expected"
                    + " 16-bit PCM at 8000, 16000, 22050, 24000, 44100 or 48000 Hz, or 8-bit mu-law at 8000 Hz");
        }
        return pcm;
    }

    /** The header of a WAV file whose data chunk has {@code dataBytes} bytes of {@code format}. */
    static byte[] header(AudioFormat format, long dataBytes) {
        boolean ulaw = format.encoding() == AudioFormat.Encoding.ULAW;
        int bytesPerSample = format.bytesPerSample();
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) (ulaw ? MU_LAW : PCM)).putShort((short) 1)
                .putInt(format.sampleRate()).putInt(format.sampleRate() * bytesPerSample)
                .putShort((short) bytesPerSample).putShort((short) (8 * bytesPerSample))
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return header.array();
    }

    /** Writes {@code samples} in {@code format} as a WAV file. */
    static void write(Path file, AudioFormat format, byte[] samples) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header(format, samples.length));
            out.write(samples);
        }
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }
}
