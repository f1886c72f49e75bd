package io.github.convai4j.internal;

import io.github.convai4j.core.AuthScheme;
import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.http.Headers;

import java.net.URI;
import java.time.Duration;

/**
 * What the runtime reads of a client's options: {@code ClientOptions} implements it. An interface here, so that
 * the runtime does not depend on the client's package (which depends on the runtime).
 */
public interface ClientSettings {

    /**
     * Returns the base URL every request goes to.
     *
     * @return the base URL
     */
    URI baseUrl();

    /**
     * Returns how the API key is sent.
     *
     * @return the scheme
     */
    AuthScheme authScheme();

    /**
     * Returns the API key.
     *
     * @return the key
     */
    String apiKey();

    /**
     * Returns the time to connect.
     *
     * @return the timeout
     */
    Duration connectTimeout();

    /**
     * Returns the longest wait for bytes of a response.
     *
     * @return the timeout
     */
    Duration readTimeout();

    /**
     * Returns the deadline of one attempt.
     *
     * @return the timeout
     */
    Duration attemptTimeout();

    /**
     * Returns the deadline of a call, across attempts.
     *
     * @return the timeout
     */
    Duration timeout();

    /**
     * Returns the retry policy.
     *
     * @return the policy
     */
    RetryPolicy retryPolicy();

    /**
     * Returns the headers sent with every request.
     *
     * @return the headers
     */
    Headers defaultHeaders();

    /**
     * Returns the headers sent with every live conversation's WebSocket handshake.
     *
     * @return the headers
     */
    Headers conversationHeaders();
}
