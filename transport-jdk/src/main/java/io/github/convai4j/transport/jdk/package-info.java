/**
 * The transport of convai4j with no third-party HTTP stack: {@link io.github.convai4j.transport.jdk.JdkTransport}
 * builds it on {@code java.net.http} (Java 11 and later: HTTP and the WebSocket of live conversations) or on
 * {@link java.net.HttpURLConnection} where that is absent (Android, Java 8), and
 * {@link io.github.convai4j.transport.jdk.JdkTransportProvider} registers it for {@link java.util.ServiceLoader}
 * discovery (name {@code jdk}, priority 50: after HttpClient 5 and Netty).
 */
package io.github.convai4j.transport.jdk;
