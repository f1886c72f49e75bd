/**
 * The {@code java.net.http} stack of {@code convai4j-transport-jdk}. <b>Not an API</b>: no compatibility promise;
 * create it through {@link io.github.convai4j.transport.jdk.JdkTransport}.
 *
 * <p>Everything here needs Java 11 (it is compiled to Java 8 bytecode against Java 11's API) and is loaded only
 * after {@code JdkTransport} found {@code java.net.http.HttpClient}; the Android API check allows this package,
 * and only this package, to reference what Android lacks.
 */
package io.github.convai4j.transport.jdk.internal;
