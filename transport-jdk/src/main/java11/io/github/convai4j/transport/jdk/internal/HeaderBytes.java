package io.github.convai4j.transport.jdk.internal;

import io.github.convai4j.http.Headers;

/**
 * Refuses, before any I/O, a header value the JDK's HTTP clients would not send as given. <b>Not an API.</b>
 *
 * <p>{@link Headers} lets a value hold U+0080 to U+00FF (RFC 9110's obsolete text), which the other transports
 * send as one ISO-8859-1 byte each. {@code java.net.http} writes request headers as US-ASCII, so each such
 * character goes out as {@code '?'}, and {@code HttpURLConnection} does no better; the server would receive a
 * value the caller never sent. Failing the call says so instead.
 *
 * <p>It uses nothing Java 8 or Android lacks: the {@code HttpURLConnection} stack calls it too.
 */
public final class HeaderBytes {

    private HeaderBytes() {
    }

    /**
     * Checks every header value.
     *
     * @param headers the request's or handshake's headers
     * @throws IllegalArgumentException if a value holds a character above U+007F, naming the header (and the
     *     character, unless the header may carry a credential)
     */
    public static void checkSendable(Headers headers) {
        headers.forEach(HeaderBytes::checkValue);
    }

    private static void checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7f) {
                throw new IllegalArgumentException("The value of header '" + name + "' contains "
                        + (Headers.isSensitive(name) ? "a character" : String.format("the character U+%04X", (int) c))
                        + " at index " + i + ", which the jdk transport cannot send as it is: the JDK's HTTP clients"
                        + " write header values as ASCII and would send '?'. Encode the value first (e.g."
                        + " percent-encode its UTF-8 bytes), or use convai4j-transport-httpclient or"
                        + " convai4j-transport-netty, which send U+0080-U+00FF as single ISO-8859-1 bytes.");
            }
        }
    }
}
