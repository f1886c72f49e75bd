/**
 * The loopback HTTP/1.1 server of the transport conformance kit, and what it records: requests exactly as
 * received ({@link io.github.convai4j.transport.tck.server.RecordedRequest}), parsed multipart bodies
 * ({@link io.github.convai4j.transport.tck.server.MultipartParser}) and generated content of any size
 * ({@link io.github.convai4j.transport.tck.server.GeneratedContent}).
 *
 * <p>It is public so that a transport's own tests can use it too, but it is test infrastructure: it binds
 * to {@code 127.0.0.1} only and trusts its clients.
 */
package io.github.convai4j.transport.tck.server;
