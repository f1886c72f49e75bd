package io.github.convai4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Stream copying with one bounded buffer. */
final class Streams {
    static final int BUFFER_SIZE = 16 * 1024;

    private Streams() {
    }

    static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
