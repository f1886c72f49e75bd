package io.github.convai4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fixture agent's bytes ({@code agent.json}), in a class that names no convai4j type, so that the harnesses
 * running on either version's jars ({@link ConvaiApi}) can read it.
 */
public final class AgentJson {

    private static final byte[] AGENT_JSON = load();

    private AgentJson() {
    }

    /**
     * Returns the response body of {@code GET /v1/convai/agents/{id}}, as the server sends it.
     *
     * @return a fresh copy of the bytes
     */
    public static byte[] bytes() {
        return AGENT_JSON.clone();
    }

    private static byte[] load() {
        try (InputStream in = AgentJson.class.getResourceAsStream("agent.json")) {
            if (in == null) {
                throw new IllegalStateException("agent.json is missing from the benchmarks' resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
