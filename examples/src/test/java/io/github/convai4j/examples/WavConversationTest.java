package io.github.convai4j.examples;

import io.github.convai4j.conversation.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the WAV example as a user would (its {@code main}'s code, without a key: the fake agent), with a file of
 * 4.5 s of a 300 Hz tone in {@code pcm_16000}, and reads the WAV file it writes.
 */
class WavConversationTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true);

    @TempDir
    Path dir;

    @Test
    void itStreamsTheFileConvertedToTheDeclaredFormatAndWritesTheAgentsAudioInItsFormat() throws Exception {
        Path input = dir.resolve("user.wav");
        Path output = dir.resolve("agent.wav");
        WavFile.write(input, AudioFormat.PCM_16000, tone(300, 16000, 4500));

        int status = WavConversation.run(out, Collections.emptyMap(), input.toString(), output.toString());

        String printed = this.printed.toString(StandardCharsets.UTF_8.name());
        assertThat(status).as(printed).isZero();
        assertThat(printed).contains("sending pcm_16000 as ulaw_8000, the agent speaks pcm_16000")
                .contains("Ended: USER, close code 1000");
        // The fake transcribes once 16,000 bytes have come since its last transcript: 2 s of ulaw_8000. 4.5 s
        // converted are 36,000 bytes, two transcripts; sent unconverted (pcm_16000, 144,000 bytes) they would
        // have been nine.
        Matcher heard = Pattern.compile("user \\(heard\\)> \\[user audio: (\\d+) bytes\\]\n"
                + "agent> You said: \\[user audio: \\1 bytes\\]\n").matcher(printed);
        int transcripts = 0;
        long bytes = 0;
        while (heard.find()) {
            transcripts++;
            bytes += Long.parseLong(heard.group(1));
            assertThat(Long.parseLong(heard.group(1))).as(printed).isBetween(16_000L, 17_000L);
        }
        assertThat(transcripts).as(printed).isEqualTo(2);
        assertThat(bytes).isLessThanOrEqualTo(36_000);

        WavFile agent = WavFile.read(output);
        assertThat(agent.format()).isEqualTo(AudioFormat.PCM_16000);
        // Each answer ("You said: [user audio: 16nnn bytes]") is spoken at 20 ms per character: two of 35.
        assertThat(agent.format().durationOf(agent.samples().length).toMillis()).isEqualTo(2 * 35 * 20);
        assertThat(dominantFrequency(agent.samples(), 16000)).isBetween(430.0, 450.0); // the fake's 440 Hz voice
        assertThat(printed).contains("Wrote 1400 ms of the agent's audio (pcm_16000)");
        assertThat(Files.size(output)).isEqualTo(44 + agent.samples().length);
    }

    @Test
    void aFileInAFormatThePlatformDoesNotTakeIsRefusedBeforeAnyConnection() throws Exception {
        Path input = dir.resolve("stereo.wav");
        byte[] wav = WavFile.header(AudioFormat.PCM_16000, 4);
        wav[22] = 2; // channels
        Files.write(input, concat(wav, new byte[4]));

        int status = WavConversation.run(out, Collections.emptyMap(), input.toString(), dir.resolve("o.wav").toString());

        assertThat(status).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8.name())).contains("has 2 channels; the Agents Platform takes"
                + " mono audio");
    }

    private static byte[] tone(double frequency, int rate, int millis) {
        int samples = rate * millis / 1000;
        byte[] pcm = new byte[2 * samples];
        for (int i = 0; i < samples; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * frequency * i / rate));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    /** From the zero crossings of 16-bit little-endian PCM. */
    private static double dominantFrequency(byte[] pcm, int rate) {
        int crossings = 0;
        short previous = 0;
        int samples = pcm.length / 2;
        for (int i = 0; i < samples; i++) {
            short s = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
            if (i > 0 && (previous < 0) != (s < 0)) {
                crossings++;
            }
            previous = s;
        }
        return crossings / 2.0 / ((double) samples / rate);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
