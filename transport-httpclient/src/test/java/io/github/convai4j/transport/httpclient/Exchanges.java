package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test helpers: the sync and async paths behind one call. */
final class Exchanges {
    enum Mode { SYNC, ASYNC }

    private Exchanges() {
    }

    static HttpResponse send(Transport transport, HttpRequest request, Mode mode) throws IOException {
        if (mode == Mode.SYNC) {
            return transport.execute(request);
        }
        try {
            return transport.executeAsync(request).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new AssertionError("unexpected failure type", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    static String readString(HttpResponse response) throws IOException {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Deterministic, cheap bytes: the low byte of a running counter mixed with a multiplier. */
    static byte patternByte(long i) {
        return (byte) (i * 31 + (i >>> 11));
    }

    /** An endless-looking stream of pattern bytes, {@code length} long, generated on the fly. */
    static InputStream patternStream(long length) {
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                return pos < length ? patternByte(pos++) & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - pos);
                for (int i = 0; i < n; i++) {
                    b[off + i] = patternByte(pos++);
                }
                return n;
            }
        };
    }
}
