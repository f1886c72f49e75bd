package io.github.convai4j.transport.tck.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class GeneratedContentTest {

    @Test
    void sameSeedSameBytesWhateverTheReadSizes() {
        byte[] whole = GeneratedContent.bytes(5, 10_003);
        GeneratedContent content = new GeneratedContent(5, 10_003);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        byte[] buffer = new byte[13];
        int n;
        while ((n = content.read(buffer, 0, 1 + pieces.size() % 13)) > 0) {
            pieces.write(buffer, 0, n);
        }
        assertThat(pieces.toByteArray()).isEqualTo(whole);
        assertThat(content.position()).isEqualTo(10_003);
        assertThat(content.read()).isEqualTo(-1);
    }

    @Test
    void seedsGiveDifferentContentAndCrcMatchesTheBytes() throws Exception {
        assertThat(GeneratedContent.bytes(1, 64)).isNotEqualTo(GeneratedContent.bytes(2, 64));
        byte[] bytes = GeneratedContent.bytes(9, 1_000_000);
        assertThat(GeneratedContent.crc32(9, 1_000_000)).isEqualTo(BodySummary.of(bytes).crc32());
        assertThat(BodySummary.of(new GeneratedContent(9, 1_000_000))).isEqualTo(BodySummary.of(bytes));
    }
}
