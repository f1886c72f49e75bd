/**
 * The convai4j {@link io.github.convai4j.http.Transport} on Apache HttpClient 5:
 * {@link io.github.convai4j.transport.httpclient.HttpClientTransport}, found by
 * {@link java.util.ServiceLoader} through
 * {@link io.github.convai4j.transport.httpclient.HttpClientTransportProvider}.
 */
package io.github.convai4j.transport.httpclient;
