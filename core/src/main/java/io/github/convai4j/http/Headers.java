package io.github.convai4j.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered list of HTTP header fields. Names compare case-insensitively; a name may occur
 * more than once, and its values keep the order in which they were added.
 *
 * <p>Names and values are validated when added: a name must be an RFC 9110 token, and a value must not
 * contain CR, LF, NUL or any other control character but tab, nor any character above U+00FF (HTTP carries
 * a field value as bytes: visible ASCII, spaces, tabs and obsolete ISO-8859-1 text; anything else must be
 * encoded, e.g. percent-encoded, by the caller). So header injection and silently mangled values are rejected
 * with an {@link IllegalArgumentException} before any I/O happens. Headers a transport received use
 * {@link #receivedBuilder()}, which tolerates the other control characters in values.
 *
 * <p>{@link #toString()} masks the values of credential headers ({@code xi-api-key}, {@code x-api-key},
 * {@code authorization}, {@code cookie}, ...), so a {@code Headers} may be logged safely.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(Collections.<String>emptyList());

    /** Alternating name, value. */
    private final List<String> namesAndValues;

    Headers(List<String> namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    /**
     * Returns the empty header list.
     *
     * @return headers with no fields
     */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Returns a new builder.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder(true);
    }

    /**
     * Returns a new builder for the headers of a received response, for transports. Names must be tokens
     * and values must not contain CR, LF, NUL or characters above U+00FF, as with {@link #builder()}; other
     * control characters in values are kept as received (RFC 9110 section 5.5 lets a recipient keep them,
     * and refusing them would fail an exchange the server has already carried out).
     *
     * @return an empty builder
     */
    public static Builder receivedBuilder() {
        return new Builder(false);
    }

    /**
     * Returns headers from alternating names and values, e.g. {@code of("Accept", "application/json")}.
     *
     * @param namesAndValues name, value, name, value, ...
     * @return the headers
     * @throws IllegalArgumentException if the count is odd or a name or value is invalid
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of takes name, value pairs; got an odd number of arguments");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /**
     * Returns the first value of a header.
     *
     * @param name header name, any case
     * @return the first value, or {@code null} if the header is absent
     */
    public String first(String name) {
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (namesAndValues.get(i).equalsIgnoreCase(name)) {
                return namesAndValues.get(i + 1);
            }
        }
        return null;
    }

    /**
     * Returns every value of a header, in order.
     *
     * @param name header name, any case
     * @return the values; empty if the header is absent
     */
    public List<String> values(String name) {
        List<String> values = null;
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (namesAndValues.get(i).equalsIgnoreCase(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(namesAndValues.get(i + 1));
            }
        }
        return values == null ? Collections.<String>emptyList() : Collections.unmodifiableList(values);
    }

    /**
     * Tells whether a header is present.
     *
     * @param name header name, any case
     * @return {@code true} if at least one field has this name
     */
    public boolean contains(String name) {
        return first(name) != null;
    }

    /**
     * Returns the distinct header names, in the spelling and order of their first occurrence.
     *
     * @return the names
     */
    public Set<String> names() {
        Set<String> lower = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            String name = namesAndValues.get(i);
            if (lower.add(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * Returns the number of header fields (a name with two values counts twice).
     *
     * @return the field count
     */
    public int size() {
        return namesAndValues.size() / 2;
    }

    /**
     * Tells whether there are no fields.
     *
     * @return {@code true} if empty
     */
    public boolean isEmpty() {
        return namesAndValues.isEmpty();
    }

    /**
     * Calls {@code action} with each field's name and value, in order; repeated names once per value.
     *
     * @param action receives name and value
     */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            action.accept(namesAndValues.get(i), namesAndValues.get(i + 1));
        }
    }

    /**
     * Returns a builder that starts with these fields; values added to it are checked as by {@link #builder()}.
     *
     * @return a builder holding a copy of these headers
     */
    public Builder toBuilder() {
        Builder builder = new Builder(true);
        builder.namesAndValues.addAll(namesAndValues);
        return builder;
    }

    /**
     * Tells whether a header carries a credential, so that its value must never be logged.
     *
     * @param name header name, any case
     * @return {@code true} for {@code authorization}, {@code proxy-authorization}, {@code cookie},
     *     {@code set-cookie} and any name containing {@code api-key}, {@code token} or {@code secret}
     */
    public static boolean isSensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("authorization")
                || lower.equals("proxy-authorization")
                || lower.equals("cookie")
                || lower.equals("set-cookie")
                || lower.contains("api-key")
                || lower.contains("apikey")
                || lower.contains("token")
                || lower.contains("secret");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Headers)) {
            return false;
        }
        Headers other = (Headers) o;
        if (other.namesAndValues.size() != namesAndValues.size()) {
            return false;
        }
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (!namesAndValues.get(i).equalsIgnoreCase(other.namesAndValues.get(i))
                    || !namesAndValues.get(i + 1).equals(other.namesAndValues.get(i + 1))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            hash = 31 * hash + namesAndValues.get(i).toLowerCase(Locale.ROOT).hashCode();
            hash = 31 * hash + namesAndValues.get(i + 1).hashCode();
        }
        return hash;
    }

    /**
     * Tells whether a header's value is shown by {@link #toString()} (and so in logs): only for names known to
     * carry nothing secret, such as {@code Content-Type}, {@code User-Agent}, {@code Accept},
     * {@code request-id}, {@code Retry-After} and {@code Date}. Any other value, under a name that looks
     * harmless or not ({@code X-Auth}, {@code X-Partner-Pass}, a custom key header), is masked.
     *
     * @param name header name, any case
     * @return {@code true} if the value may be shown
     */
    public static boolean isShown(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SHOWN.contains(lower) || lower.startsWith("x-ratelimit-") || lower.startsWith("ratelimit-")
                || lower.startsWith("access-control-");
    }

    private static final java.util.Set<String> SHOWN = new java.util.HashSet<>(java.util.Arrays.asList(
            "accept", "accept-encoding", "accept-language", "accept-ranges", "age", "cache-control", "connection",
            "content-disposition", "content-encoding", "content-language", "content-length", "content-type", "date",
            "etag", "expect", "expires", "host", "keep-alive", "last-modified", "origin", "pragma", "request-id",
            "retry-after", "retry-after-ms", "server", "strict-transport-security", "te", "traceparent",
            "transfer-encoding", "upgrade", "user-agent", "vary", "via", "x-content-type-options",
            "x-request-id", "x-trace-id", "sec-websocket-version", "sec-websocket-extensions",
            "sec-websocket-protocol"));

    /**
     * Returns the fields as {@code {name: value, ...}}; only the values of the headers {@link #isShown} lists
     * are shown, every other value is masked.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            String name = namesAndValues.get(i);
            sb.append(name).append(": ").append(shownValue(name, namesAndValues.get(i + 1)));
        }
        return sb.append('}').toString();
    }

    private static String shownValue(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("location") || lower.equals("content-location")) {
            // A redirect's URL is worth seeing; a signed URL's token in it is not.
            try {
                return Redaction.uri(java.net.URI.create(value));
            } catch (IllegalArgumentException notAUri) {
                return "<redacted>";
            }
        }
        return isShown(name) && !isSensitive(name) ? value : "<redacted>";
    }

    static void checkName(String name) {
        Objects.requireNonNull(name, "header name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isTokenChar(c)) {
                throw new IllegalArgumentException("Invalid character 0x" + Integer.toHexString(c)
                        + " at index " + i + " of header name '" + printable(name)
                        + "': a header name must be an RFC 9110 token (letters, digits and !#$%&'*+-.^_`|~)");
            }
        }
    }

    static void checkValue(String name, String value) {
        checkValue(name, value, true);
    }

    private static void checkValue(String name, String value, boolean refuseControls) {
        Objects.requireNonNull(value, "value of header " + name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                // The value itself is not echoed: it may be a credential.
                throw new IllegalArgumentException("The value of header '" + name + "' contains "
                        + (c == 0 ? "NUL" : c == '\r' ? "CR" : "LF") + " at index " + i
                        + "; header values must be a single line. Remove line breaks from the value.");
            }
            if (refuseControls && (c < 0x20 && c != '\t' || c == 0x7f)) {
                // RFC 9110 section 5.5: a field value is VCHAR, obs-text, SP and HTAB; other controls are refused
                // by servers or proxies (or silently mangled), so they fail here. The value is not echoed.
                throw new IllegalArgumentException("The value of header '" + name + "' contains the control"
                        + String.format(" character 0x%02X", (int) c) + " at index " + i
                        + "; a header value may hold visible characters, spaces and tabs only."
                        + " Remove the control character (or encode the value first, e.g. percent-encode it).");
            }
            if (c > 0xff) {
                // Transports write header values one byte per character (ISO-8859-1) and would send '?'.
                throw new IllegalArgumentException("The value of header '" + name + "' contains "
                        + (isSensitive(name) ? "a character" : String.format("the character U+%04X", (int) c))
                        + " at index " + i + ", which a header cannot carry: a field value is visible ASCII, spaces"
                        + " and tabs (RFC 9110 section 5.5; bytes 0x80-0xFF only as obsolete ISO-8859-1 text)."
                        + " Encode the value first, e.g. percent-encode its UTF-8 bytes.");
            }
        }
    }

    private static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Builds {@link Headers}. Not thread-safe.
     */
    public static final class Builder {
        final List<String> namesAndValues = new ArrayList<>();
        final boolean refuseControls;

        Builder(boolean refuseControls) {
            this.refuseControls = refuseControls;
        }

        /**
         * Adds a field, keeping any existing fields of the same name.
         *
         * @param name header name (an RFC 9110 token)
         * @param value header value (no CR, LF, NUL or other control character but tab, no character above
         *     U+00FF; a {@link #receivedBuilder()} allows the other control characters)
         * @return this builder
         * @throws IllegalArgumentException if the name or value is invalid
         */
        public Builder add(String name, String value) {
            checkName(name);
            checkValue(name, value, refuseControls);
            namesAndValues.add(name);
            namesAndValues.add(value);
            return this;
        }

        /**
         * Replaces every field of this name with one field.
         *
         * @param name header name (an RFC 9110 token)
         * @param value header value (no CR, LF, NUL or other control character but tab, no character above
         *     U+00FF; a {@link #receivedBuilder()} allows the other control characters)
         * @return this builder
         * @throws IllegalArgumentException if the name or value is invalid
         */
        public Builder set(String name, String value) {
            checkName(name);
            checkValue(name, value, refuseControls);
            remove(name);
            namesAndValues.add(name);
            namesAndValues.add(value);
            return this;
        }

        /**
         * Adds every field of {@code headers}.
         *
         * @param headers fields to add
         * @return this builder
         */
        public Builder addAll(Headers headers) {
            namesAndValues.addAll(headers.namesAndValues);
            return this;
        }

        /**
         * Removes every field of this name.
         *
         * @param name header name, any case
         * @return this builder
         */
        public Builder remove(String name) {
            for (int i = namesAndValues.size() - 2; i >= 0; i -= 2) {
                if (namesAndValues.get(i).equalsIgnoreCase(name)) {
                    namesAndValues.remove(i + 1);
                    namesAndValues.remove(i);
                }
            }
            return this;
        }

        /**
         * Builds the immutable headers.
         *
         * @return the headers
         */
        public Headers build() {
            return namesAndValues.isEmpty()
                    ? EMPTY
                    : new Headers(Collections.unmodifiableList(new ArrayList<>(namesAndValues)));
        }
    }
}
