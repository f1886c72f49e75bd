package io.github.convai4j.internal;

import io.github.convai4j.core.AuthScheme;
import io.github.convai4j.core.CallListener;
import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.http.Headers;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

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

    /**
     * Tells whether the client asks for compressed responses ({@code Accept-Encoding: gzip, deflate}) and
     * inflates them as they are read.
     *
     * @return {@code true} by default
     */
    default boolean compression() {
        return true;
    }

    /**
     * Returns the most bytes a compressed response body may inflate to before the call fails with a
     * {@link io.github.convai4j.errors.DecodingException}.
     *
     * @return the limit in bytes; 256 MiB by default
     */
    default long maxInflatedSize() {
        return 256L * 1024 * 1024;
    }

    /**
     * Returns the listeners every call of the client notifies, in order.
     *
     * @return the listeners; none by default
     */
    default List<CallListener> listeners() {
        return Collections.emptyList();
    }
}
