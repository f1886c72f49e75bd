package io.github.convai4j.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of path segments and query components (RFC 3986). Only the unreserved characters
 * ({@code A-Z a-z 0-9 - . _ ~}) pass through; every other UTF-8 byte becomes {@code %XX}. So a value can
 * never add a path segment ({@code /}), start a query ({@code ?}) or smuggle an encoded sequence ({@code %}).
 * A string that is not valid UTF-16 (an unpaired surrogate) is refused: Java's encoder would send a
 * {@code ?} in its place, a different id.
 */
final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /**
     * Encodes a value as exactly one path segment. The segments {@code .} and {@code ..} are encoded too
     * ({@code %2E}), so that nothing on the way resolves them as "this" or "parent" directory.
     */
    static String pathSegment(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value.equals(".") ? "%2E" : "%2E%2E";
        }
        return encode(value);
    }

    /** Encodes a query parameter name or value. */
    static String queryComponent(String value) {
        return encode(value);
    }

    private static String encode(String value) {
        int bad = unpairedSurrogate(value);
        if (bad >= 0) {
            throw new IllegalArgumentException("holds an unpaired UTF-16 surrogate (U+"
                    + String.format("%04X", (int) value.charAt(bad)) + " at index " + bad + "), which has no UTF-8 form;"
                    + " pass the text as it was received, without cutting a character in half");
        }
        StringBuilder sb = null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (isUnreserved(b)) {
                if (sb != null) {
                    sb.append((char) b);
                }
            } else {
                if (sb == null) {
                    sb = new StringBuilder(bytes.length + 16);
                    for (int j = 0; j < i; j++) {
                        sb.append((char) bytes[j]);
                    }
                }
                sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return sb == null ? value : sb.toString();
    }

    /** The index of the first surrogate without its other half, or -1. */
    static int unpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUnreserved(int b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                || b == '-' || b == '.' || b == '_' || b == '~';
    }
}
