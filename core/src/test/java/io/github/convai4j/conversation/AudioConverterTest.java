package io.github.convai4j.conversation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** μ-law and sample-rate conversion: known vectors, the JDK's own μ-law codec, tones, and streaming in chunks. */
class AudioConverterTest {

    private static final int[] RATES = {8000, 16000, 22050, 24000, 44100, 48000};

    // ---- μ-law ----

    @Test
    void muLawDecodesTheKnownCodeWordsOfG711() {
        // Code word -> 16-bit value, from G.711's decoder (Sun's g711.c, ulaw2linear): the code is inverted on the wire.
        int[][] vectors = {{0x00, -32124}, {0x0F, -16764}, {0x7E, -8}, {0x7F, 0}, {0x80, 32124}, {0x8F, 16764},
            {0xCF, 924}, {0xF0, 120}, {0xFE, 8}, {0xFF, 0}};
        for (int[] v : vectors) {
            assertThat(MuLaw.decode((byte) v[0])).as("code 0x%02X", v[0]).isEqualTo((short) v[1]);
        }
    }

    @Test
    void muLawEncodesTheKnownValuesOfG711() {
        int[][] vectors = {{0, 0xFF}, {-1, 0x7F}, {8, 0xFE}, {32767, 0x80}, {-32768, 0x00}, {32124, 0x80},
            {-32124, 0x00}, {120, 0xF0}, {924, 0xCF}};
        for (int[] v : vectors) {
            assertThat(MuLaw.encode((short) v[0]) & 0xFF).as("sample %d", v[0]).isEqualTo(v[1]);
        }
    }

    @Test
    void muLawAgreesWithTheJdksOwnCodecForEveryCodeWordAndEverySample() throws IOException {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        byte[] jdkDecoded = jdk(codes, ulaw8000(), pcm(8000));
        for (int i = 0; i < 256; i++) {
            short jdk = (short) ((jdkDecoded[2 * i] & 0xFF) | (jdkDecoded[2 * i + 1] << 8));
            assertThat(MuLaw.decode(codes[i])).as("code 0x%02X", i).isEqualTo(jdk);
        }
        // Every sample G.711 does not clip. Beyond 32635 the JDK's encoder overflows (it adds the bias without
        // clipping first, as the reference g711.c does): there the known vectors above check the clipping.
        int clip = 32635;
        byte[] samples = new byte[2 * (2 * clip + 1)];
        for (int v = -clip, i = 0; v <= clip; v++, i += 2) {
            samples[i] = (byte) v;
            samples[i + 1] = (byte) (v >> 8);
        }
        byte[] jdkEncoded = jdk(samples, pcm(8000), ulaw8000());
        byte[] ours = AudioConverter.convertAll(samples, AudioFormat.PCM_8000, AudioFormat.ULAW_8000);
        assertThat(ours).isEqualTo(jdkEncoded);
        for (int v = clip; v <= Short.MAX_VALUE; v++) {
            assertThat(MuLaw.encode((short) v)).isEqualTo((byte) 0x80);
            assertThat(MuLaw.encode((short) (-v - 1))).isEqualTo((byte) 0x00);
        }
    }

    @Test
    void muLawRoundTripKeepsATonesShape() {
        short[] tone = tone(440, 8000, 8000, 0.5);
        byte[] pcm = bytes(tone);
        byte[] back = AudioConverter.convertAll(AudioConverter.convertAll(pcm, AudioFormat.PCM_8000,
                AudioFormat.ULAW_8000), AudioFormat.ULAW_8000, AudioFormat.PCM_8000);
        assertThat(snrDb(tone, samples(back), 0)).isGreaterThan(33.0); // 8-bit companding: about 38 dB
    }

    // ---- rates ----

