package io.github.convai4j.internal;

import io.github.convai4j.errors.ApiError;
import io.github.convai4j.errors.DecodingException;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Undoes the {@code Content-Encoding} of a response that the client asked to be compressed
 * ({@code Accept-Encoding: gzip, deflate}): the body is inflated as the caller reads it (nothing is read
 * ahead or buffered whole), and {@code Content-Encoding} and {@code Content-Length} (which described the
 * compressed bytes) are dropped from the headers the caller sees.
 *
 * <p>The inflated size is capped: a small body that inflates past the cap (a "zip bomb") fails with a
 * {@link DecodingException} as soon as the cap is passed, as does a body whose compressed data is corrupt.
 * Uses only {@code java.util.zip}, which Android has.
 */
final class ContentDecoding {

    /** What the client sends when it may decompress. */
    static final String ACCEPT_ENCODING = "gzip, deflate";

    private ContentDecoding() {
    }

    /**
     * Returns the response with its body decoded, or the response itself if it is not encoded.
     *
     * @throws DecodingException if the response uses an encoding the client did not ask for
     */
    static HttpResponse decode(HttpResponse response, String operation, long maxInflatedBytes) {
        List<String> codings = codings(response.headers());
        if (codings.isEmpty()) {
            return response;
        }
        for (String coding : codings) {
            if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("deflate")) {
                throw new DecodingException("The response of " + operation + " has Content-Encoding '" + coding
                        + "', which the client did not ask for (it accepts " + ACCEPT_ENCODING + ")",
                        response.statusCode(), ApiError.requestIdOf(response.headers()),
                        null);
            }
        }
        InputStream body = response.body();
        // Codings are listed in the order they were applied: undo them last first.
        for (int i = codings.size() - 1; i >= 0; i--) {
            body = new LazyInflatingStream(body, codings.get(i).equals("deflate"));
        }
        body = new CappedStream(body, maxInflatedBytes, operation, response);
        Headers headers = response.headers().toBuilder()
                .remove("Content-Encoding")
                .remove("Content-Length")
                .build();
        return new HttpResponse(response.statusCode(), headers, body);
    }

    /** The content codings of a response, lower case, {@code identity} left out. */
    static List<String> codings(Headers headers) {
        List<String> codings = new ArrayList<>();
        for (String value : headers.values("Content-Encoding")) {
            for (String token : value.split(",")) {
                String coding = token.trim().toLowerCase(Locale.ROOT);
                if (!coding.isEmpty() && !coding.equals("identity")) {
                    codings.add(coding);
                }
            }
        }
        return codings;
    }

    /**
     * Inflates gzip or deflate data, opening the inflater at the first read (a gzip stream reads its header
     * when made, which must not block or fail before the caller reads). An empty body stays empty: servers
     * send {@code Content-Encoding: gzip} with a 204 or an empty error body. Corrupt data is a
     * {@link ZipException}, which {@link CappedStream} turns into a {@link DecodingException}.
     */
    private static final class LazyInflatingStream extends InputStream {
        private final PushbackInputStream source;
        private final boolean deflate;
        private InputStream inflating;
        private Inflater inflater;
        private boolean empty;

        LazyInflatingStream(InputStream source, boolean deflate) {
            this.source = new PushbackInputStream(source, 2);
            this.deflate = deflate;
        }

        private InputStream open() throws IOException {
            if (inflating == null && !empty) {
                int first = source.read();
                if (first < 0) {
                    empty = true;
                    return null;
                }
                source.unread(first);
                if (deflate) {
                    // "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate data.
                    inflater = new Inflater(!looksLikeZlib(first));
                    inflating = new InflaterInputStream(source, inflater, 8192);
                } else {
                    inflating = new GZIPInputStream(source, 8192);
                }
            }
            return inflating;
        }

        private boolean looksLikeZlib(int first) throws IOException {
            // Peek at the second byte too: CMF and FLG together are a multiple of 31 in a zlib header.
            source.read();
            int second = source.read();
            if (second >= 0) {
                source.unread(second);
            }
            source.unread(first);
            return (first & 0x0f) == 8 && second >= 0 && ((first << 8) | second) % 31 == 0;
        }

        @Override
        public int read() throws IOException {
            InputStream in = open();
            return in == null ? -1 : in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            InputStream in = open();
            return in == null ? -1 : in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return inflating == null ? 0 : inflating.available();
        }

        @Override
        public void close() throws IOException {
            try {
                source.close();
            } finally {
                if (inflater != null) {
                    inflater.end(); // an Inflater passed in is not ended by InflaterInputStream.close()
                }
                if (inflating != null) {
                    inflating.close();
                }
            }
        }
    }

    /**
     * Counts inflated bytes and fails once they pass the cap; turns corrupt compressed data into a
     * {@link DecodingException} (not retried: the same request would get the same bytes).
     */
    private static final class CappedStream extends FilterInputStream {
        private final long cap;
        private final String operation;
        private final int status;
        private final String requestId;
        private long inflated;

        CappedStream(InputStream in, long cap, String operation, HttpResponse response) {
            super(in);
            this.cap = cap;
            this.operation = operation;
            this.status = response.statusCode();
            this.requestId = ApiError.requestIdOf(response.headers());
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (ZipException e) {
                throw new DecodingException("The compressed response of " + operation + " is corrupt: "
                        + e.getMessage(), status, requestId, e);
            }
            // An EOFException (the compressed data ended early) stays an I/O failure: the connection was cut.
            if (n > 0) {
                inflated += n;
                if (inflated > cap) {
                    throw new DecodingException("The response of " + operation + " inflates to more than " + cap
                            + " bytes, the client's limit (ClientOptions.Builder#maxInflatedSize); it was refused"
                            + " as a possible decompression bomb", status, requestId, null);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
