package io.github.convai4j.core;

import io.github.convai4j.http.HttpMethod;

/**
 * A call, as {@link CallListener}s see it: which operation, with which method and path. The same instance
 * is passed to every event of one call, so it can serve as a key (identity, not equality). Implemented by
 * the client; immutable.
 */
public interface CallInfo {

    /**
     * Returns the operation, e.g. {@code "get_agent_route"}.
     *
     * @return the operation id, or method and path template for a request without one
     */
    String operation();

    /**
     * Returns the HTTP method.
     *
     * @return the method
     */
    HttpMethod method();

    /**
     * Returns the path and query sent, without scheme and host, credential query parameters masked.
     *
     * @return e.g. {@code "/v1/convai/agents/agent_1"}
     */
    String path();

    /**
     * Returns the most attempts the call may make: its retry policy's {@code maxRetries} + 1.
     *
     * @return 1 or more
     */
    int maxAttempts();

    /**
     * Returns when the call started, on the {@link System#nanoTime()} clock.
     *
     * @return the start
     */
    long startNanos();
}
