package io.github.convai4j.conversation;

/**
 * Changes the sample rate of a stream of 16-bit mono samples by band-limited interpolation: each output sample is
 * a Hamming-windowed sinc of the input around its position, the sinc's cutoff at 90 % of the lower of the two
 * Nyquist frequencies, so that going down no tone above the new Nyquist folds back into the speech band. The
 * ratio is exact (44100 to 16000 is 441:160), so the weights are computed once per phase (at most 441 of them).
 * Streaming: a chunk may end anywhere; a few milliseconds of input are held back for the filter's look-ahead
 * until more arrives or {@link #finish()}.
 *
 * <p>Not thread-safe: one stream, one thread at a time.
 */
final class Resampler {

    /** Half the filter's length, in input samples, when going up (or down at most a little). */
    private static final int MIN_HALF = 16;
    private static final int MAX_HALF = 256;

    private final int p;
    private final int q;
    private final int half;
    private final float[][] weights;
    private short[] buffer = new short[1024];
    private int buffered;
    /** The stream index of {@code buffer[0]}. */
    private long bufferStart;
    /** How many input samples arrived so far. */
    private long received;
    /** The index of the next output sample. */
    private long next;

    Resampler(int fromRate, int toRate) {
        int gcd = gcd(fromRate, toRate);
        this.p = fromRate / gcd;
        this.q = toRate / gcd;
        double cutoff; // cycles per input sample
        if (p > q) {
            cutoff = 0.45 * q / p;
            this.half = Math.min(MAX_HALF, Math.max(MIN_HALF, (int) Math.ceil(16.5 * p / q)));
        } else {
            cutoff = 0.45;
            this.half = MIN_HALF;
        }
        this.weights = new float[q][2 * half];
        for (int phase = 0; phase < q; phase++) {
            double fraction = (double) phase / q;
            double sum = 0;
            for (int j = 0; j < 2 * half; j++) {
                double x = j - half + 1 - fraction; // from the output's position to input sample j
                double w = 2 * cutoff * sinc(2 * cutoff * x) * hamming(x / half);
                weights[phase][j] = (float) w;
                sum += w;
            }
            for (int j = 0; j < 2 * half; j++) {
                weights[phase][j] = (float) (weights[phase][j] / sum); // DC passes unchanged
            }
        }
    }

    /** Takes input samples; returns the output samples they complete. */
    short[] push(short[] samples, int count) {
        if (buffered + count > buffer.length) {
            short[] larger = new short[Math.max(buffer.length * 2, buffered + count)];
            System.arraycopy(buffer, 0, larger, 0, buffered);
            buffer = larger;
        }
        System.arraycopy(samples, 0, buffer, buffered, count);
        buffered += count;
        received += count;
        return emit(false);
    }

    /** The end of the stream: returns the output samples still held back (silence is assumed after the end). */
    short[] finish() {
        return emit(true);
    }

    private short[] emit(boolean end) {
        long firstOut = next;
        long stop = end ? ceilDiv(received * q, p) : outputsReady();
        int n = (int) Math.max(0, stop - firstOut);
        short[] out = new short[n];
        for (int o = 0; o < n; o++) {
            long position = next * p;
            long i = position / q;
            float[] w = weights[(int) (position % q)];
            double sum = 0;
            long k = i - half + 1;
            for (int j = 0; j < w.length; j++, k++) {
                if (k >= 0 && k < received) {
                    sum += w[j] * buffer[(int) (k - bufferStart)];
                }
            }
            long rounded = Math.round(sum);
            out[o] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
            next++;
        }
        discardUnneeded();
        return out;
    }

    /** Outputs whose every input sample has arrived: those with {@code i + half < received}. */
    private long outputsReady() {
        long lastUsable = received - half; // i may go up to this - 1
        if (lastUsable <= 0) {
            return next;
        }
        return Math.max(next, ceilDiv(lastUsable * q, p));
    }

    private void discardUnneeded() {
        long keepFrom = Math.max(0, next * p / q - half + 1);
        int drop = (int) Math.min(buffered, Math.max(0, keepFrom - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
            buffered -= drop;
            bufferStart += drop;
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    private static double hamming(double u) {
        return Math.abs(u) > 1 ? 0 : 0.54 + 0.46 * Math.cos(Math.PI * u);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
