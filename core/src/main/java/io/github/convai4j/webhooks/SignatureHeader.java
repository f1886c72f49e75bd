package io.github.convai4j.webhooks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parts of an {@code ElevenLabs-Signature} header: {@code t=<unix seconds>,v0=<hex HMAC-SHA256>}, with
 * any number of {@code v0} entries. Immutable.
 *
 * <p>What is accepted, and why:
 * <ul>
 *   <li>Entries are separated by commas; spaces and tabs around an entry are ignored (an HTTP header may be
 *       folded or padded by proxies), and so are empty entries. Inside an entry nothing is trimmed: the
 *       timestamp's text is signed as it stands.</li>
 *   <li>Exactly one {@code t}, of 1 to 18 ASCII digits (no sign): more than one would leave open which one was
 *       signed.</li>
 *   <li>At least one {@code v0}, each of exactly 64 hexadecimal digits (either case). Several are allowed: a
 *       sender may sign with more than one secret while it rotates them.</li>
 *   <li>Entries of other schemes ({@code v1=...}) are ignored, so that a new scheme does not break this one;
 *       an entry without {@code =} is malformed.</li>
 * </ul>
 * Messages name the faulty part but never repeat a signature.
 */
final class SignatureHeader {

    /** The HTTP header the Agents Platform signs webhooks in. */
    static final String NAME = "ElevenLabs-Signature";

    private static final int SIGNATURE_HEX_DIGITS = 64;
    private static final int MAX_TIMESTAMP_DIGITS = 18;

    final String timestampText;
    final long timestamp;
    final List<byte[]> signatures;

    private SignatureHeader(String timestampText, List<byte[]> signatures) {
        this.timestampText = timestampText;
        this.timestamp = Long.parseLong(timestampText);
        this.signatures = Collections.unmodifiableList(signatures);
    }

    static SignatureHeader parse(String header) {
        if (header == null || isBlank(header)) {
            throw new MissingSignatureException("The webhook request has no " + NAME + " header (or an empty one):"
                    + " pass the value of the request's " + NAME + " header. If it is really absent, the request"
                    + " does not come from the Agents Platform or the webhook was created without HMAC"
                    + " authentication.");
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        int start = 0;
        while (start <= header.length()) {
            int comma = header.indexOf(',', start);
            int end = comma < 0 ? header.length() : comma;
            String entry = trim(header, start, end);
            start = end + 1;
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw malformed("an entry has no '=' (expected key=value entries such as t=... and v0=...)");
            }
            String key = entry.substring(0, equals);
            String value = entry.substring(equals + 1);
            if (key.equals("t")) {
                if (timestamp != null) {
                    throw malformed("it has more than one t= entry, so the signed timestamp is ambiguous");
                }
                timestamp = checkedTimestamp(value);
            } else if (key.equals("v0")) {
                signatures.add(checkedSignature(value));
            }
        }
        if (timestamp == null) {
            throw malformed("it has no t= entry (the unix time, in seconds, the request was signed at)");
        }
        if (signatures.isEmpty()) {
            throw malformed("it has no v0= entry (the HMAC-SHA256 signature, in hex)");
        }
        return new SignatureHeader(timestamp, signatures);
    }

    private static String checkedTimestamp(String value) {
        if (value.isEmpty() || value.length() > MAX_TIMESTAMP_DIGITS) {
            throw malformed("its t= must be unix seconds of 1 to " + MAX_TIMESTAMP_DIGITS + " digits, but it has "
                    + value.length() + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed("its t= must be unix seconds in decimal digits, but it holds '" + printable(c)
                        + "' at position " + i);
            }
        }
        return value;
    }

    private static byte[] checkedSignature(String value) {
        if (value.isEmpty()) {
            throw malformed("a v0= entry is empty");
        }
        if (value.length() != SIGNATURE_HEX_DIGITS) {
            throw malformed("a v0= entry has " + value.length() + " characters; an HMAC-SHA256 signature in hex has "
                    + SIGNATURE_HEX_DIGITS);
        }
        byte[] bytes = new byte[SIGNATURE_HEX_DIGITS / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(value.charAt(2 * i), 16);
            int low = Character.digit(value.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0 || !isAscii(value.charAt(2 * i)) || !isAscii(value.charAt(2 * i + 1))) {
                throw malformed("a v0= entry is not hexadecimal (only 0-9 and a-f may appear)");
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    private static MalformedSignatureException malformed(String what) {
        return new MalformedSignatureException("The " + NAME + " header is malformed: " + what + ". The Agents"
                + " Platform sends t=<unix seconds>,v0=<hex signature>; pass the header's value unchanged.");
    }

    private static String trim(String s, int start, int end) {
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isBlank(String s) {
        return trim(s, 0, s.length()).isEmpty();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isAscii(char c) {
        return c < 0x80;
    }

    /** A character for a message: printable ASCII as is, anything else as its code. */
    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
