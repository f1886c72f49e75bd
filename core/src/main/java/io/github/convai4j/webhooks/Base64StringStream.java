package io.github.convai4j.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes a JSON string of base64 ({@code full_audio}) straight from the request body, as it is read, so
 * that the audio is never held whole: the bytes after the string's opening quote that the JSON parser had
 * buffered come first, then the rest of the body.
 *
 * <p>Accepted inside the string: the standard base64 alphabet, {@code =} padding at the end (or none), the
 * JSON escapes {@code \/} and {@code \u002F}-style escapes of alphabet characters, and escaped line breaks
 * ({@code \n}, {@code \r}), which are skipped as MIME base64 has them. Anything else is a
 * {@link WebhookPayloadException}.
 *
 * <p>At the closing quote it reads the rest of the body to its end (at most {@link #MAX_TAIL_BYTES}; only a
 * few members follow the audio) before it reports the end of the audio: the end of the body is where a
 * {@link SignatureCheckingInputStream} checks the signature, so the audio ends only once it is verified. The
 * bytes after the quote are then {@link #remainder()}, from which the event is read on.
 *
 * <p>{@link #close()} does not close the body. Not thread-safe.
 */
final class Base64StringStream extends InputStream {

    /** The most the body may hold after {@code full_audio}'s closing quote: {@value} bytes. */
    static final int MAX_TAIL_BYTES = 1024 * 1024;

    private static final int END = -1;
    private static final int PAD = -2;
    private static final byte[] DECODE = new byte[128];

    static {
        java.util.Arrays.fill(DECODE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            DECODE[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final InputStream body;
    private byte[] buffer;
    private int position;
    private int limit;

    /** Decoded bytes not yet returned (a quantum gives up to three). */
    private final byte[] pending = new byte[3];
    private int pendingStart;
    private int pendingEnd;

    private boolean ended;
    private long decoded;
    private byte[] remainder;

    Base64StringStream(byte[] buffered, InputStream body) {
        this.body = body;
        this.buffer = buffered.length >= 8192 ? buffered : java.util.Arrays.copyOf(buffered, 8192);
        this.limit = buffered.length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] out, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written < length) {
            if (pendingStart < pendingEnd) {
                int n = Math.min(length - written, pendingEnd - pendingStart);
                System.arraycopy(pending, pendingStart, out, offset + written, n);
                pendingStart += n;
                written += n;
                continue;
            }
            if (ended || !decodeQuantum()) {
                break;
            }
        }
        decoded += written;
        return written == 0 && ended ? -1 : written;
    }

    /** Decoded so far (returned by {@code read}). */
    long decodedBytes() {
        return decoded;
    }

    /** Reads (and decodes, to check it) whatever is left of the string. */
    void drain() throws IOException {
        byte[] sink = new byte[8192];
        while (read(sink, 0, sink.length) >= 0) {
            // discarded
        }
    }

    /** The body after the string's closing quote, to its end; available once the string has ended. */
    byte[] remainder() {
        if (remainder == null) {
            throw new IllegalStateException("the audio string has not been read to its end");
        }
        return remainder;
    }

    @Override
    public void close() {
        // The body belongs to whoever parses the event; what is left of the audio is drained by the reader.
    }

    /**
     * Decodes the next group of four symbols into {@link #pending}.
     *
     * @return {@code false} at the end of the string
     */
    private boolean decodeQuantum() throws IOException {
        int[] symbols = new int[4];
        int count = 0;
        while (count < 4) {
            int symbol = nextSymbol();
            if (symbol == END) {
                break;
            }
            if (symbol == PAD) {
                // Padding closes the data: "xx==" or "xxx=", then the string must end.
                if (count < 2) {
                    throw invalid("'=' where base64 data was expected");
                }
                int expectedPads = 4 - count;
                for (int i = 1; i < expectedPads; i++) {
                    if (nextSymbol() != PAD) {
                        throw invalid("incomplete '=' padding");
                    }
                }
                if (nextSymbol() != END) {
                    throw invalid("data after the '=' padding");
                }
                break;
            }
            symbols[count++] = symbol;
        }
        if (count == 0) {
            return false; // the string ended on a group boundary
        }
        if (count == 1) {
            throw invalid("a single base64 character at the end (a cut-off value?)");
        }
        int bits = symbols[0] << 18 | symbols[1] << 12 | (count > 2 ? symbols[2] << 6 : 0) | (count > 3 ? symbols[3] : 0);
        pending[0] = (byte) (bits >> 16);
        pending[1] = (byte) (bits >> 8);
        pending[2] = (byte) bits;
        pendingStart = 0;
        pendingEnd = count - 1;
        return true;
    }

    /** The next base64 symbol (0 to 63), {@link #PAD} or {@link #END}. */
    private int nextSymbol() throws IOException {
        if (ended) {
            return END;
        }
        while (true) {
            int b = nextByte();
            if (b == '"') {
                end();
                return END;
            }
            if (b == '\\') {
                int escaped = escape();
                if (escaped == '\n' || escaped == '\r') {
                    continue;
                }
                return symbol(escaped);
            }
            if (b < 0x20) {
                throw invalid("a control character inside the string (not valid JSON)");
            }
            return symbol(b);
        }
    }

    private int symbol(int c) {
        if (c == '=') {
            return PAD;
        }
        if (c < 128 && DECODE[c] >= 0) {
            return DECODE[c];
        }
        throw invalid("a character outside the base64 alphabet");
    }

    /** The character of an escape sequence whose backslash has been read. */
    private int escape() throws IOException {
        int c = nextByte();
        switch (c) {
            case '/':
            case '"':
            case '\\':
                return c;
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 'b':
            case 'f':
            case 't':
                return 0; // not base64: rejected by symbol()
            case 'u': {
                int value = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(nextByte(), 16);
                    if (digit < 0) {
                        throw invalid("a \\u escape without four hexadecimal digits (not valid JSON)");
                    }
                    value = value << 4 | digit;
                }
                return value;
            }
            default:
                throw invalid("an unknown escape sequence (not valid JSON)");
        }
    }

    private int nextByte() throws IOException {
        if (position == limit) {
            position = 0;
            limit = 0;
            int n;
            do {
                n = body.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                throw new WebhookPayloadException("The webhook body ends inside full_audio: it was cut short.", null);
            }
            limit = n;
        }
        return buffer[position++] & 0xFF;
    }

    /** At the closing quote: reads the rest of the body, so that the body's end (and its check) comes first. */
    private void end() throws IOException {
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        tail.write(buffer, position, limit - position);
        position = limit;
        int n;
        while ((n = body.read(buffer, 0, buffer.length)) >= 0) {
            tail.write(buffer, 0, n);
            if (tail.size() > MAX_TAIL_BYTES) {
                throw new WebhookPayloadException("More than " + MAX_TAIL_BYTES + " bytes follow full_audio in the"
                        + " webhook body: not a post-call audio event as the platform sends it.", null);
            }
        }
        remainder = tail.toByteArray();
        buffer = new byte[0];
        ended = true;
    }

    private static WebhookPayloadException invalid(String what) {
        return new WebhookPayloadException("The full_audio of the webhook event is not valid base64: " + what + ".",
                null);
    }
}