    @ParameterizedTest(name = "{0} Hz to {1} Hz")
    @CsvSource({"16000, 8000", "8000, 16000", "16000, 22050", "22050, 16000", "16000, 24000", "24000, 16000",
        "16000, 44100", "44100, 16000", "16000, 48000", "48000, 16000", "48000, 8000", "8000, 48000",
        "44100, 8000", "22050, 24000"})
    void aToneKeepsItsPitchLoudnessAndLengthAtEveryRateTheApiUses(int from, int to) {
        short[] in = tone(440, from, from, 0.5); // one second
        short[] out = samples(AudioConverter.convertAll(bytes(in), pcmFormat(from), pcmFormat(to)));
        assertThat(out.length).isEqualTo((int) Math.ceil((double) in.length * to / from));
        assertThat(frequency(out, to)).isCloseTo(440.0, within(2.0));
        assertThat(rms(out, to / 20) / rms(in, from / 20)).isCloseTo(1.0, within(0.01));
        // Sample by sample against the tone at the new rate (edges left out: the filter sees silence there).
        assertThat(snrDb(tone(440, to, to, 0.5), out, to / 20)).isGreaterThan(40.0);
    }

    @Test
    void goingDownNoToneAboveTheNewNyquistFoldsBackIntoTheSpeechBand() {
        short[] whistle = tone(7000, 48000, 48000, 0.5); // above the 4 kHz Nyquist of 8 kHz
        short[] out = samples(AudioConverter.convertAll(bytes(whistle), AudioFormat.PCM_48000, AudioFormat.PCM_8000));
        // Plain decimation would fold it to 1 kHz at full loudness; the low-pass leaves almost nothing.
        assertThat(rms(out, 400) / rms(whistle, 2400)).isLessThan(0.01);
    }

    @Test
    void silenceAndAConstantPassUnchanged() {
        short[] constant = new short[16000];
        Arrays.fill(constant, (short) 1234);
        short[] out = samples(AudioConverter.convertAll(bytes(constant), AudioFormat.PCM_16000, AudioFormat.PCM_44100));
        for (int i = 100; i < out.length - 100; i++) {
            assertThat(out[i]).isEqualTo((short) 1234);
        }
        assertThat(AudioConverter.convertAll(new byte[3200], AudioFormat.PCM_16000, AudioFormat.ULAW_8000))
                .hasSize(800).containsOnly((byte) 0xFF);
    }

    @Test
    void telephonyRoundTripPcm16kToMuLaw8kAndBackKeepsSpeechBandAudio() {
        short[] voice = new short[16000];
        short[] a = tone(300, 16000, 16000, 0.3);
        short[] b = tone(1100, 16000, 16000, 0.2);
        short[] c = tone(2900, 16000, 16000, 0.1);
        for (int i = 0; i < voice.length; i++) {
            voice[i] = (short) (a[i] + b[i] + c[i]);
        }
        byte[] ulaw = AudioConverter.convertAll(bytes(voice), AudioFormat.PCM_16000, AudioFormat.ULAW_8000);
        assertThat(ulaw).hasSize(8000);
        short[] back = samples(AudioConverter.convertAll(ulaw, AudioFormat.ULAW_8000, AudioFormat.PCM_16000));
        assertThat(back).hasSize(16000);
        assertThat(snrDb(voice, back, 800)).isGreaterThan(25.0);
    }

