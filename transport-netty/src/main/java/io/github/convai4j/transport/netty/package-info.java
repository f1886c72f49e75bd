/**
 * The Netty 4.2 transport of convai4j: {@link io.github.convai4j.transport.netty.NettyTransport}, a
 * non-blocking HTTP/1.1 {@link io.github.convai4j.http.Transport} with pooled keep-alive connections, TLS
 * through the JDK and streaming bodies with backpressure, plus the RFC 6455 WebSocket client that live agent
 * conversations need ({@link io.github.convai4j.transport.netty.NettyTransport#webSocket()}, on the same
 * event loops and TLS setup), and its {@link io.github.convai4j.transport.netty.NettyTransportProvider} for
 * {@link java.util.ServiceLoader} discovery (name {@code netty}, priority 100).
 */
package io.github.convai4j.transport.netty;
