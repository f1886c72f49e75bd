package io.github.convai4j.webhooks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Enumeration;

/**
 * A {@code post_call_audio} event body of any size, generated while it is read: the audio is
 * {@link GeneratedBytes}, base64-encoded by the JDK's encoder chunk by chunk, so neither the audio nor the body
 * is ever held in memory.
 */
final class AudioEventSource {

    private AudioEventSource() {
    }

    static InputStream open(long audioBytes, long timestamp) {
        byte[] head = ("{\"type\":\"post_call_audio\",\"event_timestamp\":" + timestamp + ",\"data\":{"
                + "\"agent_id\":\"agent_1\",\"conversation_id\":\"conv_1\",\"full_audio\":\"")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}}".getBytes(StandardCharsets.US_ASCII);
        InputStream[] parts = {new ByteArrayInputStream(head), new Base64Encoding(new GeneratedBytes(audioBytes, -1)),
            new ByteArrayInputStream(tail)};
        Enumeration<InputStream> e = java.util.Collections.enumeration(Arrays.asList(parts));
        return new SequenceInputStream(e);
    }

    /** Encodes a stream in chunks of 48 KiB (a multiple of 3, so only the last chunk is padded). */
    private static final class Base64Encoding extends InputStream {
        private final InputStream source;
        private final byte[] raw = new byte[3 * 16384];
        private byte[] encoded = new byte[0];
        private int position;
        private boolean done;

        Base64Encoding(InputStream source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position == encoded.length) {
                if (done) {
                    return -1;
                }
                int filled = 0;
                int n;
                while (filled < raw.length && (n = source.read(raw, filled, raw.length - filled)) >= 0) {
                    filled += n;
                }
                done = filled < raw.length;
                encoded = Base64.getEncoder().encode(Arrays.copyOf(raw, filled));
                position = 0;
                if (encoded.length == 0) {
                    return -1;
                }
            }
            int n = Math.min(len, encoded.length - position);
            System.arraycopy(encoded, position, b, off, n);
            position += n;
            return n;
        }
    }
}
