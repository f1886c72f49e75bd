package io.github.convai4j.benchmarks;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/**
 * The baseline of the client: the very requests {@code agents().get(id)} and {@code agents().update(...)}
 * send (same URL, same headers with the API key, same body bytes, same timeouts), built once, for
 * {@link io.github.convai4j.http.Transport#execute} directly; and a reader that drains a body.
 */
public final class BareRequests {

    /** The key both paths send; the loopback server does not check it. */
    public static final String API_KEY = "sk_bench_0123456789abcdef0123456789abcdef";

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[8192]);

    private BareRequests() {
    }

    /**
     * The request of {@code agents().get(AGENT_ID)}.
     *
     * @param baseUrl the server
     * @param transportName the transport's name, part of the {@code User-Agent} as the client sends it
     * @return the request
     */
    public static HttpRequest get(String baseUrl, String transportName) {
        return common(HttpMethod.GET, baseUrl, transportName).build();
    }

    /**
     * The request of {@code agents().update(AGENT_ID, AgentFixture.update())}, body pre-serialized.
     *
     * @param baseUrl the server
     * @param transportName the transport's name
     * @param body the serialized {@link AgentFixture#update()}
     * @return the request
     */
    public static HttpRequest update(String baseUrl, String transportName, byte[] body) {
        return common(HttpMethod.PATCH, baseUrl, transportName)
                .body(RequestBody.ofBytes(body, "application/json"))
                .build();
    }

    private static HttpRequest.Builder common(HttpMethod method, String baseUrl, String transportName) {
        // The client's defaults: connect 10 s, read 60 s, the attempt bounded by the 5 minute deadline.
        return HttpRequest.builder(method, URI.create(baseUrl + "/v1/convai/agents/" + AgentFixture.AGENT_ID))
                .setHeader("User-Agent", "convai4j/0.1.0-SNAPSHOT (" + transportName + "; Java "
                        + System.getProperty("java.version") + ")")
                .setHeader("Accept", "application/json")
                .setHeader("xi-api-key", API_KEY)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .totalTimeout(Duration.ofMinutes(5));
    }

    /**
     * Reads a response's body to its end and closes it: what the bare path does with a response.
     *
     * @param response the response
     * @return the number of body bytes
     * @throws IOException if reading fails or the status is not 200
     */
    public static long drain(HttpResponse response) throws IOException {
        try (response) {
            if (response.statusCode() != 200) {
                throw new IOException("Unexpected status " + response.statusCode());
            }
            byte[] scratch = SCRATCH.get();
            InputStream body = response.body();
            long total = 0;
            for (int n; (n = body.read(scratch)) >= 0; ) {
                total += n;
            }
            return total;
        }
    }
}
