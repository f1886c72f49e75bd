package io.github.convai4j.transport.tck;

/**
 * Behaviours of the conformance kit that a transport may declare it cannot provide, through
 * {@link TransportConformanceTest#knownGaps()}.
 *
 * <p><b>These exist for the kit's own reference transport</b> (built on {@code java.net.HttpURLConnection}
 * in the kit's tests, to prove the kit works before a real transport exists), which cannot do everything.
 * A transport shipped with convai4j declares no gap and passes every test. A declared gap is not
 * conformance: the affected tests are reported as skipped (or, where noted, run with a relaxed bound),
 * so a skipped test in a transport's report means that transport lacks that behaviour.
 */
public enum KnownGap {

    /** The transport cannot send the {@code PATCH} method. Tests that send {@code PATCH} are skipped. */
    PATCH,

    /**
     * The transport cannot send a body with {@code GET} (or silently turns the request into a {@code POST}).
     * Tests that send a {@code GET} with a body are skipped.
     */
    GET_WITH_BODY,

    /**
     * The transport adds a {@code Content-Type} of its own to a body whose content type is {@code null}.
     * The test that checks no {@code Content-Type} is sent is skipped.
     */
    CONTENT_TYPE_ADDED_WHEN_ABSENT,

    /**
     * The transport's HTTP stack takes a response head cut off by the connection closing for a complete
     * one. The test of a connection closed inside the response head is skipped.
     */
    TRUNCATED_RESPONSE_HEAD_ACCEPTED,

    /**
     * Idle keep-alive connections (and the threads that watch them) are held by a cache the transport
     * cannot reach, so they outlive {@link io.github.convai4j.http.Transport#close()} by a few seconds.
     * The checks after {@code close()} then wait up to 15 seconds instead of 5.
     */
    IDLE_CONNECTIONS_OUTLIVE_CLOSE,

    /**
     * The transport's HTTP stack sends a request again, on a new connection, when the server closes the
     * connection without answering ({@code HttpURLConnection} does so once for a request without a streamed
     * body). The test that counts the requests of such an exchange is skipped for {@code GET}; it still
     * runs for a {@code POST} with a body.
     */
    RESENDS_AFTER_CONNECTION_DROP
}
