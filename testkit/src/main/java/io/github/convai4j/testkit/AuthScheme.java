package io.github.convai4j.testkit;

/**
 * Where the fake server expects the API key, as the providers the client supports send it. The fake reads
 * only the chosen header: a key sent elsewhere counts as missing (401 {@code needs_authorization}).
 */
public enum AuthScheme {
    /** {@code xi-api-key: <key>}: ElevenLabs, the default. */
    XI_API_KEY,
    /** {@code x-api-key: <key>}: e.g. Threetone. */
    X_API_KEY,
    /** {@code Authorization: Bearer <key>}: e.g. Threetone. */
    BEARER;

    String headerName() {
        switch (this) {
            case X_API_KEY:
                return "x-api-key";
            case BEARER:
                return "authorization";
            default:
                return "xi-api-key";
        }
    }

    /** The key the request carries in this scheme's header, or {@code null} if the header is absent. */
    String keyIn(RecordedRequest request) {
        String value = request.header(headerName());
        if (value == null || this != BEARER) {
            return value;
        }
        String trimmed = value.trim();
        if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return trimmed.substring(7).trim();
    }

    String describeHeader() {
        return this == BEARER ? "Authorization: Bearer" : headerName();
    }
}
