package io.github.convai4j.benchmarks;

/**
 * The child JVM of benchmarks 4 and 5: makes one request, {@code GET /v1/convai/agents/{id}} of the fixture
 * agent, either through {@code ConvaiClient} (decoding the agent) or through the bare transport (body drained),
 * prints {@code DONE} and halts at once (with {@code jvm}, it does only that), so that neither the shutdown nor closing anything is measured or
 * loads classes. The client and transport are those of the version {@link ConvaiApi#current()} names (this tree's,
 * or the code before issue 14), with the same code around them.
 */
public final class ColdStartChild {

    private ColdStartChild() {
    }

    /**
     * Makes the request.
     *
     * @param args {@code client|bare|build <transport> <baseUrl>} ({@code build} builds the client and makes no
     *     request), or {@code jvm} to do nothing at all
     * @throws Exception if the request fails
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("jvm")) {
            done("nothing"); // the baseline of the baseline: a JVM that starts and prints
            return;
        }
        ConvaiApi api = ConvaiApi.current();
        String answer = switch (args[0]) {
            case "client" -> api.clientGet(args[1], args[2]);
            case "build" -> api.buildClient(args[1], args[2]);
            case "bare" -> Long.toString(api.bareGet(args[1], args[2]));
            default -> throw new IllegalArgumentException("The mode is jvm, client, build or bare, not " + args[0]);
        };
        done(answer);
    }

    private static void done(String answer) {
        System.out.println("DONE " + answer);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
