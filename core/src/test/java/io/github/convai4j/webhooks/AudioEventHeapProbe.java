package io.github.convai4j.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Run in a JVM of its own with a small heap by {@link PostCallAudioHeapTest}: verifies and reads a generated
 * {@code post_call_audio} event of the size given, hashing the audio the handler gets, and prints the peak
 * heap use. Exit 0: the audio arrived intact. With {@code --control}, reads the same body the way a
 * non-streaming reader would (the {@code full_audio} string whole), which must run out of memory: exit 3.
 */
public final class AudioEventHeapProbe {

    private AudioEventHeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        long audioBytes = Long.parseLong(args[0]);
        boolean control = args.length > 1 && args[1].equals("--control");
        long t = 1739537319L;
        String header = "t=" + t + ",v0=" + TestSignatures.v0(TestSignatures.SECRET, t, AudioEventSource.open(audioBytes, t));
        byte[] expected = sha256(new GeneratedBytes(audioBytes, -1));
        WebhookVerifier verifier = WebhookVerifier.builder().secret(TestSignatures.SECRET)
                .clock(Clock.fixed(Instant.ofEpochSecond(t), ZoneOffset.UTC)).build();
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try (InputStream body = verifier.verifyingStream(header, AudioEventSource.open(audioBytes, t))) {
            if (control) {
                holdWhole(body);
                System.out.println("the control read did not run out of memory");
                System.exit(4);
            }
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            final long[] received = {0};
            PostCallAudioEvent event = (PostCallAudioEvent) WebhookEvents.parse(body, audio -> {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = audio.read(buffer)) >= 0) {
                    digest.update(buffer, 0, n);
                    received[0] += n;
                }
            });
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("audio-bytes=" + received[0] + " audio-size=" + event.audioSize()
                    + " conversation=" + event.conversationId() + " peak-heap-bytes=" + peak
                    + " max-heap-bytes=" + Runtime.getRuntime().maxMemory());
            boolean ok = received[0] == audioBytes && event.audioSize() == audioBytes
                    && Arrays.equals(digest.digest(), expected) && event.conversationId().equals("conv_1");
            System.out.println(ok ? "OK" : "WRONG AUDIO");
            System.exit(ok ? 0 : 1);
        } catch (OutOfMemoryError e) {
            System.out.println("OutOfMemoryError");
            System.exit(3);
        }
    }

    /** What a reader that is not streaming does: take the audio as one String. */
    private static void holdWhole(InputStream body) throws IOException {
        // A reader without the library's limits: with them (Json.factory()) the string fails at 2 Mi characters.
        JsonFactory unbounded = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE).build()).build();
        try (JsonParser parser = unbounded.createParser(body)) {
            while (parser.nextToken() != null) {
                if ("full_audio".equals(parser.currentName()) && parser.currentToken().isScalarValue()) {
                    System.out.println("length " + parser.getText().length());
                }
            }
        }
    }

    private static byte[] sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[65536];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }
}
