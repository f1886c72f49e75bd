package io.github.convai4j.testkit;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.github.convai4j.testkit.JsonTree.array;
import static io.github.convai4j.testkit.JsonTree.object;

/**
 * The fake agent's voice: a deterministic 440 Hz tone in the conversation's output format, raw PCM s16le mono
 * at the format's rate ({@code pcm_16000} and the other {@code pcm_*}), or G.711 u-law at 8 kHz
 * ({@code ulaw_8000}). No header, as on the real WebSocket.
 */
final class LiveAudio {

    /** How many {@code audio} events an agent response has at most. */
    static final int EVENTS_PER_RESPONSE = 3;
    /** How long the fake "speaks" each character of a response. */
    static final int MILLIS_PER_CHAR = 20;
    /** The length of the audio of an empty response. */
    static final int MILLIS_OF_EMPTY_RESPONSE = 100;

    private static final double FREQUENCY = 440.0;
    private static final double AMPLITUDE = 0.2 * Short.MAX_VALUE;

    private LiveAudio() {
    }

    /**
     * The {@code audio_event}s (without {@code event_id}) that speak a response: its text cut into up to
     * {@value #EVENTS_PER_RESPONSE} parts, each with its tone and character alignment.
     */
    static List<Map<String, Object>> responseEvents(String text, String format) {
        int[] codePoints = text.codePoints().toArray();
        int parts = Math.max(1, Math.min(EVENTS_PER_RESPONSE, codePoints.length));
        List<Map<String, Object>> events = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            int from = codePoints.length * part / parts;
            int to = codePoints.length * (part + 1) / parts;
            List<Object> chars = array();
            List<Object> starts = array();
            List<Object> durations = array();
            for (int i = from; i < to; i++) {
                chars.add(new String(codePoints, i, 1));
                starts.add((i - from) * MILLIS_PER_CHAR);
                durations.add(MILLIS_PER_CHAR);
            }
            int millis = to > from ? (to - from) * MILLIS_PER_CHAR : MILLIS_OF_EMPTY_RESPONSE;
            events.add(object("audio_base_64", Base64.getEncoder().encodeToString(tone(format, millis)),
                    "alignment", object("chars", chars, "char_start_times_ms", starts, "char_durations_ms", durations)));
        }
        return events;
    }

    /** Samples per second of a format name; 16000 for a name the fake does not know. */
    static int sampleRate(String format) {
        if (format != null) {
            int underscore = format.lastIndexOf('_');
            if (underscore > 0) {
                try {
                    return Integer.parseInt(format.substring(underscore + 1));
                } catch (NumberFormatException ignored) {
                    // fall through to the default
                }
            }
        }
        return 16000;
    }

    static boolean isUlaw(String format) {
        return format != null && format.startsWith("ulaw_");
    }

    /** {@code millis} of tone in {@code format}. */
    static byte[] tone(String format, int millis) {
        int rate = sampleRate(format);
        int samples = (int) ((long) rate * millis / 1000);
        boolean ulaw = isUlaw(format);
        byte[] out = new byte[ulaw ? samples : samples * 2];
        for (int i = 0; i < samples; i++) {
            short sample = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * FREQUENCY * i / rate));
            if (ulaw) {
                out[i] = ulaw(sample);
            } else {
                out[2 * i] = (byte) sample;
                out[2 * i + 1] = (byte) (sample >> 8);
            }
        }
        return out;
    }

    /** G.711 u-law encoding of one 16-bit sample. */
    static byte ulaw(short pcm) {
        final int bias = 0x84;
        final int clip = 32635;
        int sign = (pcm >> 8) & 0x80;
        int sample = sign != 0 ? -pcm : pcm;
        if (sample > clip) {
            sample = clip;
        }
        sample += bias;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
