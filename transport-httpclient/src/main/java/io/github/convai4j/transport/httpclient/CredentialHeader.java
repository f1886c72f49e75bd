package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.Headers;
import org.apache.hc.core5.http.Header;

/**
 * A request header field whose value is a credential: sent as it is, shown masked.
 *
 * <p>HttpClient writes a header to the wire through {@link #getName()} and {@link #getValue()}, but its
 * debug loggers (the async client's {@code org.apache.hc.client5.http.headers}, whose listener cannot be
 * replaced) print it with {@link #toString()}. So the key reaches the server and never that log. It also
 * tells HttpClient that the field is {@linkplain #isSensitive() sensitive}.
 */
final class CredentialHeader implements Header {
    private final String name;
    private final String value;

    CredentialHeader(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /** Whether a field of this name is sent as a {@code CredentialHeader}. */
    static boolean applies(String name) {
        return Headers.isSensitive(name);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public boolean isSensitive() {
        return true;
    }

    @Override
    public String toString() {
        return name + ": <redacted>";
    }
}
