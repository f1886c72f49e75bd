package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.BinaryResponse;
import io.github.convai4j.it.FaultServer.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN decision 3 for text: a knowledge-base document's content ({@code text/html}, which the spec marks
 * streaming) comes back as a {@link BinaryResponse} that streams, not as a {@code String}. The document is larger
 * than the test JVM's whole heap (this class runs in the {@code -Xmx96m} surefire execution), so the calls can
 * only pass if neither the transport nor the runtime holds the body in memory.
 */
@Tag(AudioDownloadBoundedHeapTest.TAG)
class DocumentContentBoundedHeapTest extends RuntimeTestSupport {

    private static final long SIZE = 100L * 1024 * 1024 + 11;

    @BeforeAll
    static void theDocumentDoesNotFitInTheHeap() {
        assertThat(Runtime.getRuntime().maxMemory()).as("max heap (run with -Xmx96m)").isLessThan(SIZE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void documentContentLargerThanTheHeapIsReadAsAStream(String transport) throws Exception {
        server.enqueue(Reply.status(200).header("Content-Type", "text/html; charset=utf-8").streamed(SIZE));
        ConvaiClient client = client(transport);

        long read;
        try (BinaryResponse content = client.knowledgeBase().documents().getContent("doc/1")) {
            assertThat(content.statusCode()).isEqualTo(200);
            assertThat(content.contentType()).startsWith("text/html");
            read = verifyStreamedBytes(content.body());
        }

        assertThat(read).isEqualTo(SIZE);
        FaultServer.Received sent = server.received().get(0);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.rawPath()).isEqualTo("/v1/convai/knowledge-base/doc%2F1/content");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void asyncDocumentContentStreamsToAFile(String transport, @TempDir Path dir) throws Exception {
        server.enqueue(Reply.status(200).header("Content-Type", "text/html; charset=utf-8").streamed(SIZE));
        ConvaiClient client = client(transport);
        Path file = dir.resolve("document.html");

        long written;
        try (BinaryResponse content = client.async().knowledgeBase().documents().getContent("doc_1")
                .get(60, TimeUnit.SECONDS)) {
            written = content.writeTo(file);
        }

        assertThat(written).isEqualTo(SIZE);
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(verifyStreamedBytes(in)).isEqualTo(SIZE);
        }
    }

    /** Checks every byte against the fault server's pattern while reading; returns how many there were. */
    private static long verifyStreamedBytes(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long index = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            for (int i = 0; i < n; i++, index++) {
                if (buffer[i] != FaultServer.streamedByte(index)) {
                    throw new AssertionError("byte " + index + " differs from what the server sent");
                }
            }
        }
        return index;
    }
}
