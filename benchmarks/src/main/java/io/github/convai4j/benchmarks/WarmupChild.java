package io.github.convai4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The child JVM of benchmark 6, warm-up: in a fresh JVM, decodes the 45 KB fixture agent {@link #DECODES} times
 * in a row with one library, timing each decode, and prints the mean of the first {@link #FIRST} decodes and of
 * the rest. The generated codec is that of the version {@link ConvaiApi#current()} names (this tree's, or the code
 * before issue 14). This is where a client that decodes a response now and then lives: mostly in the interpreter and the
 * first compilers, long before JMH's steady state.
 */
public final class WarmupChild {

    /** Decodes per JVM. */
    static final int DECODES = 5000;
    /** The first decodes, reported apart from the rest. */
    static final int FIRST = 1000;

    private WarmupChild() {
    }

    /**
     * Runs the decodes and prints {@code DONE <mean ns of the first> <mean ns of the rest> <check>}.
     *
     * @param args {@code convai4j} (the generated codec, as the client decodes, of the version that
     *     {@code -Dbenchmarks.api} names) or {@code databind} ({@code ObjectMapper.readTree})
     */
    public static void main(String[] args) {
        long[] nanos = new long[DECODES];
        long check = decode(args[0], nanos);
        System.out.println("DONE " + mean(nanos, 0, FIRST) + " " + mean(nanos, FIRST, DECODES) + " " + check);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Decodes the fixture {@code nanos.length} times with {@code library}, each decode's time in {@code nanos}.
     *
     * @return a value computed from every decoded result, so that no decode can be skipped
     */
    static long decode(String library, long[] nanos) {
        byte[] json = AgentJson.bytes();
        long check = 0;
        try {
            if (library.equals("convai4j")) {
                ConvaiApi api = ConvaiApi.current();
                for (int i = 0; i < nanos.length; i++) {
                    long start = System.nanoTime();
                    // As CodecBenchmark.decodeGenerated: what the client does with a response body.
                    Object agent = api.decodeAgent(json);
                    nanos[i] = System.nanoTime() - start;
                    check += api.agentId(agent).length();
                }
            } else if (library.equals("databind")) {
                ObjectMapper mapper = new ObjectMapper();
                for (int i = 0; i < nanos.length; i++) {
                    long start = System.nanoTime();
                    JsonNode tree = mapper.readTree(json);
                    nanos[i] = System.nanoTime() - start;
                    check += tree.get("agent_id").asText().length();
                }
            } else {
                throw new IllegalArgumentException("The library is convai4j or databind, not " + library);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return check;
    }

    static long mean(long[] nanos, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += nanos[i];
        }
        return sum / (to - from);
    }
}
