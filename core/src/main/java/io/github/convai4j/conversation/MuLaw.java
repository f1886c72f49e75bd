package io.github.convai4j.conversation;

/**
 * G.711 μ-law, as the ITU-T recommendation and its reference code (Sun's {@code g711.c}) define it: 14-bit
 * magnitudes with a bias of 33 (132 in 16-bit units), eight segments, the code word inverted on the wire.
 */
final class MuLaw {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] DECODED = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            int u = ~code & 0xFF;
            int exponent = (u >> 4) & 0x07;
            int mantissa = u & 0x0F;
            int magnitude = (((mantissa << 3) + BIAS) << exponent) - BIAS;
            DECODED[code] = (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
        }
    }

    private MuLaw() {
    }

    /** The 16-bit sample a μ-law byte stands for. */
    static short decode(byte code) {
        return DECODED[code & 0xFF];
    }

    /** The μ-law byte of a 16-bit sample (rounded down in magnitude, as G.711 does). */
    static byte encode(short pcm) {
        int sample = pcm;
        int sign = 0;
        if (sample < 0) {
            sign = 0x80;
            sample = -sample;
        }
        if (sample > CLIP) {
            sample = CLIP;
        }
        sample += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
