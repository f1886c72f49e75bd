/**
 * The transport conformance kit: {@link io.github.convai4j.transport.tck.TransportConformanceTest}, the JUnit 5
 * suite that every {@link io.github.convai4j.http.Transport} passes. A transport module extends it in its
 * tests, supplies the transport and the type of its provider, and runs it in a JVM with a small heap:
 *
 * <pre>{@code
 * class MyTransportConformanceTest extends TransportConformanceTest {
 *     @Override
 *     protected Transport createTransport(TransportOptions options) {
 *         return MyTransport.builder().options(options).build();
 *     }
 *
 *     @Override
 *     protected Class<? extends TransportProvider> providerType() {
 *         return MyTransportProvider.class;
 *     }
 * }
 * }</pre>
 *
 * <p>Its loopback server, multipart parser and content generator live in
 * {@link io.github.convai4j.transport.tck.server}.
 */
package io.github.convai4j.transport.tck;
