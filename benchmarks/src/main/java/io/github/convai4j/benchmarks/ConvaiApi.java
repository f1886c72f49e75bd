package io.github.convai4j.benchmarks;

import java.io.IOException;

/**
 * What the harnesses ask of convai4j, through one adapter per version of its API, so that the same harness code
 * measures the code before issue 14 (commit {@value Baseline#DEFAULT_COMMIT}, whose generated API lives in other
 * packages) and the code of this tree side by side. Nothing here names a convai4j type: a harness class that did
 * would not link against the other version's jars.
 *
 * <p>{@link CurrentApi} (this tree) is compiled with the module; {@code BaselineApi}
 * ({@code benchmarks/src/baseline/java}) is compiled by the suite against the baseline's jars ({@link Baseline}).
 * A child JVM picks one with {@code -D}{@value #PROPERTY}{@code =before|after} (default {@code after}); both are
 * created the same way, by reflection once, so that neither side pays for it alone.
 */
public interface ConvaiApi {

    /** The system property that picks the version in a child JVM. */
    String PROPERTY = "benchmarks.api";
    /** The code before issue 14, built from git by the suite. */
    String BEFORE = "before";
    /** This tree's code. */
    String AFTER = "after";

    /**
     * Decodes a {@code GetAgentResponse} from its JSON as the client does with a response body.
     *
     * @param json the fixture's bytes
     * @return the decoded agent
     * @throws IOException if the bytes are not JSON
     */
    Object decodeAgent(byte[] json) throws IOException;

    /**
     * Encodes an agent that {@link #decodeAgent} returned as the client encodes a JSON request body.
     *
     * @param agent a decoded agent
     * @return its JSON
     */
    byte[] encodeAgent(Object agent);

    /**
     * Returns the id of a decoded agent (what a caller reads, and a check that the decode happened).
     *
     * @param agent a decoded agent
     * @return its {@code agent_id}
     */
    String agentId(Object agent);

    /**
     * Builds a client on a new transport and makes {@code agents().get} of the fixture agent.
     *
     * @param transport a transport name of {@link Transports#NAMES}
     * @param baseUrl the loopback server
     * @return the agent's id
     * @throws Exception if the request fails
     */
    String clientGet(String transport, String baseUrl) throws Exception;

    /**
     * Builds a client on a new transport and makes no request.
     *
     * @param transport a transport name
     * @param baseUrl the loopback server
     * @return the client's {@code toString()}, so that nothing is left unused
     * @throws Exception if building fails
     */
    String buildClient(String transport, String baseUrl) throws Exception;

    /**
     * Makes the client's {@code GET} of the fixture agent on the bare transport ({@link BareRequests}).
     *
     * @param transport a transport name
     * @param baseUrl the loopback server
     * @return the bytes of the body, drained
     * @throws Exception if the request fails
     */
    long bareGet(String transport, String baseUrl) throws Exception;

    /**
     * The adapter of the version named by {@value #PROPERTY} (default {@value #AFTER}).
     *
     * @return a new adapter
     */
    static ConvaiApi current() {
        return forVersion(System.getProperty(PROPERTY, AFTER));
    }

    /**
     * The adapter of a version.
     *
     * @param version {@value #BEFORE} or {@value #AFTER}
     * @return a new adapter
     */
    static ConvaiApi forVersion(String version) {
        String className = switch (version) {
            case AFTER -> "io.github.convai4j.benchmarks.CurrentApi";
            case BEFORE -> "io.github.convai4j.benchmarks.baseline.BaselineApi";
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " is before or after, not " + version);
        };
        try {
            return (ConvaiApi) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the class path: the " + version + " side's"
                    + " class path lacks its adapter (the suite compiles the baseline's into benchmarks/target)", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + className, e);
        }
    }
}
