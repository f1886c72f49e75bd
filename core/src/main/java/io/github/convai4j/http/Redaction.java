package io.github.convai4j.http;

import java.net.URI;
import java.util.Locale;

/**
 * Masks credentials in URLs before they reach a log, a {@code toString()} or an exception message: the user
 * info, and the values of query parameters whose name looks like a credential ({@code token},
 * {@code conversation_signature}, {@code api_key}, {@code auth}, ...), as in the conversation API's signed
 * URLs. For transports and the client runtime, so that every component masks URLs the same way.
 *
 * <p>Stateless and thread-safe.
 */
public final class Redaction {
    private static final String MASK = "<redacted>";

    private Redaction() {
    }

    /**
     * Returns the URL with its user info and the values of credential query parameters replaced by
     * {@code <redacted>}, and without its fragment (never sent, and it may hold a token).
     *
     * @param uri the URL
     * @return the masked URL, safe to log
     */
    public static String uri(URI uri) {
        String raw = uri.toString();
        String user = uri.getRawUserInfo();
        if (user != null) {
            raw = raw.replace(user + "@", MASK + "@");
        }
        int q = raw.indexOf('?');
        if (q < 0) {
            return raw;
        }
        int hash = raw.indexOf('#', q);
        String query = hash < 0 ? raw.substring(q + 1) : raw.substring(q + 1, hash);
        StringBuilder sb = new StringBuilder(raw.length()).append(raw, 0, q + 1);
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                sb.append('&');
            }
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && isSensitiveParameter(name)) {
                sb.append(name).append('=').append(MASK);
            } else {
                sb.append(pair);
            }
        }
        return sb.toString(); // the fragment is dropped: it is never sent and may hold a token
    }

    /**
     * Tells whether a query parameter of this name holds a credential.
     *
     * @param name the parameter's name
     * @return {@code true} if its value must not be shown
     */
    public static boolean isSensitiveParameter(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("token") || lower.contains("signature") || lower.equals("sig")
                || lower.contains("key") || lower.contains("secret") || lower.contains("password")
                || lower.contains("auth") || lower.contains("credential");
    }
}