    @Test
    void aStreamInChunksOfAnySizeGivesTheSameBytesAsTheWholeAtOnce() {
        Random random = new Random(17);
        short[] noise = new short[44100];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 3000);
        }
        byte[] whole = bytes(noise);
        for (AudioFormat[] pair : new AudioFormat[][] {{AudioFormat.PCM_44100, AudioFormat.PCM_16000},
            {AudioFormat.PCM_44100, AudioFormat.ULAW_8000}}) {
            byte[] atOnce = AudioConverter.convertAll(whole, pair[0], pair[1]);
            AudioConverter converter = AudioConverter.between(pair[0], pair[1]);
            ByteArrayOutputStream chunked = new ByteArrayOutputStream();
            int at = 0;
            while (at < whole.length) {
                int n = Math.min(whole.length - at, 1 + random.nextInt(999)); // odd sizes split samples too
                byte[] part = n % 3 == 0 ? converter.convert(whole, at, n)
                        : converter.convert(Arrays.copyOfRange(whole, at, at + n));
                chunked.write(part, 0, part.length);
                at += n;
            }
            byte[] tail = converter.finish();
            chunked.write(tail, 0, tail.length);
            assertThat(chunked.toByteArray()).as(pair[0] + " -> " + pair[1]).isEqualTo(atOnce);
        }
    }

    @Test
    void formatsTheLibraryDoesNotKnowAreKeptButNotConverted() {
        AudioFormat opus = AudioFormat.of("opus_48000");
        assertThat(opus.isKnown()).isFalse();
        assertThat(opus.sampleRate()).isEqualTo(48000);
        assertThat(opus.name()).isEqualTo("opus_48000");
        assertThat(AudioFormat.of("PCM_16000")).isSameAs(AudioFormat.PCM_16000);
        assertThatThrownBy(() -> AudioConverter.between(opus, AudioFormat.PCM_16000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opus_48000")
                .hasMessageContaining("ulaw_8000");
        assertThatThrownBy(() -> AudioFormat.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFormatKnowsItsSampleSizeAndDuration() {
        assertThat(AudioFormat.ULAW_8000.bytesPerSample()).isEqualTo(1);
        assertThat(AudioFormat.PCM_22050.bytesPerSample()).isEqualTo(2);
        assertThat(AudioFormat.PCM_16000.bytesFor(java.time.Duration.ofMillis(250))).isEqualTo(8000);
        assertThat(AudioFormat.ULAW_8000.durationOf(8000)).isEqualTo(java.time.Duration.ofSeconds(1));
        for (int rate : RATES) {
            assertThat(AudioFormat.of("pcm_" + rate).sampleRate()).isEqualTo(rate);
        }
    }

    // ---- helpers ----

    private static AudioFormat pcmFormat(int rate) {
        return AudioFormat.of("pcm_" + rate);
    }

    private static javax.sound.sampled.AudioFormat pcm(int rate) {
        return new javax.sound.sampled.AudioFormat(rate, 16, 1, true, false);
    }

    private static javax.sound.sampled.AudioFormat ulaw8000() {
        return new javax.sound.sampled.AudioFormat(javax.sound.sampled.AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000,
                false);
    }

    /** Converts with the JDK's own codec (javax.sound.sampled), an implementation independent of ours. */
    private static byte[] jdk(byte[] audio, javax.sound.sampled.AudioFormat from, javax.sound.sampled.AudioFormat to)
            throws IOException {
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(audio), from,
                audio.length / from.getFrameSize());
        try (AudioInputStream converted = AudioSystem.getAudioInputStream(to, in)) {
            return converted.readAllBytes();
        }
    }

    static short[] tone(double hz, int rate, int samples, double amplitude) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    static byte[] bytes(short[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    static short[] samples(byte[] pcm) {
        short[] out = new short[pcm.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
        }
        return out;
    }

    /** Frequency from the rising zero crossings, edges left out. */
    static double frequency(short[] s, int rate) {
        int edge = rate / 20;
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = edge + 1; i < s.length - edge; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        return crossings * (double) rate / (last - first);
    }

    static double rms(short[] s, int edge) {
        double sum = 0;
        int n = 0;
        for (int i = edge; i < s.length - edge; i++) {
            sum += (double) s[i] * s[i];
            n++;
        }
        return Math.sqrt(sum / n);
    }

    /** Signal-to-noise ratio of {@code actual} against {@code expected}, edges left out. */
    static double snrDb(short[] expected, short[] actual, int edge) {
        int n = Math.min(expected.length, actual.length);
        double signal = 0;
        double noise = 0;
        for (int i = edge; i < n - edge; i++) {
            signal += (double) expected[i] * expected[i];
            double d = expected[i] - actual[i];
            noise += d * d;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }
}
