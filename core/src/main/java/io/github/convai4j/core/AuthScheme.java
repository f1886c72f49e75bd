package io.github.convai4j.core;

/**
 * How the API key is sent. ElevenLabs reads it from {@code xi-api-key}; compatible providers may want
 * another header (Threetone: {@code x-api-key}).
 *
 * <p>Whatever the scheme, the key is sent only to the configured base URL's host, and its header is
 * masked in logs and {@code toString()}.
 */
public enum AuthScheme {
    /** {@code xi-api-key: <key>}. The ElevenLabs default. */
    XI_API_KEY("xi-api-key", ""),
    /** {@code x-api-key: <key>}. Threetone's scheme. */
    X_API_KEY("x-api-key", ""),
    /** {@code Authorization: Bearer <key>}. */
    BEARER("Authorization", "Bearer ");

    private final String headerName;
    private final String valuePrefix;

    AuthScheme(String headerName, String valuePrefix) {
        this.headerName = headerName;
        this.valuePrefix = valuePrefix;
    }

    /**
     * Returns the header that carries the key.
     *
     * @return the header name
     */
    public String headerName() {
        return headerName;
    }

    /**
     * Returns the header value for a key.
     *
     * @param apiKey the key
     * @return the value, e.g. {@code "Bearer sk_..."}
     */
    public String headerValue(String apiKey) {
        return valuePrefix + apiKey;
    }
}
