package io.github.convai4j.conversation;

import io.github.convai4j.http.Redaction;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.util.Locale;

/**
 * Where a live conversation connects: the client's base URL turned into a WebSocket URL for a public agent,
 * or a signed URL as the API returned it; both with {@code source} and {@code version} added, as the
 * official SDKs do. Also masks credentials in such URLs for logs and messages.
 */
final class ConversationUrls {

    /** The channel's path, below the base URL's own path prefix. */
    static final String PATH = "/v1/convai/conversation";
    /** The {@code source} query parameter's value: the same as the initiation's default {@code source_info}. */
    static final String SOURCE = ConversationInitiation.DEFAULT_SOURCE;

    private ConversationUrls() {
    }

    /**
     * The URL of a public agent: {@code https} becomes {@code wss} and {@code http} (loopback, or allowed
     * explicitly by the client options) becomes {@code ws}; host, port and path prefix are kept.
     */
    static URI publicAgent(URI baseUrl, String agentId, String branchId, String environment, String version) {
        String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
        String wsScheme = scheme.equals("https") ? "wss" : scheme.equals("http") ? "ws" : null;
        if (wsScheme == null) {
            throw new IllegalArgumentException("The client's base URL must be http(s) to derive the conversation"
                    + " WebSocket URL, got scheme " + baseUrl.getScheme());
        }
        String prefix = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        StringBuilder url = new StringBuilder()
                .append(wsScheme).append("://").append(baseUrl.getRawAuthority()).append(prefix).append(PATH)
                .append("?agent_id=").append(encode(agentId));
        if (branchId != null) {
            url.append("&branch_id=").append(encode(branchId));
        }
        if (environment != null) {
            url.append("&environment=").append(encode(environment));
        }
        url.append("&source=").append(SOURCE).append("&version=").append(encode(version));
        return URI.create(url.toString());
    }

    /**
     * A signed URL as the API (or the caller's backend) gave it, with {@code source} and {@code version}
     * appended unless it already has them. Nothing else changes: the token stays exactly as it was.
     *
     * @throws IllegalArgumentException if it is not an absolute {@code ws://} or {@code wss://} URL
     */
    static URI signed(String signedUrl, String version) {
        if (signedUrl == null || signedUrl.trim().isEmpty()) {
            throw new IllegalArgumentException("The signed URL is empty");
        }
        URI uri;
        try {
            uri = new URI(signedUrl.trim());
        } catch (URISyntaxException e) {
            // The text is not repeated: it holds a token.
            throw new IllegalArgumentException("The signed URL is not a valid URL: " + e.getReason(), null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("wss") && !scheme.equals("ws") || uri.getHost() == null) {
            throw new IllegalArgumentException("A signed conversation URL must be an absolute wss:// (or ws://) URL"
                    + " with a host, like the one GET /v1/convai/conversation/get-signed-url returns; got "
                    + redact(uri));
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("A signed conversation URL must not have a fragment; got " + redact(uri));
        }
        String query = uri.getRawQuery();
        StringBuilder url = new StringBuilder(signedUrl.trim());
        char separator = query == null ? '?' : query.isEmpty() ? '\0' : '&';
        if (!hasParameter(query, "source")) {
            appendParameter(url, separator, "source", SOURCE);
            separator = '&';
        }
        if (!hasParameter(query, "version")) {
            appendParameter(url, separator, "version", encode(version));
        }
        return URI.create(url.toString());
    }

    /** The URL with the values of credential-like query parameters ({@code token}, {@code *signature*}, ...) masked. */
    static String redact(URI uri) {
        return Redaction.uri(uri);
    }

    private static boolean hasParameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if ((eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void appendParameter(StringBuilder url, char separator, String name, String value) {
        if (separator != '\0') {
            url.append(separator);
        }
        url.append(name).append('=').append(value);
    }

    private static String encode(String value) {
        try {
            return URLEncoder.encode(value, "UTF-8").replace("+", "%20");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e); // UTF-8 is always there
        }
    }
}
