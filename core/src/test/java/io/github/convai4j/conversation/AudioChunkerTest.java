package io.github.convai4j.conversation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudioChunkerTest {

    @Test
    void splitsPcmInto250MsChunks() {
        byte[] pcm = new byte[2 * 16_000 + 100]; // one second and 50 samples at 16 kHz
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) i;
        }
        AudioChunker chunker = AudioChunker.pcm16(pcm, 16_000);
        assertThat(chunker.chunkBytes()).isEqualTo(8000); // 4000 samples, as the official SDKs
        List<byte[]> chunks = chunker.split();
        assertThat(chunks).hasSize(5);
        assertThat(chunks.subList(0, 4)).allSatisfy(c -> assertThat(c).hasSize(8000));
        assertThat(chunks.get(4)).hasSize(100);
        assertThat(chunks.get(1)[0]).isEqualTo(pcm[8000]);
        assertThat(chunks.get(4)[99]).isEqualTo(pcm[pcm.length - 1]);
    }

    @Test
    void otherRatesAndDurations() {
        assertThat(AudioChunker.pcm16(new byte[0], 44_100).chunkBytes()).isEqualTo(2 * 11_025);
        assertThat(AudioChunker.pcm16(new byte[0], 8_000, Duration.ofMillis(20)).chunkBytes()).isEqualTo(320);
        assertThat(AudioChunker.ulaw8000(new byte[4000]).split()).hasSize(2);
        assertThat(AudioChunker.pcm16(new byte[0], 16_000).split()).isEmpty();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> AudioChunker.pcm16(new byte[3], 16_000)).hasMessageContaining("even number of bytes");
        assertThatThrownBy(() -> AudioChunker.pcm16(new byte[2], 0)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> AudioChunker.pcm16(new byte[2], 8_000, Duration.ofNanos(10)))
                .hasMessageContaining("holds no sample");
    }

    @Test
    void sampleRateOfAFormat() {
        assertThat(AudioChunker.sampleRate("pcm_16000")).isEqualTo(16_000);
        assertThat(AudioChunker.sampleRate("pcm_44100")).isEqualTo(44_100);
        assertThat(AudioChunker.sampleRate("ulaw_8000")).isEqualTo(8_000);
        assertThatThrownBy(() -> AudioChunker.sampleRate("mp3_44100_128")).hasMessageContaining("Not an audio format");
    }
}
