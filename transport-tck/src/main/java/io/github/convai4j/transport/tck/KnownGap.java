package io.github.convai4j.transport.tck;

/**
 * Behaviours of the conformance kit that a transport may declare it cannot provide, through
 * {@link TransportConformanceTest#knownGaps()}.
 *
 * <p><b>These exist for HTTP stacks that cannot be told otherwise</b>: the JDK's own clients, which a transport
 * drives only through their public API. The kit's reference transport and {@code convai4j-transport-jdk}
 * declare them ({@code HttpURLConnection} and {@code java.net.http}); the transports on HttpClient 5 and Netty
 * declare none and pass every test. A gap is declared only for a behaviour of the underlying stack, never for
 * a shortcut of the transport, and the transport's documentation names each one. A declared gap is not
 * conformance: the affected tests are reported as skipped (or, where noted, run with a relaxed bound), so a
 * skipped test in a transport's report means that transport lacks that behaviour.
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
     * body, {@code java.net.http} once for a {@code GET} or {@code HEAD}). The test that counts the requests of such an
     * exchange is skipped for {@code GET}; it still runs for a {@code POST} with a body.
     */
    RESENDS_AFTER_CONNECTION_DROP,

    /**
     * The transport's HTTP stack refuses a response whose header values hold control characters
     * ({@code java.net.http} fails the exchange with a {@code ProtocolException}), which RFC 9110 lets a
     * recipient keep. The test that such values reach the caller as sent is skipped.
     */
    RESPONSE_HEADER_CONTROLS_REFUSED,

    /**
     * The transport's HTTP stack cannot send a request header character U+0080-U+00FF as its one
     * ISO-8859-1 byte (the JDK's {@code java.net.http} writes header values as US-ASCII, so each becomes
     * {@code '?'}; {@code HttpURLConnection} does not send them as given either), so the transport refuses such a
     * value before any I/O with an {@link IllegalArgumentException} naming the header. The test checks that
     * refusal, and that nothing reached the server, instead of the bytes.
     */
    REQUEST_HEADER_LATIN1_REFUSED,

    /**
     * The transport's HTTP client cannot be closed ({@code java.net.http} before Java 21): its selector thread
     * and idle connections end when the garbage collector collects the client, which the transport stops
     * referencing in {@link io.github.convai4j.http.Transport#close()}. The checks after {@code close()} then
     * run the garbage collector while they wait, up to 15 seconds; they still fail if anything keeps the
     * client reachable.
     */
    CLOSED_BY_GARBAGE_COLLECTION
}
