/**
 * The Transport SPI: the only place where convai4j meets an HTTP stack.
 *
 * <p>The SPI carries bytes only. Core builds an immutable {@link io.github.convai4j.http.HttpRequest}
 * (method, absolute URL, headers, an optional {@link io.github.convai4j.http.RequestBody} that writes
 * itself to an {@code OutputStream}, per-request timeouts) and hands it to a
 * {@link io.github.convai4j.http.Transport}, which returns an {@link io.github.convai4j.http.HttpResponse}
 * whose body streams. Retries, authentication, JSON, paging, error mapping and logging all live in core,
 * once; a transport does none of them.
 *
 * <p>Implementations shipped with convai4j:
 * <ul>
 *   <li>{@code convai4j-transport-httpclient}: Apache HttpClient 5. A good default for server-side and
 *       blocking code; on Android it runs every call on the classic client, and what it runs there passes the
 *       build's Android API 26 check. No WebSocket.</li>
 *   <li>{@code convai4j-transport-netty}: Netty 4. Non-blocking end to end, with the live-conversation
 *       WebSocket. JVM only: Netty's jars do not pass the Android API 26 check.</li>
 *   <li>{@code convai4j-transport-jdk}: no third-party HTTP stack. {@code java.net.http} on Java 11 and later,
 *       with the live-conversation WebSocket; {@code HttpURLConnection} on Android and Java 8, which passes the
 *       Android API 26 check (no WebSocket there).</li>
 * </ul>
 * A third-party transport proves itself against {@code convai4j-transport-tck}.
 *
 * <p>Exceptions: transports report failures as {@link java.io.IOException}s, with the documented
 * subtypes {@link io.github.convai4j.http.TimeoutIOException} ({@link io.github.convai4j.http.ConnectTimeoutException},
 * {@link io.github.convai4j.http.ReadTimeoutException} and
 * {@link io.github.convai4j.http.TotalTimeoutException}) for timeouts and {@link java.net.ConnectException}
 * for a refused connection. Core maps them onto its unchecked exceptions
 * ({@code io.github.convai4j.errors}).
 */
package io.github.convai4j.http;
